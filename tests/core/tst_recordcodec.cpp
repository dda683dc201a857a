#include "shared/base/crc32.h"
#include "shared/protocol/recordcodec.h"
#include "tests/support/checksummedslot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace hacmp;
using hacmp::test::checksummedSlot;

Q_DECLARE_METATYPE(hacmp::Role)
Q_DECLARE_METATYPE(hacmp::AppState)
Q_DECLARE_METATYPE(hacmp::SlotKind)
Q_DECLARE_METATYPE(hacmp::RecordKind)
Q_DECLARE_METATYPE(hacmp::HeartbeatRecord)

namespace {

constexpr qsizetype kPayload = hacmp::test::kSlotPayload;
constexpr std::uint64_t kTwoPow53 = std::uint64_t(1) << 53;

HeartbeatRecord sampleRecord(const QString &node = QStringLiteral("alpha"), std::uint64_t seq = 7)
{
    HeartbeatRecord record;
    record.node = node;
    record.hostId = QStringLiteral("0123456789abcdef0123456789abcdef");
    record.incarnation = 0x00c0ffee12345678ULL;
    record.seq = seq;
    record.state = Role::Master;
    record.epoch = 12;
    record.started = 12;
    record.priority = 150;
    record.eligible = true;
    record.app = { AppState::Running, 4242, QStringLiteral("2024-05-01T10:00:00.000Z"), {} };
    record.maint = false;
    record.wallTime = QStringLiteral("2024-05-01T10:00:01.250Z");
    record.version = QStringLiteral("0.1.0");
    return record;
}

QByteArray encoded(const HeartbeatRecord &record)
{
    const Result<QByteArray> slot = encodeSlot(record);
    if (!slot)
        qWarning("encodeSlot failed: %s", qPrintable(slot.error()));
    return slot ? slot.value() : QByteArray();
}

QByteArray slotFromObject(const QJsonObject &object)
{
    return checksummedSlot(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject sampleObject()
{
    return QJsonDocument::fromJson(encoded(sampleRecord()).first(kPayload)).object();
}

/// sampleObject() with the field at path ("app.pid") set to value, or removed when value is undefined.
QByteArray sampleWith(const QString &path, const QJsonValue &value)
{
    QJsonObject object = sampleObject();
    const QStringList parts = path.split(QLatin1Char('.'));
    if (parts.size() == 2) {
        QJsonObject inner = object.value(parts[0]).toObject();
        if (value.isUndefined())
            inner.remove(parts[1]);
        else
            inner.insert(parts[1], value);
        object.insert(parts[0], inner);
    } else if (value.isUndefined()) {
        object.remove(path);
    } else {
        object.insert(path, value);
    }
    return slotFromObject(object);
}

QByteArray tornCopy(QByteArray slot)
{
    slot[100] = char(slot[100] ^ 0x01);
    return slot;
}

QByteArray zeros(qsizetype size)
{
    return QByteArray(size, '\0');
}

} // namespace

/// The heartbeat record's on-disk contract: two checksummed slots, the newer valid one wins.
class TestRecordCodec final : public QObject
{
    Q_OBJECT

private slots:
    void crcKnownVectors_data();
    void crcKnownVectors();
    void roundTrip_data();
    void roundTrip();
    void slotLayout();
    void everyRole_data();
    void everyRole();
    void everyAppState_data();
    void everyAppState();
    void unknownNames();
    void slotKinds_data();
    void slotKinds();
    void missingFields_data();
    void missingFields();
    void recordFile_data();
    void recordFile();
    void encodeErrors_data();
    void encodeErrors();
    void slotForNextWrite_data();
    void slotForNextWrite();
    void writerNeverLosesConfirmedRecord();
    void newestValidSlot_data();
    void newestValidSlot();
    void offsets();
};

void TestRecordCodec::crcKnownVectors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<quint32>("crc");

    QTest::newRow("empty") << QByteArray() << quint32(0);
    QTest::newRow("check value") << QByteArray("123456789") << quint32(0xCBF43926);
    QTest::newRow("a") << QByteArray("a") << quint32(0xE8B7BE43);
    QTest::newRow("fox") << QByteArray("The quick brown fox jumps over the lazy dog") << quint32(0x414FA339);
    QTest::newRow("32 zero bytes") << QByteArray(32, '\0') << quint32(0x190A55AD);
    QTest::newRow("32 0xff bytes") << QByteArray(32, char(0xff)) << quint32(0xFF6CAB0B);
}

void TestRecordCodec::crcKnownVectors()
{
    QFETCH(QByteArray, data);
    QFETCH(quint32, crc);
    QCOMPARE(crc32(data), crc);
}

void TestRecordCodec::roundTrip_data()
{
    QTest::addColumn<HeartbeatRecord>("record");

    HeartbeatRecord full = sampleRecord(QStringLiteral("db-1.site_a"));
    full.state = Role::Stopping;
    full.handover = Handover { QStringLiteral("db-2.site_b"), 13 };
    full.hostId = QStringLiteral("h\u00f6st \"quoted\" \\ \u65e5\u672c \U0001F600 tab\there");
    full.version = QStringLiteral("1.0 \u00e9t\u00e9 \n newline");
    full.app.since = QStringLiteral("\u00fcber");
    full.wallTime = QString(QChar(1)) + QStringLiteral(" control");
    full.timing = QStringLiteral("interval=250ms io_timeout=500ms failover_timeout=2000ms renew_limit=1000ms "
                                 "stop_grace=500ms");
    full.maint = true;
    full.eligible = false;
    full.app.outside = { 4242, 9007199254740991LL };
    QTest::newRow("full with handover and unicode") << full;

    HeartbeatRecord minimal;
    minimal.node = QStringLiteral("n");
    QTest::newRow("defaults, empty strings") << minimal;

    HeartbeatRecord extremes = sampleRecord(QString(63, QLatin1Char('Z')));
    extremes.incarnation = ~std::uint64_t(0);
    extremes.seq = kTwoPow53;
    extremes.epoch = kTwoPow53;
    extremes.started = kTwoPow53 - 1;
    extremes.priority = std::numeric_limits<int>::min();
    extremes.app.pid = qint64(kTwoPow53);
    extremes.handover = Handover { QString(63, QLatin1Char('9')), kTwoPow53 };
    QTest::newRow("largest numbers") << extremes;

    HeartbeatRecord small = sampleRecord();
    small.incarnation = 0;
    small.priority = std::numeric_limits<int>::max();
    small.handover = Handover { QStringLiteral("b"), 0 };
    QTest::newRow("zero incarnation, max priority") << small;
}

void TestRecordCodec::roundTrip()
{
    QFETCH(HeartbeatRecord, record);

    const QByteArray slot = encoded(record);
    QCOMPARE(slot.size(), kSlotSize);
    const SlotDecode decode = decodeSlot(slot);
    QCOMPARE(decode.kind, SlotKind::Valid);
    QVERIFY(decode.problem.isEmpty());
    QCOMPARE(decode.record, record);

    const RecordDecode file = decodeRecordFile(QByteArray(zeros(kSlotSize) + slot), record.node);
    QCOMPARE(file.kind, RecordKind::Valid);
    QCOMPARE(file.slot, 1);
    QCOMPARE(file.record, record);
}

void TestRecordCodec::slotLayout()
{
    HeartbeatRecord record = sampleRecord();
    record.handover = Handover { QStringLiteral("beta"), 13 };
    const QByteArray slot = encoded(record);
    QCOMPARE(slot.size(), kSlotSize);

    const QByteArray payload = slot.first(kPayload);
    const QByteArray json = payload.trimmed();
    QVERIFY(json.startsWith('{') && json.endsWith('}'));
    QVERIFY(!json.contains('\n'));
    QVERIFY(payload.startsWith('{'));
    for (qsizetype i = json.size(); i < kPayload; ++i)
        QCOMPARE(payload.at(i), ' ');
    const QByteArray checksum = slot.sliced(kPayload);
    QCOMPARE(checksum, QByteArray::number(crc32(payload), 16).rightJustified(8, '0'));
    QCOMPARE(checksum, checksum.toLower());

    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QStringList expectedKeys { QStringLiteral("app"), QStringLiteral("eligible"), QStringLiteral("epoch"),
        QStringLiteral("format"), QStringLiteral("handover"), QStringLiteral("host_id"), QStringLiteral("incarnation"),
        QStringLiteral("maint"), QStringLiteral("node"), QStringLiteral("priority"), QStringLiteral("seq"),
        QStringLiteral("started"), QStringLiteral("state"), QStringLiteral("version"), QStringLiteral("wall_time") };
    QCOMPARE(object.keys(), expectedKeys);
    QCOMPARE(object.value(QStringLiteral("format")).toInteger(), qint64(1));
    QCOMPARE(object.value(QStringLiteral("node")).toString(), QStringLiteral("alpha"));
    QCOMPARE(object.value(QStringLiteral("incarnation")).toString(), QStringLiteral("00c0ffee12345678"));
    QCOMPARE(object.value(QStringLiteral("seq")).toInteger(), qint64(7));
    QCOMPARE(object.value(QStringLiteral("state")).toString(), QStringLiteral("master"));
    QVERIFY(object.value(QStringLiteral("eligible")).isBool());
    QVERIFY(object.value(QStringLiteral("maint")).isBool());
    const QJsonObject app = object.value(QStringLiteral("app")).toObject();
    QCOMPARE(app.keys(), (QStringList { QStringLiteral("pid"), QStringLiteral("since"), QStringLiteral("state") }));
    QCOMPARE(app.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(app.value(QStringLiteral("pid")).toInteger(), qint64(4242));
    const QJsonObject handover = object.value(QStringLiteral("handover")).toObject();
    QCOMPARE(handover.value(QStringLiteral("to")).toString(), QStringLiteral("beta"));
    QCOMPARE(handover.value(QStringLiteral("epoch")).toInteger(), qint64(13));
    QVERIFY(json.contains("\"seq\":7"));

    const QJsonObject noHandover = QJsonDocument::fromJson(encoded(sampleRecord()).first(kPayload)).object();
    QVERIFY(noHandover.value(QStringLiteral("handover")).isNull());
}

void TestRecordCodec::everyRole_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("claiming");

    QTest::newRow("starting") << Role::Starting << QStringLiteral("starting") << false;
    QTest::newRow("standby") << Role::Standby << QStringLiteral("standby") << false;
    QTest::newRow("candidate") << Role::Candidate << QStringLiteral("candidate") << true;
    QTest::newRow("master") << Role::Master << QStringLiteral("master") << true;
    QTest::newRow("stopping") << Role::Stopping << QStringLiteral("stopping") << true;
    QTest::newRow("offline") << Role::Offline << QStringLiteral("offline") << false;
    QTest::newRow("fenced") << Role::Fenced << QStringLiteral("fenced") << false;
}

void TestRecordCodec::everyRole()
{
    QFETCH(Role, role);
    QFETCH(QString, name);
    QFETCH(bool, claiming);

    QCOMPARE(roleName(role), name);
    QVERIFY(roleFromName(name) == std::optional<Role>(role));
    QCOMPARE(isClaimingRole(role), claiming);

    HeartbeatRecord record = sampleRecord();
    record.state = role;
    const QByteArray slot = encoded(record);
    QVERIFY(slot.contains(QByteArray(QByteArray("\"state\":\"") + name.toLatin1() + '"')));
    const SlotDecode decode = decodeSlot(slot);
    QCOMPARE(decode.kind, SlotKind::Valid);
    QCOMPARE(decode.record.state, role);
}

void TestRecordCodec::everyAppState_data()
{
    QTest::addColumn<AppState>("state");
    QTest::addColumn<QString>("name");

    QTest::newRow("stopped") << AppState::Stopped << QStringLiteral("stopped");
    QTest::newRow("starting") << AppState::Starting << QStringLiteral("starting");
    QTest::newRow("running") << AppState::Running << QStringLiteral("running");
    QTest::newRow("stopping") << AppState::Stopping << QStringLiteral("stopping");
    QTest::newRow("failed") << AppState::Failed << QStringLiteral("failed");
}

void TestRecordCodec::everyAppState()
{
    QFETCH(AppState, state);
    QFETCH(QString, name);

    QCOMPARE(appStateName(state), name);
    QVERIFY(appStateFromName(name) == std::optional<AppState>(state));

    HeartbeatRecord record = sampleRecord();
    record.app.state = state;
    const SlotDecode decode = decodeSlot(encoded(record));
    QCOMPARE(decode.kind, SlotKind::Valid);
    QCOMPARE(decode.record.app.state, state);
}

void TestRecordCodec::unknownNames()
{
    QVERIFY(!roleFromName(QStringLiteral("Master")));
    QVERIFY(!roleFromName(QStringLiteral("master ")));
    QVERIFY(!roleFromName(QString()));
    QVERIFY(!roleFromName(QStringLiteral("leader")));
    QVERIFY(!appStateFromName(QStringLiteral("RUNNING")));
    QVERIFY(!appStateFromName(QStringLiteral("crashed")));
    QVERIFY(!appStateFromName(QStringLiteral("stopped\n")));
}

void TestRecordCodec::slotKinds_data()
{
    QTest::addColumn<QByteArray>("slot");
    QTest::addColumn<SlotKind>("kind");
    QTest::addColumn<QString>("problemPart");

    const QByteArray good = encoded(sampleRecord());
    const QJsonValue undefined(QJsonValue::Undefined);

    QTest::newRow("valid") << good << SlotKind::Valid << QString();
    QTest::newRow("all zero") << zeros(kSlotSize) << SlotKind::Empty << QStringLiteral("empty");
    QTest::newRow("all spaces") << QByteArray(kSlotSize, ' ') << SlotKind::Empty << QStringLiteral("empty");
    QByteArray almostZero = zeros(kSlotSize);
    almostZero[4000] = 'x';
    QTest::newRow("zero but one byte") << almostZero << SlotKind::Corrupt << QStringLiteral("checksum");
    QTest::newRow("4095 zero bytes") << zeros(kSlotSize - 1) << SlotKind::Corrupt << QStringLiteral("4095 bytes");
    QTest::newRow("no bytes") << QByteArray() << SlotKind::Corrupt << QStringLiteral("0 bytes");
    QTest::newRow("one byte too many") << QByteArray(good + ' ') << SlotKind::Corrupt << QStringLiteral("4097 bytes");
    QTest::newRow("torn") << tornCopy(good) << SlotKind::Corrupt << QStringLiteral("checksum mismatch");
    const auto hasHexLetter = [](QByteArrayView text) {
        return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'f'; });
    };
    QByteArray withLetters = good;
    for (std::uint64_t seq = 8; !hasHexLetter(withLetters.sliced(kPayload)); ++seq)
        withLetters = encoded(sampleRecord(QStringLiteral("alpha"), seq));
    QByteArray upper = withLetters;
    upper.replace(kPayload, 8, withLetters.sliced(kPayload).toUpper());
    QVERIFY(upper != withLetters);
    QCOMPARE(decodeSlot(withLetters).kind, SlotKind::Valid);
    QTest::newRow("upper-case checksum") << upper << SlotKind::Corrupt << QStringLiteral("checksum");
    QByteArray noChecksum = good;
    noChecksum.replace(kPayload, 8, QByteArray(8, ' '));
    QTest::newRow("spaces for checksum") << noChecksum << SlotKind::Corrupt << QStringLiteral("checksum");
    QTest::newRow("not JSON") << checksummedSlot("{\"format\":1,") << SlotKind::Corrupt << QStringLiteral("not JSON");
    QTest::newRow("JSON array") << checksummedSlot("[1,2]") << SlotKind::Corrupt << QStringLiteral("not a JSON object");
    QTest::newRow("JSON string") << checksummedSlot("\"x\"") << SlotKind::Corrupt << QStringLiteral("not");
    QTest::newRow("NUL padding") << checksummedSlot(
        QByteArray(QJsonDocument(sampleObject()).toJson(QJsonDocument::Compact) + QByteArray(10, '\0')))
                                 << SlotKind::Corrupt << QStringLiteral("not JSON");
    QTest::newRow("garbage after object")
        << checksummedSlot(QByteArray(QJsonDocument(sampleObject()).toJson(QJsonDocument::Compact) + "x"))
        << SlotKind::Corrupt << QStringLiteral("not JSON");
    QTest::newRow("invalid UTF-8") << checksummedSlot("{\"format\":1,\"node\":\"\xff\xfe\"}") << SlotKind::Corrupt
                                   << QStringLiteral("UTF-8");

    QTest::newRow("format 2") << sampleWith(QStringLiteral("format"), 2) << SlotKind::UnknownFormat
                              << QStringLiteral("format 2");
    QTest::newRow("format 0") << sampleWith(QStringLiteral("format"), 0) << SlotKind::UnknownFormat
                              << QStringLiteral("format 0");
    QTest::newRow("format 2, nothing else")
        << checksummedSlot("{\"format\":2}") << SlotKind::UnknownFormat << QStringLiteral("upgrade");
    QTest::newRow("format as string") << sampleWith(QStringLiteral("format"), QStringLiteral("1")) << SlotKind::Corrupt
                                      << QStringLiteral("'format'");
    QTest::newRow("format 1.5") << sampleWith(QStringLiteral("format"), 1.5) << SlotKind::Corrupt
                                << QStringLiteral("'format'");
    QTest::newRow("format 1.0") << checksummedSlot("{\"format\":1.0}") << SlotKind::Corrupt
                                << QStringLiteral("'node' is missing");

    QTest::newRow("instances outside the guard")
        << sampleWith(QStringLiteral("app.outside"), QJsonArray { 4242, 4243 }) << SlotKind::Valid << QString();
    QTest::newRow("outside not a list") << sampleWith(QStringLiteral("app.outside"), 4242) << SlotKind::Corrupt
                                        << QStringLiteral("'app.outside' is not a list");
    QTest::newRow("outside pid 0") << sampleWith(QStringLiteral("app.outside"), QJsonArray { 0 }) << SlotKind::Corrupt
                                   << QStringLiteral("'app.outside'");
    QTest::newRow("outside too long") << sampleWith(
        QStringLiteral("app.outside"), QJsonArray { 1, 2, 3, 4, 5, 6, 7, 8, 9 })
                                      << SlotKind::Corrupt << QStringLiteral("at most 8 pids");
    QTest::newRow("unknown extra field") << sampleWith(QStringLiteral("future"), QJsonArray { 1, 2 }) << SlotKind::Valid
                                         << QString();
    QTest::newRow("unknown extra app field")
        << sampleWith(QStringLiteral("app.cgroup"), QStringLiteral("x")) << SlotKind::Valid << QString();
    QTest::newRow("handover null") << sampleWith(QStringLiteral("handover"), QJsonValue(QJsonValue::Null))
                                   << SlotKind::Valid << QString();
    QTest::newRow("handover missing") << sampleWith(QStringLiteral("handover"), undefined) << SlotKind::Valid
                                      << QString();
    QTest::newRow("wall_time missing") << sampleWith(QStringLiteral("wall_time"), undefined) << SlotKind::Valid
                                       << QString();
    QTest::newRow("version missing") << sampleWith(QStringLiteral("version"), undefined) << SlotKind::Valid
                                     << QString();
    QTest::newRow("app.since missing") << sampleWith(QStringLiteral("app.since"), undefined) << SlotKind::Valid
                                       << QString();
    QTest::newRow("negative priority") << sampleWith(QStringLiteral("priority"), -5) << SlotKind::Valid << QString();
    QTest::newRow("seq 2^53") << sampleWith(QStringLiteral("seq"), qint64(kTwoPow53)) << SlotKind::Valid << QString();
    QTest::newRow("seq 1e3") << checksummedSlot(
        QJsonDocument(sampleObject()).toJson(QJsonDocument::Compact).replace("\"seq\":7", "\"seq\":1e3"))
                             << SlotKind::Valid << QString();

    QTest::newRow("seq 2^53+1") << sampleWith(QStringLiteral("seq"), qint64(kTwoPow53 + 1)) << SlotKind::Corrupt
                                << QStringLiteral("'seq'");
    QTest::newRow("epoch 2^63 as text") << checksummedSlot(
        QJsonDocument(sampleObject())
            .toJson(QJsonDocument::Compact)
            .replace("\"epoch\":12", "\"epoch\":9223372036854775808"))
                                        << SlotKind::Corrupt << QStringLiteral("'epoch'");
    QTest::newRow("started 1e300") << sampleWith(QStringLiteral("started"), 1e300) << SlotKind::Corrupt
                                   << QStringLiteral("'started'");
    QTest::newRow("seq negative") << sampleWith(QStringLiteral("seq"), -1) << SlotKind::Corrupt
                                  << QStringLiteral("'seq'");
    QTest::newRow("seq fraction") << sampleWith(QStringLiteral("seq"), 7.5) << SlotKind::Corrupt
                                  << QStringLiteral("'seq'");
    QTest::newRow("seq as string") << sampleWith(QStringLiteral("seq"), QStringLiteral("7")) << SlotKind::Corrupt
                                   << QStringLiteral("'seq'");
    QTest::newRow("priority beyond int") << sampleWith(QStringLiteral("priority"), qint64(1) << 40) << SlotKind::Corrupt
                                         << QStringLiteral("'priority'");
    QTest::newRow("pid negative") << sampleWith(QStringLiteral("app.pid"), -1) << SlotKind::Corrupt
                                  << QStringLiteral("'app.pid'");
    QTest::newRow("eligible as number") << sampleWith(QStringLiteral("eligible"), 1) << SlotKind::Corrupt
                                        << QStringLiteral("'eligible'");
    QTest::newRow("maint null") << sampleWith(QStringLiteral("maint"), QJsonValue(QJsonValue::Null))
                                << SlotKind::Corrupt << QStringLiteral("'maint'");
    QTest::newRow("unknown state") << sampleWith(QStringLiteral("state"), QStringLiteral("leader")) << SlotKind::Corrupt
                                   << QStringLiteral("'state' has the unknown state 'leader'");
    QTest::newRow("unknown app state") << sampleWith(QStringLiteral("app.state"), QStringLiteral("crashed"))
                                       << SlotKind::Corrupt << QStringLiteral("'app.state'");
    QTest::newRow("app not an object") << sampleWith(QStringLiteral("app"), QStringLiteral("running"))
                                       << SlotKind::Corrupt << QStringLiteral("'app'");
    QTest::newRow("invalid node name") << sampleWith(QStringLiteral("node"), QStringLiteral("../etc"))
                                       << SlotKind::Corrupt << QStringLiteral("'node'");
    QTest::newRow("incarnation upper case")
        << sampleWith(QStringLiteral("incarnation"), QStringLiteral("00C0FFEE12345678")) << SlotKind::Corrupt
        << QStringLiteral("'incarnation'");
    QTest::newRow("incarnation 15 digits")
        << sampleWith(QStringLiteral("incarnation"), QStringLiteral("0c0ffee12345678")) << SlotKind::Corrupt
        << QStringLiteral("'incarnation'");
    QTest::newRow("incarnation with sign")
        << sampleWith(QStringLiteral("incarnation"), QStringLiteral("+c0ffee123456789")) << SlotKind::Corrupt
        << QStringLiteral("'incarnation'");
    QTest::newRow("incarnation as number")
        << sampleWith(QStringLiteral("incarnation"), 12) << SlotKind::Corrupt << QStringLiteral("'incarnation'");
    QTest::newRow("handover as string") << sampleWith(QStringLiteral("handover"), QStringLiteral("beta"))
                                        << SlotKind::Corrupt << QStringLiteral("'handover'");
    QTest::newRow("handover to invalid node") << sampleWith(QStringLiteral("handover"),
        QJsonObject { { QStringLiteral("to"), QStringLiteral("a b") }, { QStringLiteral("epoch"), 3 } })
                                              << SlotKind::Corrupt << QStringLiteral("'handover.to'");
    QTest::newRow("handover without epoch")
        << sampleWith(QStringLiteral("handover"), QJsonObject { { QStringLiteral("to"), QStringLiteral("b") } })
        << SlotKind::Corrupt << QStringLiteral("'handover.epoch' is missing");
    QTest::newRow("version as number") << sampleWith(QStringLiteral("version"), 1) << SlotKind::Corrupt
                                       << QStringLiteral("'version'");
}

void TestRecordCodec::slotKinds()
{
    QFETCH(QByteArray, slot);
    QFETCH(SlotKind, kind);
    QFETCH(QString, problemPart);

    const SlotDecode decode = decodeSlot(slot);
    QVERIFY2(decode.kind == kind, qPrintable(decode.problem));
    QVERIFY2(decode.problem.contains(problemPart), qPrintable(decode.problem));
    QCOMPARE(decode.problem.isEmpty(), kind == SlotKind::Valid);
}

void TestRecordCodec::missingFields_data()
{
    QTest::addColumn<QString>("field");

    for (const char *field : { "format", "node", "host_id", "incarnation", "seq", "state", "epoch", "started",
             "priority", "eligible", "app", "app.state", "app.pid", "maint" })
        QTest::newRow(field) << QString::fromLatin1(field);
}

void TestRecordCodec::missingFields()
{
    QFETCH(QString, field);

    const SlotDecode decode = decodeSlot(sampleWith(field, QJsonValue(QJsonValue::Undefined)));
    QCOMPARE(decode.kind, SlotKind::Corrupt);
    QCOMPARE(decode.problem, QStringLiteral("field '%1' is missing").arg(field));

    const RecordDecode file
        = decodeRecordFile(sampleWith(field, QJsonValue(QJsonValue::Undefined)), QStringLiteral("alpha"));
    QCOMPARE(file.kind, RecordKind::Unreadable);
    QVERIFY2(
        file.problem.contains(QStringLiteral("slot 0: field '%1' is missing").arg(field)), qPrintable(file.problem));
}

void TestRecordCodec::recordFile_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<RecordKind>("kind");
    QTest::addColumn<int>("slot");
    QTest::addColumn<qulonglong>("seq");
    QTest::addColumn<QString>("problemPart");

    const QByteArray seq5 = encoded(sampleRecord(QStringLiteral("alpha"), 5));
    const QByteArray seq6 = encoded(sampleRecord(QStringLiteral("alpha"), 6));
    const QByteArray other = encoded(sampleRecord(QStringLiteral("beta"), 9));
    const QByteArray format2 = sampleWith(QStringLiteral("format"), 2);
    HeartbeatRecord sameSeqDifferent = sampleRecord(QStringLiteral("alpha"), 6);
    sameSeqDifferent.state = Role::Fenced;

    QTest::newRow("higher seq in slot 1") << QByteArray(seq5 + seq6) << RecordKind::Valid << 1 << 6ULL << QString();
    QTest::newRow("higher seq in slot 0") << QByteArray(seq6 + seq5) << RecordKind::Valid << 0 << 6ULL << QString();
    QTest::newRow("slot 1 torn") << QByteArray(seq5 + tornCopy(seq6)) << RecordKind::Valid << 0 << 5ULL << QString();
    QTest::newRow("slot 0 torn") << QByteArray(tornCopy(seq6) + seq5) << RecordKind::Valid << 1 << 5ULL << QString();
    QTest::newRow("slot 1 half written") << QByteArray(seq5 + seq6.first(1000) + seq5.sliced(1000)) << RecordKind::Valid
                                         << 0 << 5ULL << QString();
    QTest::newRow("slot 1 truncated") << QByteArray(seq5 + seq6.first(904)) << RecordKind::Valid << 0 << 5ULL
                                      << QString();
    QTest::newRow("only slot 0") << seq5 << RecordKind::Valid << 0 << 5ULL << QString();
    QTest::newRow("slot 0 never written")
        << QByteArray(zeros(kSlotSize) + seq6) << RecordKind::Valid << 1 << 6ULL << QString();
    QTest::newRow("same seq, same content") << QByteArray(seq6 + seq6) << RecordKind::Valid << 0 << 6ULL << QString();

    QTest::newRow("both torn") << QByteArray(tornCopy(seq5) + tornCopy(seq6)) << RecordKind::Unreadable << -1 << 0ULL
                               << QStringLiteral("slot 0: checksum mismatch (torn write?); slot 1: checksum mismatch");
    QTest::newRow("torn and empty") << QByteArray(tornCopy(seq5) + zeros(kSlotSize)) << RecordKind::Unreadable << -1
                                    << 0ULL << QStringLiteral("slot 0: checksum mismatch (torn write?); slot 1: empty");
    QTest::newRow("torn, second absent") << tornCopy(seq5) << RecordKind::Unreadable << -1 << 0ULL
                                         << QStringLiteral("slot 1: empty");
    QTest::newRow("empty file") << QByteArray() << RecordKind::Unreadable << -1 << 0ULL
                                << QStringLiteral("slot 0: empty");
    QTest::newRow("short garbage") << QByteArray("hello") << RecordKind::Unreadable << -1 << 0ULL
                                   << QStringLiteral("slot 0: 5 bytes");
    QTest::newRow("other node in slot 1") << QByteArray(seq5 + other) << RecordKind::Unreadable << -1 << 0ULL
                                          << QStringLiteral("'beta', not of node 'alpha'");
    QTest::newRow("other node only") << QByteArray(other + zeros(kSlotSize)) << RecordKind::Unreadable << -1 << 0ULL
                                     << QStringLiteral("'beta', not of node 'alpha'");
    QTest::newRow("same seq, different content") << QByteArray(seq6 + encoded(sameSeqDifferent))
                                                 << RecordKind::Unreadable << -1 << 0ULL << QStringLiteral("seq 6");
    QTest::newRow("larger than two slots") << QByteArray(seq5 + seq6 + ' ') << RecordKind::Unreadable << -1 << 0ULL
                                           << QStringLiteral("larger than 8192 bytes");

    QTest::newRow("format 2 in slot 1") << QByteArray(seq5 + format2) << RecordKind::UnknownFormat << 1 << 0ULL
                                        << QStringLiteral("slot 1: format 2");
    QTest::newRow("format 2 in slot 0, newer valid")
        << QByteArray(format2 + seq6) << RecordKind::UnknownFormat << 0 << 0ULL << QStringLiteral("slot 0: format 2");
    QTest::newRow("format 2 beside torn")
        << QByteArray(tornCopy(seq5) + format2) << RecordKind::UnknownFormat << 1 << 0ULL << QStringLiteral("format 2");
}

void TestRecordCodec::recordFile()
{
    QFETCH(QByteArray, file);
    QFETCH(RecordKind, kind);
    QFETCH(int, slot);
    QFETCH(qulonglong, seq);
    QFETCH(QString, problemPart);

    const RecordDecode decode = decodeRecordFile(file, QStringLiteral("alpha"));
    QVERIFY2(decode.kind == kind, qPrintable(decode.problem));
    QCOMPARE(decode.slot, slot);
    QVERIFY2(decode.problem.contains(problemPart), qPrintable(decode.problem));
    if (kind == RecordKind::Valid) {
        QVERIFY(decode.problem.isEmpty());
        QCOMPARE(decode.record.seq, std::uint64_t(seq));
        QCOMPARE(decode.record.node, QStringLiteral("alpha"));
    } else {
        QVERIFY(!decode.problem.isEmpty());
    }
}

void TestRecordCodec::encodeErrors_data()
{
    QTest::addColumn<HeartbeatRecord>("record");
    QTest::addColumn<QString>("problemPart");

    HeartbeatRecord oversized = sampleRecord(QStringLiteral("big-node"));
    oversized.version = QString(4000, QLatin1Char('v'));
    QTest::newRow("oversized") << oversized << QStringLiteral("node 'big-node': its JSON is 4");
    HeartbeatRecord unicodeOversized = sampleRecord(QStringLiteral("uni"));
    unicodeOversized.hostId = QString(1500, QChar(0x65e5)); // 3 bytes each in UTF-8
    QTest::newRow("oversized in UTF-8 only") << unicodeOversized << QStringLiteral("more than the 4088");
    HeartbeatRecord badName = sampleRecord(QStringLiteral("a b"));
    QTest::newRow("invalid node name") << badName << QStringLiteral("node name 'a b' is not valid");
    HeartbeatRecord bigSeq = sampleRecord();
    bigSeq.seq = kTwoPow53 + 1;
    QTest::newRow("seq beyond 2^53") << bigSeq << QStringLiteral("2^53");
    HeartbeatRecord bigStarted = sampleRecord();
    bigStarted.started = ~std::uint64_t(0);
    QTest::newRow("started beyond 2^53") << bigStarted << QStringLiteral("2^53");
    HeartbeatRecord badPid = sampleRecord();
    badPid.app.pid = -3;
    QTest::newRow("negative pid") << badPid << QStringLiteral("app.pid");
    HeartbeatRecord badTarget = sampleRecord();
    badTarget.handover = Handover { QStringLiteral(".."), 3 };
    QTest::newRow("invalid handover target") << badTarget << QStringLiteral("handover target");
}

void TestRecordCodec::encodeErrors()
{
    QFETCH(HeartbeatRecord, record);
    QFETCH(QString, problemPart);

    const Result<QByteArray> slot = encodeSlot(record);
    QVERIFY(!slot.ok());
    QVERIFY2(slot.error().contains(problemPart), qPrintable(slot.error()));
    QVERIFY2(slot.error().contains(QStringLiteral("'%1'").arg(record.node)), qPrintable(slot.error()));
}

void TestRecordCodec::slotForNextWrite_data()
{
    QTest::addColumn<int>("lastConfirmed");
    QTest::addColumn<int>("next");

    QTest::newRow("none yet") << -1 << 0;
    QTest::newRow("after slot 0") << 0 << 1;
    QTest::newRow("after slot 1") << 1 << 0;
}

void TestRecordCodec::slotForNextWrite()
{
    QFETCH(int, lastConfirmed);
    QFETCH(int, next);
    QCOMPARE(hacmp::slotForNextWrite(lastConfirmed), next);
}

// A writer that follows slotForNextWrite, with some writes torn and some landing without being
// confirmed: a reader always finds the last confirmed record or a newer one.
void TestRecordCodec::writerNeverLosesConfirmedRecord()
{
    QByteArray file;
    int lastConfirmed = -1;
    std::uint64_t confirmedSeq = 0;
    int tornWrites = 0;
    for (std::uint64_t seq = 1; seq <= 60; ++seq) {
        const int slot = hacmp::slotForNextWrite(lastConfirmed);
        QByteArray bytes = encoded(sampleRecord(QStringLiteral("alpha"), seq));
        const bool torn = seq % 5 == 2 || seq % 11 == 0;
        const bool confirmed = !torn && seq % 7 != 3;
        if (torn) {
            bytes.truncate(qsizetype((seq * 397) % (kSlotSize - 1)) + 1);
            ++tornWrites;
        }
        const qint64 offset = slotOffset(slot);
        if (file.size() < offset + bytes.size())
            file.resize(offset + bytes.size(), '\0');
        file.replace(offset, bytes.size(), bytes);
        if (confirmed) {
            lastConfirmed = slot;
            confirmedSeq = seq;
        }

        const RecordDecode decode = decodeRecordFile(file, QStringLiteral("alpha"));
        if (confirmedSeq == 0)
            continue;
        QVERIFY2(decode.kind == RecordKind::Valid, qPrintable(decode.problem));
        QVERIFY(decode.record.seq >= confirmedSeq);
        QCOMPARE(hacmp::newestValidSlot(file, QStringLiteral("alpha")), decode.slot);
    }
    QVERIFY(tornWrites >= 10);
    QCOMPARE(confirmedSeq, std::uint64_t(60));
}

void TestRecordCodec::newestValidSlot_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("node");
    QTest::addColumn<int>("slot");

    const QByteArray seq5 = encoded(sampleRecord(QStringLiteral("alpha"), 5));
    const QByteArray seq6 = encoded(sampleRecord(QStringLiteral("alpha"), 6));
    const QByteArray other = encoded(sampleRecord(QStringLiteral("beta"), 9));

    QTest::newRow("higher seq in 1") << QByteArray(seq5 + seq6) << QStringLiteral("alpha") << 1;
    QTest::newRow("higher seq in 0") << QByteArray(seq6 + seq5) << QStringLiteral("alpha") << 0;
    QTest::newRow("newer torn") << QByteArray(seq5 + tornCopy(seq6)) << QStringLiteral("alpha") << 0;
    QTest::newRow("both torn") << QByteArray(tornCopy(seq5) + tornCopy(seq6)) << QStringLiteral("alpha") << -1;
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("alpha") << -1;
    QTest::newRow("only slot 0") << seq5 << QStringLiteral("alpha") << 0;
    QTest::newRow("other node ignored") << QByteArray(seq5 + other) << QStringLiteral("alpha") << 0;
    QTest::newRow("only the other node") << QByteArray(seq5 + other) << QStringLiteral("beta") << 1;
    QTest::newRow("trailing junk ignored")
        << QByteArray(seq5 + seq6 + QByteArray(500, 'j')) << QStringLiteral("alpha") << 1;
}

void TestRecordCodec::newestValidSlot()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, node);
    QFETCH(int, slot);
    QCOMPARE(hacmp::newestValidSlot(file, node), slot);
}

void TestRecordCodec::offsets()
{
    QCOMPARE(slotOffset(0), qint64(0));
    QCOMPARE(slotOffset(1), qint64(4096));
    QCOMPARE(kRecordFileSize, qsizetype(8192));
    QCOMPARE(kRecordFormat, 1);
}

QTEST_GUILESS_MAIN(TestRecordCodec)
#include "tst_recordcodec.moc"
