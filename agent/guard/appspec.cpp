#include "agent/guard/appspec.h"

#include <charconv>
#include <optional>
#include <set>

namespace hacmp::guard {

namespace {

constexpr long long kMaxStopGraceMs = 24LL * 3600 * 1000;

/// A cursor over the JSON text; every parse function either consumes its token or records an error.
class JsonCursor
{
public:
    explicit JsonCursor(std::string_view text)
        : m_text(text)
    { }

    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }
    bool atEnd()
    {
        skipSpace();
        return m_pos == m_text.size();
    }

    bool fail(const std::string &message)
    {
        if (m_error.empty())
            m_error = message + " at offset " + std::to_string(m_pos);
        return false;
    }

    bool expect(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return fail(std::string("expected '") + c + '\'');
    }

    bool peek(char c)
    {
        skipSpace();
        return m_pos < m_text.size() && m_text[m_pos] == c;
    }

    std::optional<std::string> string();
    std::optional<long long> integer();

private:
    void skipSpace()
    {
        while (m_pos < m_text.size()
            && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\r' || m_text[m_pos] == '\n'))
            ++m_pos;
    }
    std::optional<unsigned> hex4();
    static void appendUtf8(std::string &out, unsigned codePoint);

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::string m_error;
};

std::optional<unsigned> JsonCursor::hex4()
{
    if (m_text.size() - m_pos < 4) {
        fail("truncated \\u escape");
        return std::nullopt;
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(m_text.data() + m_pos, m_text.data() + m_pos + 4, value, 16);
    if (ec != std::errc() || end != m_text.data() + m_pos + 4) {
        fail("bad \\u escape");
        return std::nullopt;
    }
    m_pos += 4;
    return value;
}

void JsonCursor::appendUtf8(std::string &out, unsigned codePoint)
{
    if (codePoint < 0x80) {
        out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        out += static_cast<char>(0xC0 | (codePoint >> 6));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        out += static_cast<char>(0xE0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (codePoint >> 18));
        out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
}

std::optional<std::string> JsonCursor::string()
{
    if (!expect('"'))
        return std::nullopt;
    std::string out;
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos++];
        if (c == '"')
            return out;
        if (static_cast<unsigned char>(c) < 0x20) {
            fail("control character in a string");
            return std::nullopt;
        }
        if (c != '\\') {
            out += c;
            continue;
        }
        if (m_pos == m_text.size())
            break;
        const char escape = m_text[m_pos++];
        switch (escape) {
        case '"':
        case '\\':
        case '/':
            out += escape;
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            std::optional<unsigned> unit = hex4();
            if (!unit)
                return std::nullopt;
            unsigned codePoint = *unit;
            if (codePoint >= 0xD800 && codePoint < 0xDC00) {
                if (m_text.substr(m_pos, 2) != "\\u") {
                    fail("unpaired surrogate");
                    return std::nullopt;
                }
                m_pos += 2;
                const std::optional<unsigned> low = hex4();
                if (!low)
                    return std::nullopt;
                if (*low < 0xDC00 || *low >= 0xE000) {
                    fail("unpaired surrogate");
                    return std::nullopt;
                }
                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (*low - 0xDC00);
            } else if (codePoint >= 0xDC00 && codePoint < 0xE000) {
                fail("unpaired surrogate");
                return std::nullopt;
            }
            if (codePoint == 0) {
                fail("NUL character in a string");
                return std::nullopt;
            }
            appendUtf8(out, codePoint);
            break;
        }
        default:
            fail("bad escape");
            return std::nullopt;
        }
    }
    fail("unterminated string");
    return std::nullopt;
}

std::optional<long long> JsonCursor::integer()
{
    skipSpace();
    long long value = 0;
    const char *begin = m_text.data() + m_pos;
    const char *end = m_text.data() + m_text.size();
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || (stop < end && (*stop == '.' || *stop == 'e' || *stop == 'E'))) {
        fail("expected an integer");
        return std::nullopt;
    }
    if (*begin == '-' ? (stop - begin > 2 && begin[1] == '0') : (stop - begin > 1 && *begin == '0')) {
        fail("leading zero in a number");
        return std::nullopt;
    }
    m_pos += static_cast<std::size_t>(stop - begin);
    return value;
}

bool parseStringArray(JsonCursor &cursor, std::vector<std::string> &out)
{
    if (!cursor.expect('['))
        return false;
    if (cursor.peek(']'))
        return cursor.expect(']');
    do {
        std::optional<std::string> item = cursor.string();
        if (!item)
            return false;
        out.push_back(std::move(*item));
    } while (cursor.peek(',') && cursor.expect(','));
    return cursor.expect(']');
}

bool parseMember(JsonCursor &cursor, const std::string &key, AppSpec &spec)
{
    if (key == "argv")
        return parseStringArray(cursor, spec.argv);
    if (key == "env")
        return parseStringArray(cursor, spec.env);
    if (key == "stop_grace_ms") {
        const std::optional<long long> grace = cursor.integer();
        if (!grace)
            return false;
        if (*grace < 0 || *grace > kMaxStopGraceMs)
            return cursor.fail("stop_grace_ms must lie between 0 and " + std::to_string(kMaxStopGraceMs));
        spec.stopGraceMs = *grace;
        return true;
    }
    std::string *field = key == "user" ? &spec.user
        : key == "group"               ? &spec.group
        : key == "cwd"                 ? &spec.cwd
        : key == "node"                ? &spec.node
        : key == "cluster_dir"         ? &spec.clusterDir
                                       : nullptr;
    if (!field)
        return cursor.fail("unknown key \"" + key + '"');
    std::optional<std::string> value = cursor.string();
    if (!value)
        return false;
    *field = std::move(*value);
    return true;
}

} // namespace

Outcome<AppSpec> parseAppSpec(std::string_view json)
{
    JsonCursor cursor(json);
    AppSpec spec;
    std::set<std::string> seen;
    bool ok = cursor.expect('{');
    if (ok && cursor.peek('}'))
        ok = cursor.expect('}');
    else if (ok) {
        do {
            std::optional<std::string> key = cursor.string();
            ok = key && cursor.expect(':');
            if (ok && !seen.insert(*key).second)
                ok = cursor.fail("repeated key \"" + *key + '"');
            ok = ok && parseMember(cursor, *key, spec);
        } while (ok && cursor.peek(',') && cursor.expect(','));
        ok = ok && cursor.expect('}');
    }
    if (ok && !cursor.atEnd())
        ok = cursor.fail("text after the object");
    if (!ok)
        return Failure { "spec is not the expected JSON object: " + cursor.error() };
    if (spec.argv.empty() || spec.argv.front().empty())
        return Failure { "spec needs a non-empty \"argv\" (the program and its arguments)" };
    if (!seen.contains("stop_grace_ms"))
        return Failure { "spec needs \"stop_grace_ms\"" };
    for (const std::string &entry : spec.env) {
        if (entry.find('=') == std::string::npos || entry.front() == '=')
            return Failure { "spec env entry \"" + entry + "\" is not KEY=VALUE" };
    }
    return spec;
}

} // namespace hacmp::guard
