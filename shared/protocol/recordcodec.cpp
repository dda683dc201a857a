#include "shared/protocol/recordcodec.h"

#include "shared/base/crc32.h"
#include "shared/base/jsonwriter.h"
#include "shared/config/nodename.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

namespace hacmp {

namespace {

constexpr qsizetype kChecksumSize = 8;
constexpr qsizetype kPayloadSize = kSlotSize - kChecksumSize;
constexpr qint64 kMaxExactInteger = qint64(1) << 53;
constexpr int kIncarnationDigits = 16;

QByteArray checksumText(QByteArrayView payload)
{
    return QByteArray::number(crc32(payload), 16).rightJustified(kChecksumSize, '0');
}

std::optional<quint32> parseChecksum(QByteArrayView text)
{
    if (text.size() != kChecksumSize)
        return std::nullopt;
    quint32 value = 0;
    for (const char c : text) {
        int digit = 0;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else
            return std::nullopt;
        value = (value << 4) | quint32(digit);
    }
    return value;
}

bool allBytesAre(QByteArrayView bytes, char value)
{
    return std::all_of(bytes.begin(), bytes.end(), [value](char c) { return c == value; });
}

bool isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

QString incarnationText(std::uint64_t incarnation)
{
    return QStringLiteral("%1").arg(quint64(incarnation), kIncarnationDigits, 16, QLatin1Char('0'));
}

std::optional<std::uint64_t> parseIncarnation(const QString &text)
{
    if (text.size() != kIncarnationDigits)
        return std::nullopt;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return std::nullopt;
    }
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok, 16);
    if (!ok)
        return std::nullopt;
    return std::uint64_t(value);
}

/// Reads the fields of one JSON object of a slot; the first problem found wins and later reads
/// return defaults.
class FieldReader final
{
public:
    FieldReader(const QJsonObject &object, QString prefix)
        : m_object(object)
        , m_prefix(std::move(prefix))
    { }

    bool ok() const { return m_problem.isEmpty(); }
    const QString &problem() const { return m_problem; }
    void fail(const QString &problem)
    {
        if (m_problem.isEmpty())
            m_problem = problem;
    }
    QString label(const char *key) const { return m_prefix + QLatin1String(key); }

    /// The value of key, or nullopt (with a problem when required) when it is missing.
    std::optional<QJsonValue> value(const char *key, bool required)
    {
        if (!ok())
            return std::nullopt;
        const auto it = m_object.constFind(QLatin1String(key));
        if (it == m_object.constEnd()) {
            if (required)
                fail(QStringLiteral("field '%1' is missing").arg(label(key)));
            return std::nullopt;
        }
        return *it;
    }

    qint64 integer(const char *key, qint64 min, qint64 max)
    {
        const std::optional<QJsonValue> found = value(key, true);
        if (!found)
            return 0;
        constexpr qint64 notAnInteger = std::numeric_limits<qint64>::min();
        const qint64 number = found->isDouble() ? found->toInteger(notAnInteger) : notAnInteger;
        if (number == notAnInteger || number < min || number > max) {
            fail(QStringLiteral("field '%1' is not an integer from %2 to %3").arg(label(key)).arg(min).arg(max));
            return 0;
        }
        return number;
    }

    std::uint64_t counter(const char *key) { return std::uint64_t(integer(key, 0, kMaxExactInteger)); }

    QString string(const char *key, bool required)
    {
        const std::optional<QJsonValue> found = value(key, required);
        if (!found)
            return {};
        if (!found->isString()) {
            fail(QStringLiteral("field '%1' is not a string").arg(label(key)));
            return {};
        }
        return found->toString();
    }

    bool boolean(const char *key)
    {
        const std::optional<QJsonValue> found = value(key, true);
        if (!found)
            return false;
        if (!found->isBool()) {
            fail(QStringLiteral("field '%1' is not true or false").arg(label(key)));
            return false;
        }
        return found->toBool();
    }

    /// An optional array of pids (at most kMaxOutsidePids); missing: empty.
    QList<std::int64_t> pidList(const char *key)
    {
        const std::optional<QJsonValue> found = value(key, false);
        if (!found)
            return {};
        const QJsonArray array = found->toArray();
        QList<std::int64_t> pids;
        for (const QJsonValue &item : array) {
            const qint64 pid = item.isDouble() ? item.toInteger(-1) : -1;
            if (pid <= 0 || pid > kMaxExactInteger)
                break;
            pids.append(pid);
        }
        if (!found->isArray() || pids.size() != array.size() || pids.size() > kMaxOutsidePids)
            fail(QStringLiteral("field '%1' is not a list of at most %2 pids").arg(label(key)).arg(kMaxOutsidePids));
        return pids;
    }

    QString nodeName(const char *key)
    {
        const QString name = string(key, true);
        if (ok() && !isValidNodeName(name))
            fail(QStringLiteral("field '%1': %2").arg(label(key), nodeNameProblem(name)));
        return name;
    }

private:
    const QJsonObject &m_object;
    QString m_prefix;
    QString m_problem;
};

Role readRole(FieldReader &reader, const char *key)
{
    const QString name = reader.string(key, true);
    if (!reader.ok())
        return Role::Starting;
    const std::optional<Role> role = roleFromName(name);
    if (!role)
        reader.fail(QStringLiteral("field '%1' has the unknown state '%2'").arg(reader.label(key), name.left(40)));
    return role.value_or(Role::Starting);
}

AppStatus readApp(FieldReader &reader)
{
    AppStatus app;
    const std::optional<QJsonValue> found = reader.value("app", true);
    if (!found)
        return app;
    if (!found->isObject()) {
        reader.fail(QStringLiteral("field 'app' is not an object"));
        return app;
    }
    const QJsonObject object = found->toObject();
    FieldReader inner(object, QStringLiteral("app."));
    const QString stateName = inner.string("state", true);
    if (inner.ok()) {
        const std::optional<AppState> state = appStateFromName(stateName);
        if (!state)
            inner.fail(QStringLiteral("field 'app.state' has the unknown state '%1'").arg(stateName.left(40)));
        app.state = state.value_or(AppState::Stopped);
    }
    app.pid = inner.integer("pid", 0, kMaxExactInteger);
    app.since = inner.string("since", false);
    app.outside = inner.pidList("outside");
    if (!inner.ok())
        reader.fail(inner.problem());
    return app;
}

std::optional<Handover> readHandover(FieldReader &reader)
{
    const std::optional<QJsonValue> found = reader.value("handover", false);
    if (!found || found->isNull())
        return std::nullopt;
    if (!found->isObject()) {
        reader.fail(QStringLiteral("field 'handover' is neither an object nor null"));
        return std::nullopt;
    }
    const QJsonObject object = found->toObject();
    FieldReader inner(object, QStringLiteral("handover."));
    Handover handover;
    handover.to = inner.nodeName("to");
    handover.epoch = inner.counter("epoch");
    if (!inner.ok()) {
        reader.fail(inner.problem());
        return std::nullopt;
    }
    return handover;
}

SlotDecode slotProblem(SlotKind kind, const QString &problem)
{
    SlotDecode decode;
    decode.kind = kind;
    decode.problem = problem;
    return decode;
}

SlotDecode decodeObject(const QJsonObject &object)
{
    FieldReader reader(object, QString());
    const qint64 format
        = reader.integer("format", std::numeric_limits<qint64>::min() + 1, std::numeric_limits<qint64>::max());
    if (!reader.ok())
        return slotProblem(SlotKind::Corrupt, reader.problem());
    if (format != kRecordFormat) {
        return slotProblem(SlotKind::UnknownFormat,
            QStringLiteral("format %1, which this version (format %2) does not know; upgrade hacmp "
                           "on this host")
                .arg(format)
                .arg(kRecordFormat));
    }

    HeartbeatRecord record;
    record.node = reader.nodeName("node");
    record.hostId = reader.string("host_id", true);
    const QString incarnation = reader.string("incarnation", true);
    if (reader.ok()) {
        const std::optional<std::uint64_t> parsed = parseIncarnation(incarnation);
        if (!parsed)
            reader.fail(QStringLiteral("field 'incarnation' is not 16 lowercase hex digits"));
        record.incarnation = parsed.value_or(0);
    }
    record.seq = reader.counter("seq");
    record.state = readRole(reader, "state");
    record.epoch = reader.counter("epoch");
    record.started = reader.counter("started");
    record.priority = int(reader.integer("priority", std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    record.eligible = reader.boolean("eligible");
    record.app = readApp(reader);
    record.maint = reader.boolean("maint");
    record.handover = readHandover(reader);
    record.timing = reader.string("timing", false);
    record.wallTime = reader.string("wall_time", false);
    record.version = reader.string("version", false);
    if (!reader.ok())
        return slotProblem(SlotKind::Corrupt, reader.problem());

    SlotDecode decode;
    decode.kind = SlotKind::Valid;
    decode.record = std::move(record);
    return decode;
}

QString encodeProblem(const HeartbeatRecord &record)
{
    const auto tooLarge = [](std::uint64_t value) { return value > std::uint64_t(kMaxExactInteger); };
    if (!isValidNodeName(record.node))
        return nodeNameProblem(record.node);
    if (tooLarge(record.seq) || tooLarge(record.epoch) || tooLarge(record.started))
        return QStringLiteral("seq, epoch and started must not exceed 2^53 (seq %1, epoch %2, started %3)")
            .arg(record.seq)
            .arg(record.epoch)
            .arg(record.started);
    if (record.app.pid < 0 || record.app.pid > kMaxExactInteger)
        return QStringLiteral("app.pid %1 is not from 0 to 2^53").arg(record.app.pid);
    if (record.app.outside.size() > kMaxOutsidePids)
        return QStringLiteral("app.outside lists %1 pids, more than %2")
            .arg(record.app.outside.size())
            .arg(kMaxOutsidePids);
    if (record.handover) {
        if (!isValidNodeName(record.handover->to))
            return QStringLiteral("handover target: %1").arg(nodeNameProblem(record.handover->to));
        if (tooLarge(record.handover->epoch))
            return QStringLiteral("handover epoch %1 exceeds 2^53").arg(record.handover->epoch);
    }
    return {};
}

} // namespace

Result<QByteArray> encodeSlot(const HeartbeatRecord &record)
{
    const QString problem = encodeProblem(record);
    if (!problem.isEmpty())
        return Error(QStringLiteral("cannot write the heartbeat record of node '%1': %2").arg(record.node, problem));

    JsonWriter writer;
    writer.field("format", std::int64_t(kRecordFormat))
        .field("node", record.node)
        .field("host_id", record.hostId)
        .field("incarnation", incarnationText(record.incarnation))
        .field("seq", std::int64_t(record.seq))
        .field("state", roleName(record.state))
        .field("epoch", std::int64_t(record.epoch))
        .field("started", std::int64_t(record.started))
        .field("priority", std::int64_t(record.priority))
        .field("eligible", record.eligible)
        .object("app")
        .field("state", appStateName(record.app.state))
        .field("pid", std::int64_t(record.app.pid))
        .field("since", record.app.since);
    if (!record.app.outside.isEmpty())
        writer.field("outside", record.app.outside);
    writer.end().field("maint", record.maint);
    if (record.handover)
        writer.object("handover")
            .field("to", record.handover->to)
            .field("epoch", std::int64_t(record.handover->epoch))
            .end();
    else
        writer.nullField("handover");
    if (!record.timing.isEmpty())
        writer.field("timing", record.timing);
    writer.field("wall_time", record.wallTime).field("version", record.version);

    const std::string &json = writer.finish();
    if (qsizetype(json.size()) > kPayloadSize) {
        return Error(QStringLiteral("cannot write the heartbeat record of node '%1': its JSON is %2 bytes, more than "
                                    "the %3 that fit in a slot; shorten its host_id, version or other texts")
                         .arg(record.node)
                         .arg(json.size())
                         .arg(kPayloadSize));
    }
    QByteArray slot(kSlotSize, ' ');
    std::memcpy(slot.data(), json.data(), json.size());
    const QByteArray checksum = checksumText(QByteArrayView(slot).first(kPayloadSize));
    std::memcpy(slot.data() + kPayloadSize, checksum.constData(), kChecksumSize);
    return slot;
}

SlotDecode decodeSlot(QByteArrayView slot)
{
    if (slot.size() != kSlotSize)
        return slotProblem(
            SlotKind::Corrupt, QStringLiteral("%1 bytes instead of %2 (truncated?)").arg(slot.size()).arg(kSlotSize));
    if (allBytesAre(slot, '\0') || allBytesAre(slot, ' '))
        return slotProblem(SlotKind::Empty, QStringLiteral("empty"));

    const QByteArrayView payload = slot.first(kPayloadSize);
    const std::optional<quint32> checksum = parseChecksum(slot.sliced(kPayloadSize));
    if (!checksum)
        return slotProblem(SlotKind::Corrupt, QStringLiteral("no checksum at its end (torn write?)"));
    if (*checksum != crc32(payload))
        return slotProblem(SlotKind::Corrupt, QStringLiteral("checksum mismatch (torn write?)"));
    // The padding is spaces; parse only what comes before it.
    qsizetype end = payload.size();
    static constexpr char kSpaces[8] = { ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ' };
    while (end >= 8 && std::memcmp(payload.data() + end - 8, kSpaces, 8) == 0)
        end -= 8;
    while (end > 0 && payload.at(end - 1) == ' ')
        --end;
    const QByteArrayView json = payload.first(end);
    if (!isValidUtf8(json))
        return slotProblem(SlotKind::Corrupt, QStringLiteral("not valid UTF-8"));

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return slotProblem(
            SlotKind::Corrupt, QStringLiteral("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return slotProblem(SlotKind::Corrupt, QStringLiteral("not a JSON object"));
    return decodeObject(document.object());
}

SlotDecode decodeFileSlot(QByteArrayView bytes, int slot)
{
    const qsizetype begin = std::min<qsizetype>(slotOffset(slot), bytes.size());
    const qsizetype length = std::min<qsizetype>(kSlotSize, bytes.size() - begin);
    if (length == 0)
        return slotProblem(SlotKind::Empty, QStringLiteral("empty (the file ends before it)"));
    return decodeSlot(bytes.sliced(begin, length));
}

RecordDecode decodeRecordFile(QByteArrayView bytes, const QString &expectedNode)
{
    if (bytes.size() > kRecordFileSize)
        return oversizedRecord(bytes.size());
    return combineSlots({ decodeFileSlot(bytes, 0), decodeFileSlot(bytes, 1) }, expectedNode);
}

RecordDecode oversizedRecord(qsizetype size)
{
    RecordDecode result;
    result.problem = QStringLiteral("the file is %1 bytes, larger than %2 bytes: not a heartbeat record")
                         .arg(size)
                         .arg(kRecordFileSize);
    return result;
}

RecordDecode combineSlots(const std::array<SlotDecode, 2> &decoded, const QString &expectedNode)
{
    RecordDecode result;
    for (const SlotDecode &slot : decoded) {
        if (slot.kind == SlotKind::Valid && slot.record.node == expectedNode)
            result.validSlots.append(slot.record);
    }
    for (int slot = 0; slot < 2; ++slot) {
        if (decoded[slot].kind == SlotKind::UnknownFormat) {
            result.kind = RecordKind::UnknownFormat;
            result.slot = slot;
            result.problem = QStringLiteral("slot %1: %2").arg(slot).arg(decoded[slot].problem);
            return result;
        }
    }
    for (int slot = 0; slot < 2; ++slot) {
        if (decoded[slot].kind == SlotKind::Valid && decoded[slot].record.node != expectedNode) {
            result.problem = QStringLiteral("slot %1 holds a record of node '%2', not of node '%3' (a copied or "
                                            "renamed file?)")
                                 .arg(slot)
                                 .arg(decoded[slot].record.node, expectedNode.left(80));
            return result;
        }
    }

    const bool valid0 = decoded[0].kind == SlotKind::Valid;
    const bool valid1 = decoded[1].kind == SlotKind::Valid;
    if (valid0 && valid1 && decoded[0].record.seq == decoded[1].record.seq
        && !(decoded[0].record == decoded[1].record)) {
        result.problem
            = QStringLiteral("both slots hold seq %1 with different content (two writers?)").arg(decoded[0].record.seq);
        return result;
    }
    int best = -1;
    if (valid0)
        best = 0;
    if (valid1 && (best < 0 || decoded[1].record.seq > decoded[0].record.seq))
        best = 1;
    if (best < 0) {
        result.problem = QStringLiteral("slot 0: %1; slot 1: %2").arg(decoded[0].problem, decoded[1].problem);
        return result;
    }
    result.kind = RecordKind::Valid;
    result.slot = best;
    result.record = decoded[best].record;
    return result;
}

int slotForNextWrite(int lastConfirmedSlot)
{
    return lastConfirmedSlot == 0 ? 1 : 0;
}

int newestValidSlot(QByteArrayView bytes, const QString &node)
{
    int best = -1;
    std::uint64_t bestSeq = 0;
    for (int slot = 0; slot < 2; ++slot) {
        const SlotDecode decode = decodeFileSlot(bytes, slot);
        if (decode.kind != SlotKind::Valid || decode.record.node != node)
            continue;
        if (best < 0 || decode.record.seq > bestSeq) {
            best = slot;
            bestSeq = decode.record.seq;
        }
    }
    return best;
}

qint64 slotOffset(int slot)
{
    return qint64(slot) * kSlotSize;
}

} // namespace hacmp
