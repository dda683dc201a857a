#include "shared/history/historyevent.h"

#include "shared/history/actor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hacmp {

namespace {

/// Appends s as a JSON string literal (UTF-8, with the escapes JSON requires).
void appendJsonString(QByteArray &out, const QString &s)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.append('"');
    for (const char c : s.toUtf8()) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (byte < 0x20) {
                out.append("\\u00");
                out.append(hex[byte >> 4]);
                out.append(hex[byte & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

bool readString(const QJsonObject &object, QLatin1String key, bool required, QString *value)
{
    const QJsonValue field = object.value(key);
    if (field.isUndefined())
        return !required;
    if (!field.isString())
        return false;
    *value = field.toString();
    return true;
}

bool readCount(const QJsonObject &object, QLatin1String key, bool required, quint64 *value)
{
    const QJsonValue field = object.value(key);
    if (field.isUndefined())
        return !required;
    if (!field.isDouble())
        return false;
    const qint64 number = field.toInteger(-1);
    if (number < 0)
        return false;
    *value = quint64(number);
    return true;
}

using StringPool = HistoryTextPool;

/// Compares as QString's operator<, faster for the short texts that mostly share a prefix (times).
int compareText(const QString &a, const QString &b)
{
    if (a.constData() == b.constData() && a.size() == b.size())
        return 0;
    const QChar *left = a.constData();
    const QChar *right = b.constData();
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        const char16_t l = left[i].unicode();
        const char16_t r = right[i].unicode();
        if (l == r)
            continue;
        if (l >= 0xd800 || r >= 0xd800)
            break; // surrogates and beyond: as Qt orders them
        return l < r ? -1 : 1;
    }
    return QString::compare(a, b);
}

/// The fast path of decodeHistoryLine, several times quicker than QJsonDocument (the console loads
/// hundreds of thousands of lines). It accepts only the plain lines hacmp writes: a flat object of
/// ASCII strings (simple escapes) and non-negative integers with all required fields, each known
/// key once. For anything else it gives up and the general parser decides, so both paths agree.
class FlatLineScanner final
{
public:
    /// pool: shares the texts of writer, event and node with other lines (may be null).
    FlatLineScanner(QByteArrayView line, StringPool *pool)
        : m_line(line)
        , m_pool(pool)
    { }

    std::optional<HistoryEvent> scan()
    {
        HistoryEvent event;
        unsigned seen = 0;
        skipSpace();
        if (!take('{'))
            return std::nullopt;
        skipSpace();
        if (peek() != '}') {
            do {
                skipSpace();
                bool escaped = false;
                const std::optional<QByteArrayView> key = rawString(&escaped);
                skipSpace();
                if (!key || escaped || !take(':'))
                    return std::nullopt;
                skipSpace();
                if (!value(*key, event, seen))
                    return std::nullopt;
                skipSpace();
            } while (take(','));
        }
        if (!take('}'))
            return std::nullopt;
        skipSpace();
        const unsigned required = kTime | kWriter | kSeq | kEvent;
        if (m_pos != m_line.size() || (seen & required) != required || event.time.isEmpty() || event.event.isEmpty())
            return std::nullopt;
        return event;
    }

private:
    enum Field : unsigned { kTime = 1, kWriter = 2, kSeq = 4, kEpoch = 8, kEvent = 16, kNode = 32, kDetail = 64 };

    char peek() const { return m_pos < m_line.size() ? m_line[m_pos] : '\0'; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpace()
    {
        while (m_pos < m_line.size()) {
            const char c = m_line[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    /// The text between the quotes of a string of printable ASCII with the escapes other than \u
    /// (not yet resolved; escaped tells whether there are any); nullopt for any other string.
    std::optional<QByteArrayView> rawString(bool *escaped)
    {
        *escaped = false;
        if (!take('"'))
            return std::nullopt;
        const qsizetype start = m_pos;
        while (m_pos < m_line.size()) {
            const char c = m_line[m_pos];
            if (c == '"')
                return m_line.sliced(start, m_pos++ - start);
            if (c < 0x20 || c > 0x7e)
                return std::nullopt; // control characters are invalid, non-ASCII needs UTF-8 validation
            if (c == '\\') {
                const char next = ++m_pos < m_line.size() ? m_line[m_pos] : '\0';
                if (next != '"' && next != '\\' && next != '/' && next != 'b' && next != 'f' && next != 'n'
                    && next != 'r' && next != 't')
                    return std::nullopt;
                *escaped = true;
            }
            ++m_pos;
        }
        return std::nullopt;
    }

    static QString unescaped(QByteArrayView raw, bool escaped)
    {
        if (!escaped)
            return QString::fromLatin1(raw);
        QString text;
        text.reserve(raw.size());
        for (qsizetype i = 0; i < raw.size(); ++i) {
            char c = raw[i];
            if (c == '\\') {
                switch (raw[++i]) {
                case 'b':
                    c = '\b';
                    break;
                case 'f':
                    c = '\f';
                    break;
                case 'n':
                    c = '\n';
                    break;
                case 'r':
                    c = '\r';
                    break;
                case 't':
                    c = '\t';
                    break;
                default: // '"', '\\' and '/' stand for themselves
                    c = raw[i];
                }
            }
            text.append(QLatin1Char(c));
        }
        return text;
    }

    /// A non-negative integer in plain notation that fits qint64; nullopt otherwise.
    std::optional<quint64> integer()
    {
        const qsizetype start = m_pos;
        quint64 number = 0;
        while (peek() >= '0' && peek() <= '9') {
            number = number * 10 + quint64(peek() - '0');
            if (++m_pos - start > 18)
                return std::nullopt;
        }
        const qsizetype digits = m_pos - start;
        if (digits == 0 || (digits > 1 && m_line[start] == '0') || peek() == '.' || peek() == 'e' || peek() == 'E')
            return std::nullopt;
        return number;
    }

    bool value(QByteArrayView key, HistoryEvent &event, unsigned &seen)
    {
        QString *text = nullptr;
        quint64 *count = nullptr;
        unsigned field = 0;
        if (key == QByteArrayView("time", 4)) {
            text = &event.time;
            field = kTime;
        } else if (key == QByteArrayView("writer", 6)) {
            text = &event.writer;
            field = kWriter;
        } else if (key == QByteArrayView("seq", 3)) {
            count = &event.seq;
            field = kSeq;
        } else if (key == QByteArrayView("epoch", 5)) {
            count = &event.epoch;
            field = kEpoch;
        } else if (key == QByteArrayView("event", 5)) {
            text = &event.event;
            field = kEvent;
        } else if (key == QByteArrayView("node", 4)) {
            text = &event.node;
            field = kNode;
        } else if (key == QByteArrayView("detail", 6)) {
            text = &event.detail;
            field = kDetail;
        }
        if (field != 0) {
            if (seen & field)
                return false; // a repeated key: let the general parser decide which counts
            seen |= field;
        }
        if (peek() == '"') {
            bool escaped = false;
            const std::optional<QByteArrayView> raw = rawString(&escaped);
            if (!raw || count)
                return false;
            if (text && m_pool && !escaped && (field & (kWriter | kEvent | kNode)))
                *text = m_pool->text(*raw);
            else if (text)
                *text = unescaped(*raw, escaped);
            return true;
        }
        const std::optional<quint64> parsed = integer();
        if (!parsed || text)
            return false;
        if (count)
            *count = *parsed;
        return true;
    }

    QByteArrayView m_line;
    StringPool *m_pool;
    qsizetype m_pos = 0;
};

} // namespace

struct HistoryTextPool::Strings
{
    static constexpr std::size_t kMax = 4096; ///< hand-edited files may hold any text in these fields

    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view> {}(text); }
    };
    std::unordered_map<std::string, QString, Hash, std::equal_to<>> map;
};

HistoryTextPool::HistoryTextPool()
    : m_strings(std::make_unique<Strings>())
{ }

HistoryTextPool::~HistoryTextPool() = default;

QString HistoryTextPool::text(QByteArrayView raw)
{
    const std::string_view key(raw.data(), std::size_t(raw.size()));
    const auto it = m_strings->map.find(key);
    if (it != m_strings->map.end())
        return it->second;
    QString text = QString::fromLatin1(raw);
    if (m_strings->map.size() < Strings::kMax)
        m_strings->map.emplace(std::string(key), text);
    return text;
}

namespace {
/// The name of each EventKind, in its order: the one table of event names.
constexpr const char *kEventNames[]
    = { historyevents::AgentStart, historyevents::AgentStop, historyevents::RoleChange, historyevents::AppStart,
          historyevents::AppExit, historyevents::AppRestart, historyevents::AppFailed, historyevents::LeaseLapsed,
          historyevents::GuardKill, historyevents::NodeDead, historyevents::StorageLost, historyevents::StorageRestored,
          historyevents::MaintenanceOn, historyevents::MaintenanceOff, historyevents::StandbyOn,
          historyevents::StandbyOff, historyevents::SwitchoverRequested, historyevents::SwitchoverDone,
          historyevents::SwitchoverRefused, historyevents::DuplicateNode, historyevents::ConfigRejected,
          historyevents::Incident, historyevents::ClearFailures, historyevents::AppStartDeferred,
          historyevents::AppLeftRunning, historyevents::InstanceOutsideGuard, historyevents::AppRunRequested,
          historyevents::AppStopRequested, historyevents::AppRequestDone, historyevents::AppRequestRefused };
static_assert(std::size(kEventNames) == std::size_t(EventKind::AppRequestRefused) + 1, "one name for every EventKind");
} // namespace

QLatin1String eventName(EventKind kind)
{
    return QLatin1String(kEventNames[std::size_t(kind)]);
}

QStringList historyEventNames()
{
    QStringList names;
    for (const char *name : kEventNames)
        names.append(QLatin1String(name));
    return names;
}

QByteArray encodeHistoryLine(const HistoryEvent &event)
{
    QByteArray line;
    line.reserve(128 + event.detail.size());
    line.append("{\"time\":");
    appendJsonString(line, event.time);
    line.append(",\"writer\":");
    appendJsonString(line, event.writer);
    line.append(",\"seq\":");
    line.append(QByteArray::number(event.seq));
    line.append(",\"epoch\":");
    line.append(QByteArray::number(event.epoch));
    line.append(",\"event\":");
    appendJsonString(line, event.event);
    line.append(",\"node\":");
    appendJsonString(line, event.node);
    line.append(",\"detail\":");
    appendJsonString(line, event.detail);
    line.append("}\n");
    return line;
}

namespace {

std::optional<HistoryEvent> decodeLine(QByteArrayView line, StringPool *pool)
{
    if (std::optional<HistoryEvent> event = FlatLineScanner(line, pool).scan())
        return event;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    HistoryEvent event;
    const bool valid = readString(object, QLatin1String("time"), true, &event.time)
        && readString(object, QLatin1String("writer"), true, &event.writer)
        && readCount(object, QLatin1String("seq"), true, &event.seq)
        && readCount(object, QLatin1String("epoch"), false, &event.epoch)
        && readString(object, QLatin1String("event"), true, &event.event)
        && readString(object, QLatin1String("node"), false, &event.node)
        && readString(object, QLatin1String("detail"), false, &event.detail);
    if (!valid || event.time.isEmpty() || event.event.isEmpty())
        return std::nullopt;
    return event;
}

} // namespace

std::optional<HistoryEvent> decodeHistoryLine(QByteArrayView line)
{
    return decodeLine(line, nullptr);
}

bool historyEventLess(const HistoryEvent &a, const HistoryEvent &b)
{
    if (const int order = compareText(a.time, b.time))
        return order < 0;
    if (const int order = compareText(a.writer, b.writer))
        return order < 0;
    return a.seq < b.seq;
}

QString historyFolder()
{
    return QStringLiteral("history");
}

QString historyFilePath(const QString &writer)
{
    return historyFolder() + QLatin1Char('/') + writer + QLatin1String(".jsonl");
}

QString historyRotatedFilePath(const QString &writer)
{
    return historyFilePath(writer) + QLatin1String(".1");
}

std::optional<HistoryFileName> parseHistoryFileName(const QString &fileName)
{
    HistoryFileName parsed;
    QString stem;
    if (fileName.endsWith(QLatin1String(".jsonl.1"))) {
        stem = fileName.chopped(8);
        parsed.rotated = true;
    } else if (fileName.endsWith(QLatin1String(".jsonl"))) {
        stem = fileName.chopped(6);
    } else {
        return std::nullopt;
    }
    if (!isValidWriterName(stem))
        return std::nullopt;
    parsed.writer = stem;
    return parsed;
}

HistoryChunk parseHistoryLines(
    QByteArrayView bytes, qsizetype from, qint64 firstLine, const QString &pathForMessages, HistoryTextPool *pool)
{
    HistoryChunk chunk;
    chunk.consumed = from;
    std::optional<HistoryTextPool> ownPool;
    if (!pool)
        pool = &ownPool.emplace();
    if (from < bytes.size())
        chunk.events.reserve(std::count(bytes.begin() + from, bytes.end(), '\n'));
    qsizetype start = from;
    while (start < bytes.size()) {
        const qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            break; // an unterminated last line: a write in progress or torn
        const QByteArrayView line = bytes.sliced(start, end - start);
        const qint64 lineNumber = firstLine + chunk.lines;
        if (!line.trimmed().isEmpty()) {
            if (std::optional<HistoryEvent> event = decodeLine(line, pool)) {
                chunk.events.append(std::move(*event));
            } else {
                if (end + 1 == bytes.size())
                    break; // the last line: possibly torn, judged once another line follows
                chunk.problems.append(
                    QStringLiteral("%1 line %2: not a valid history event (torn write or edited by hand?); skipped")
                        .arg(pathForMessages)
                        .arg(lineNumber));
            }
        }
        ++chunk.lines;
        start = end + 1;
        chunk.consumed = start;
    }
    return chunk;
}

} // namespace hacmp
