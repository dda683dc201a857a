#include "shared/base/jsonwriter.h"

namespace hacmp {

JsonWriter::JsonWriter()
{
    m_out.reserve(512);
    m_out.push_back('{');
}

void JsonWriter::key(const char *name)
{
    if (!m_first)
        m_out.push_back(',');
    m_first = false;
    m_out.push_back('"');
    m_out.append(name);
    m_out.append("\":");
}

void JsonWriter::string(const QString &value)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const QByteArray utf8 = value.toUtf8();
    m_out.push_back('"');
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            m_out.push_back('\\');
            m_out.push_back(c);
        } else if (byte < 0x20) {
            m_out.append("\\u00");
            m_out.push_back(kHex[byte >> 4]);
            m_out.push_back(kHex[byte & 0xF]);
        } else {
            m_out.push_back(c);
        }
    }
    m_out.push_back('"');
}

JsonWriter &JsonWriter::field(const char *name, const QString &value)
{
    key(name);
    string(value);
    return *this;
}

JsonWriter &JsonWriter::field(const char *name, std::int64_t value)
{
    key(name);
    m_out.append(std::to_string(value));
    return *this;
}

JsonWriter &JsonWriter::field(const char *name, bool value)
{
    key(name);
    m_out.append(value ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::field(const char *name, const QList<std::int64_t> &values)
{
    key(name);
    m_out.push_back('[');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            m_out.push_back(',');
        m_out.append(std::to_string(values.at(i)));
    }
    m_out.push_back(']');
    return *this;
}

JsonWriter &JsonWriter::nullField(const char *name)
{
    key(name);
    m_out.append("null");
    return *this;
}

JsonWriter &JsonWriter::object(const char *name)
{
    key(name);
    m_out.push_back('{');
    m_first = true;
    return *this;
}

JsonWriter &JsonWriter::end()
{
    m_out.push_back('}');
    m_first = false;
    return *this;
}

const std::string &JsonWriter::finish()
{
    m_out.push_back('}');
    return m_out;
}

} // namespace hacmp
