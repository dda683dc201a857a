#include "shared/base/crc32.h"
#include "shared/protocol/recordcodec.h"
#include "tests/support/checksummedslot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QTest>

#include <cstring>

using namespace hacmp;
using hacmp::test::checksummedSlot;

Q_DECLARE_METATYPE(hacmp::SlotKind)

namespace {

constexpr qsizetype kPayload = hacmp::test::kSlotPayload;
const QString kNode = QStringLiteral("alpha");

HeartbeatRecord sampleRecord(std::uint64_t seq)
{
    HeartbeatRecord record;
    record.node = kNode;
    record.hostId = QStringLiteral("machine-\u00e5\u00e4\u00f6");
    record.incarnation = 0x0123456789abcdefULL;
    record.seq = seq;
    record.state = Role::Stopping;
    record.epoch = 12;
    record.started = 11;
    record.priority = 150;
    record.eligible = true;
    record.app = { AppState::Running, 4242, QStringLiteral("2024-05-01T10:00:00.000Z"), {} };
    record.maint = true;
    record.handover = Handover { QStringLiteral("beta"), 13 };
    record.wallTime = QStringLiteral("2024-05-01T10:00:01.250Z");
    record.version = QStringLiteral("0.1.0");
    return record;
}

QByteArray encoded(std::uint64_t seq)
{
    const Result<QByteArray> slot = encodeSlot(sampleRecord(seq));
    return slot ? slot.value() : QByteArray();
}

QByteArray sampleJson()
{
    return encoded(7).first(kPayload).trimmed();
}

QByteArray randomBytes(QRandomGenerator &random, qsizetype size)
{
    static constexpr char kJsonish[] = "{}[]\":,0123456789abcdef -.etrufnl\\\0 ";
    const QByteArrayView jsonish(kJsonish, sizeof(kJsonish) - 1);
    QList<quint32> words(size / 4 + 1);
    random.fillRange(words.data(), words.size());
    QByteArray bytes(size, Qt::Uninitialized);
    std::memcpy(bytes.data(), words.constData(), size_t(size));
    if (random.bounded(4) == 0) {
        for (char &byte : bytes)
            byte = jsonish.at(quint8(byte) % jsonish.size());
    }
    return bytes;
}

QJsonValue randomWrongValue(QRandomGenerator &random, QJsonValue::Type notThis)
{
    for (;;) {
        QJsonValue value;
        switch (random.bounded(6)) {
        case 0:
            value = QStringLiteral("x%1").arg(random.bounded(100));
            break;
        case 1:
            value = random.bounded(2) ? qint64(random.bounded(1000)) - 500 : random.generateDouble() * 1e20;
            break;
        case 2:
            value = bool(random.bounded(2));
            break;
        case 3:
            value = QJsonValue(QJsonValue::Null);
            break;
        case 4:
            value = QJsonArray { 1, QStringLiteral("two") };
            break;
        default:
            value = QJsonObject { { QStringLiteral("k"), 1 } };
            break;
        }
        if (value.type() != notThis)
            return value;
    }
}

} // namespace

/// Whatever bytes a record file holds, decoding never crashes and classifies them correctly: a slot
/// is Valid only when it is exactly what a writer wrote.
class TestRecordFuzz final : public QObject
{
    Q_OBJECT

private slots:
    void randomByteStrings();
    void randomSlotsWithCorrectChecksum();
    void mutationsOfValidFile();
    void wrongChecksum();
    void invalidUtf8_data();
    void invalidUtf8();
    void deepNesting_data();
    void deepNesting();
    void numbers_data();
    void numbers();
    void wrongTypes_data();
    void wrongTypes();
    void randomRecordObjects();
};

void TestRecordFuzz::randomByteStrings()
{
    QRandomGenerator random(20240501);
    int larger = 0;
    for (int i = 0; i < 20000; ++i) {
        const QByteArray bytes = randomBytes(random, random.bounded(9001));
        const RecordDecode decode = decodeRecordFile(bytes, kNode);
        QVERIFY2(decode.kind == RecordKind::Unreadable, qPrintable(decode.problem));
        QVERIFY(!decode.problem.isEmpty());
        QCOMPARE(decode.slot, -1);
        if (bytes.size() > kRecordFileSize) {
            QVERIFY(decode.problem.contains(QStringLiteral("larger than 8192 bytes")));
            ++larger;
        }
        QCOMPARE(newestValidSlot(bytes, kNode), -1);
        const SlotDecode slot = decodeSlot(bytes.left(kSlotSize));
        QVERIFY(slot.kind == SlotKind::Corrupt || slot.kind == SlotKind::Empty);
        QVERIFY(!slot.problem.isEmpty());
    }
    QVERIFY(larger > 1000);
}

void TestRecordFuzz::randomSlotsWithCorrectChecksum()
{
    QRandomGenerator random(7);
    const QByteArray json = sampleJson();
    for (int i = 0; i < 3000; ++i) {
        QByteArray payload;
        if (i % 2 == 0) {
            payload = randomBytes(random, random.bounded(int(kPayload) + 1));
        } else {
            payload = json;
            const int edits = 1 + random.bounded(4);
            for (int e = 0; e < edits; ++e) {
                const int at = random.bounded(int(payload.size()));
                payload.replace(at, random.bounded(4), randomBytes(random, random.bounded(4)));
            }
        }
        const SlotDecode decode = decodeSlot(checksummedSlot(payload));
        QVERIFY(decode.kind != SlotKind::Empty || payload.count('\0') == payload.size()
            || payload.count(' ') == payload.size());
        if (decode.kind == SlotKind::Valid) {
            const Result<QByteArray> again = encodeSlot(decode.record);
            QVERIFY2(again.ok(), qPrintable(again.error()));
            QCOMPARE(decodeSlot(again.value()).record, decode.record);
        } else {
            QVERIFY(!decode.problem.isEmpty());
        }
    }
}

void TestRecordFuzz::mutationsOfValidFile()
{
    QMap<QByteArray, std::uint64_t> known;
    for (std::uint64_t seq : { 5, 6, 7 })
        known.insert(encoded(seq), seq);
    const QByteArray original = QByteArray(encoded(5) + encoded(6));
    const QByteArray next = encoded(7);

    QRandomGenerator random(99);
    int kinds[4] = {};
    for (int i = 0; i < 3600; ++i) {
        QByteArray file = original;
        switch (i % 6) {
        case 0: { // bit flips anywhere
            const int flips = 1 + random.bounded(8);
            for (int f = 0; f < flips; ++f) {
                const int at = random.bounded(int(file.size()));
                file[at] = char(file[at] ^ (1 << random.bounded(8)));
            }
            break;
        }
        case 1: // truncation
            file.truncate(random.bounded(int(kRecordFileSize)));
            break;
        case 2: // extension
            file.append(randomBytes(random, 1 + random.bounded(3000)));
            break;
        case 3: { // torn write of seq 7 over one slot: a prefix of the new bytes, then the old ones
            const int slot = random.bounded(2);
            const int length = random.bounded(int(kSlotSize) + 1);
            file.replace(slotOffset(slot), length, next.first(length));
            break;
        }
        case 4: { // garbage over a range of slot 1, or the file cut inside slot 1 and refilled
            const int from = random.bounded(int(kSlotSize));
            const int length = random.bounded(int(kSlotSize) - from + 1);
            file.replace(kSlotSize + from, length, randomBytes(random, length));
            break;
        }
        default: { // a torn first write of slot 1 in a new file: slot 1 shorter than a slot
            file.truncate(kSlotSize);
            file.append(next.first(random.bounded(int(kSlotSize) + 1)));
            break;
        }
        }

        int expectedSlot = -1;
        std::uint64_t expectedSeq = 0;
        for (int slot = 0; slot < 2; ++slot) {
            const QByteArray bytes = file.mid(slotOffset(slot), kSlotSize);
            const SlotDecode decode = decodeSlot(bytes);
            const bool intact = known.contains(bytes);
            QVERIFY2((decode.kind == SlotKind::Valid) == intact, qPrintable(decode.problem));
            if (intact) {
                QCOMPARE(decode.record.seq, known.value(bytes));
                if (expectedSlot < 0 || known.value(bytes) > expectedSeq) {
                    expectedSlot = slot;
                    expectedSeq = known.value(bytes);
                }
            }
        }
        if (file.size() > kRecordFileSize)
            expectedSlot = -1;

        const RecordDecode decode = decodeRecordFile(file, kNode);
        ++kinds[expectedSlot + 1];
        if (expectedSlot < 0) {
            QVERIFY2(decode.kind == RecordKind::Unreadable, qPrintable(decode.problem));
            QVERIFY(!decode.problem.isEmpty());
        } else {
            QVERIFY2(decode.kind == RecordKind::Valid, qPrintable(decode.problem));
            QCOMPARE(decode.slot, expectedSlot);
            QCOMPARE(decode.record.seq, expectedSeq);
            QCOMPARE(decode.record, sampleRecord(expectedSeq));
        }
    }
    // Every outcome was exercised: nothing valid, slot 0, slot 1.
    QVERIFY(kinds[0] > 100 && kinds[1] > 100 && kinds[2] > 100);
}

void TestRecordFuzz::wrongChecksum()
{
    const QByteArray good = encoded(6);
    const quint32 crc = crc32(good.first(kPayload));
    for (int bit = 0; bit < 32; ++bit) {
        QByteArray slot = good;
        slot.replace(kPayload, 8, QByteArray::number(crc ^ (1u << bit), 16).rightJustified(8, '0'));
        const SlotDecode decode = decodeSlot(slot);
        QCOMPARE(decode.kind, SlotKind::Corrupt);
        QVERIFY2(decode.problem.contains(QStringLiteral("checksum mismatch")), qPrintable(decode.problem));

        const RecordDecode file = decodeRecordFile(QByteArray(encoded(5) + slot), kNode);
        QCOMPARE(file.kind, RecordKind::Valid);
        QCOMPARE(file.slot, 0);
    }
    for (const QByteArray &text : { QByteArray("        "), QByteArray("0x123456"), QByteArray("-1234567"),
             QByteArray(8, '\0'), QByteArray("1234567g") }) {
        QByteArray slot = good;
        slot.replace(kPayload, 8, text);
        QCOMPARE(decodeSlot(slot).kind, SlotKind::Corrupt);
    }
}

void TestRecordFuzz::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");

    QTest::newRow("euro sign (valid)") << QByteArray("\xe2\x82\xac") << true;
    QTest::newRow("4-byte emoji (valid)") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("0xff") << QByteArray("\xff") << false;
    QTest::newRow("0xfe 0xff") << QByteArray("\xfe\xff") << false;
    QTest::newRow("lone continuation") << QByteArray("a\x80z") << false;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("5-byte form") << QByteArray("\xf8\x88\x80\x80\x80") << false;
    QTest::newRow("cut sequence") << QByteArray("\xe2\x82") << false;
}

void TestRecordFuzz::invalidUtf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);

    QByteArray json = sampleJson();
    QVERIFY(json.contains("\"version\":\"0.1.0\""));
    json.replace("\"version\":\"0.1.0\"", QByteArray("\"version\":\"" + bytes + '"'));
    const SlotDecode decode = decodeSlot(checksummedSlot(json));
    if (valid) {
        QCOMPARE(decode.kind, SlotKind::Valid);
        QCOMPARE(decode.record.version, QString::fromUtf8(bytes));
    } else {
        QCOMPARE(decode.kind, SlotKind::Corrupt);
        QVERIFY2(decode.problem.contains(QStringLiteral("UTF-8")), qPrintable(decode.problem));
    }

    // The same bytes in the padding after the object.
    const QByteArray padded = sampleJson() + ' ' + bytes;
    const SlotDecode inPadding = decodeSlot(checksummedSlot(padded));
    QCOMPARE(inPadding.kind, SlotKind::Corrupt);
}

void TestRecordFuzz::deepNesting_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<SlotKind>("kind");
    QTest::addColumn<QString>("problemPart");

    const auto arrays = [](int depth) { return QByteArray(QByteArray(depth, '[') + QByteArray(depth, ']')); };
    const auto objects = [](int depth) {
        QByteArray text;
        for (int i = 0; i < depth; ++i)
            text += "{\"a\":";
        text += '1';
        text += QByteArray(depth, '}');
        return text;
    };
    const auto inExtraField = [](const QByteArray &value) {
        QByteArray json = sampleJson();
        json.chop(1);
        return QByteArray(json + ",\"future\":" + value + '}');
    };

    QTest::newRow("arrays, depth 100000") << arrays(100000) << SlotKind::Corrupt << QStringLiteral("200008 bytes");
    QTest::newRow("objects, depth 100000") << objects(100000) << SlotKind::Corrupt << QString();
    QTest::newRow("arrays, depth 2044 (fills the slot)") << arrays(2044) << SlotKind::Corrupt << QStringLiteral("JSON");
    QTest::newRow("objects, depth 680") << objects(680) << SlotKind::Corrupt << QStringLiteral("'format' is missing");
    QTest::newRow("record with arrays of depth 1800")
        << inExtraField(arrays(1800)) << SlotKind::Corrupt << QStringLiteral("not JSON");
    QTest::newRow("record with arrays of depth 1000") << inExtraField(arrays(1000)) << SlotKind::Valid << QString();
    QTest::newRow("record with unclosed arrays")
        << inExtraField(QByteArray(3000, '[')) << SlotKind::Corrupt << QStringLiteral("not JSON");
}

void TestRecordFuzz::deepNesting()
{
    QFETCH(QByteArray, payload);
    QFETCH(SlotKind, kind);
    QFETCH(QString, problemPart);

    QByteArray slot = payload;
    if (payload.size() <= kPayload) {
        slot = checksummedSlot(payload);
    } else {
        slot.append(QByteArray::number(crc32(payload), 16).rightJustified(8, '0'));
        const RecordDecode file = decodeRecordFile(slot, kNode);
        QCOMPARE(file.kind, RecordKind::Unreadable);
        QVERIFY(file.problem.contains(QStringLiteral("larger than 8192 bytes")));
    }
    const SlotDecode decode = decodeSlot(slot);
    QVERIFY2(decode.kind == kind, qPrintable(decode.problem));
    QVERIFY2(decode.problem.contains(problemPart), qPrintable(decode.problem));
}

void TestRecordFuzz::numbers_data()
{
    QTest::addColumn<QByteArray>("field"); // as it appears in the sample JSON
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<SlotKind>("kind");

    const QByteArray counters[] = { "\"seq\":7", "\"epoch\":12", "\"started\":11", "\"pid\":4242", "\"epoch\":13" };
    const std::pair<const char *, bool> counterCases[] = {
        { "0", true },
        { "-0", true },
        { "9007199254740992", true },
        { "9007199254740992.0", true },
        { "9.007199254740992e15", true },
        { "9007199254740993", false },
        { "9007199254740994.0", false },
        { "9223372036854775807", false },
        { "9223372036854775808", false },
        { "18446744073709551616", false },
        { "100000000000000000000000000000000000000000000", false },
        { "1e308", false },
        { "1e400", false },
        { "-1", false },
        { "-9223372036854775808", false },
        { "-1e308", false },
        { "0.5", false },
        { "1e-300", false },
        { "5.000000000000001", false },
    };
    for (const QByteArray &field : counters) {
        for (const auto &[text, valid] : counterCases)
            QTest::addRow("%s=%s", field.constData(), text)
                << field << QByteArray(text) << (valid ? SlotKind::Valid : SlotKind::Corrupt);
    }

    const QByteArray priority("\"priority\":150");
    QTest::newRow("priority -2147483648") << priority << QByteArray("-2147483648") << SlotKind::Valid;
    QTest::newRow("priority 2147483647") << priority << QByteArray("2147483647") << SlotKind::Valid;
    QTest::newRow("priority 2147483648") << priority << QByteArray("2147483648") << SlotKind::Corrupt;
    QTest::newRow("priority -2147483649") << priority << QByteArray("-2147483649") << SlotKind::Corrupt;
    QTest::newRow("priority 1e10") << priority << QByteArray("1e10") << SlotKind::Corrupt;

    const QByteArray format("\"format\":1");
    QTest::newRow("format 1.0") << format << QByteArray("1.0") << SlotKind::Valid;
    QTest::newRow("format 2e0") << format << QByteArray("2e0") << SlotKind::UnknownFormat;
    QTest::newRow("format -1") << format << QByteArray("-1") << SlotKind::UnknownFormat;
    QTest::newRow("format 1.5") << format << QByteArray("1.5") << SlotKind::Corrupt;
    QTest::newRow("format 1e400") << format << QByteArray("1e400") << SlotKind::Corrupt;
    QTest::newRow("format 1e30") << format << QByteArray("1e30") << SlotKind::Corrupt;
}

void TestRecordFuzz::numbers()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, text);
    QFETCH(SlotKind, kind);

    QByteArray json = sampleJson();
    QCOMPARE(json.count(field), qsizetype(1));
    const QByteArray key = field.left(field.indexOf(':') + 1);
    json.replace(field, QByteArray(key + text));
    const SlotDecode decode = decodeSlot(checksummedSlot(json));
    QVERIFY2(decode.kind == kind, qPrintable(decode.problem));
    const QString name = QString::fromLatin1(key.mid(1, key.size() - 3));
    if (text.contains("e400")) // beyond double: the JSON parser refuses it
        QVERIFY2(decode.problem.startsWith(QStringLiteral("not JSON")), qPrintable(decode.problem));
    else if (kind == SlotKind::Corrupt)
        QVERIFY2(decode.problem.contains(name), qPrintable(decode.problem));
}

void TestRecordFuzz::wrongTypes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");

    const QJsonValue candidates[] = { QJsonValue(QStringLiteral("7")), QJsonValue(7), QJsonValue(true),
        QJsonValue(QJsonValue::Null), QJsonValue(QJsonArray { 1 }),
        QJsonValue(QJsonObject { { QStringLiteral("to"), QStringLiteral("beta") } }) };
    const std::pair<const char *, QJsonValue::Type> fields[] = {
        { "format", QJsonValue::Double },
        { "node", QJsonValue::String },
        { "host_id", QJsonValue::String },
        { "incarnation", QJsonValue::String },
        { "seq", QJsonValue::Double },
        { "state", QJsonValue::String },
        { "epoch", QJsonValue::Double },
        { "started", QJsonValue::Double },
        { "priority", QJsonValue::Double },
        { "eligible", QJsonValue::Bool },
        { "app", QJsonValue::Object },
        { "app.state", QJsonValue::String },
        { "app.pid", QJsonValue::Double },
        { "app.since", QJsonValue::String },
        { "maint", QJsonValue::Bool },
        { "handover", QJsonValue::Object },
        { "handover.to", QJsonValue::String },
        { "handover.epoch", QJsonValue::Double },
        { "wall_time", QJsonValue::String },
        { "version", QJsonValue::String },
    };
    for (const auto &[path, type] : fields) {
        for (const QJsonValue &value : candidates) {
            if (value.type() == type || (QLatin1String(path) == QLatin1String("handover") && value.isNull()))
                continue;
            QTest::addRow(
                "%s as %s", path, QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact).constData())
                << QString::fromLatin1(path) << value;
        }
    }
}

void TestRecordFuzz::wrongTypes()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);

    QJsonObject object = QJsonDocument::fromJson(sampleJson()).object();
    const QStringList parts = path.split(QLatin1Char('.'));
    if (parts.size() == 2) {
        QJsonObject inner = object.value(parts[0]).toObject();
        inner.insert(parts[1], value);
        object.insert(parts[0], inner);
    } else {
        object.insert(path, value);
    }
    const SlotDecode decode = decodeSlot(checksummedSlot(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    QVERIFY2(decode.kind == SlotKind::Corrupt, qPrintable(decode.problem));
    QVERIFY2(decode.problem.contains(QStringLiteral("'%1'").arg(path)), qPrintable(decode.problem));
}

// Objects whose fields are each right, missing or of a wrong type: Valid exactly when every required
// field is right, and a Valid record encodes back to the same record.
void TestRecordFuzz::randomRecordObjects()
{
    QRandomGenerator random(4711);
    const QJsonObject sample = QJsonDocument::fromJson(sampleJson()).object();
    const QStringList optional { QStringLiteral("handover"), QStringLiteral("wall_time"), QStringLiteral("version") };
    constexpr int kObjects = 2500;
    int validCount = 0;
    for (int i = 0; i < kObjects; ++i) {
        QJsonObject object;
        bool expectValid = true;
        for (auto it = sample.constBegin(); it != sample.constEnd(); ++it) {
            const int choice = random.bounded(40);
            if (choice == 0) {
                expectValid = expectValid && optional.contains(it.key());
            } else if (choice == 1) {
                const QJsonValue wrong = randomWrongValue(random, it.value().type());
                object.insert(it.key(), wrong);
                const bool allowed = it.key() == QStringLiteral("handover") && wrong.isNull();
                const bool otherFormat = it.key() == QStringLiteral("format") && wrong.isDouble();
                expectValid = expectValid && allowed && !otherFormat;
            } else {
                object.insert(it.key(), it.value());
            }
        }
        const bool unknownFormat = object.value(QStringLiteral("format")).isDouble()
            && object.value(QStringLiteral("format")).toInteger(1) != 1;
        if (random.bounded(4) == 0)
            object.insert(
                QStringLiteral("extra_%1").arg(random.bounded(5)), randomWrongValue(random, QJsonValue::Null));

        const SlotDecode decode = decodeSlot(checksummedSlot(QJsonDocument(object).toJson(QJsonDocument::Compact)));
        if (unknownFormat) {
            QVERIFY2(decode.kind == SlotKind::UnknownFormat, qPrintable(decode.problem));
            continue;
        }
        QVERIFY2((decode.kind == SlotKind::Valid) == expectValid, qPrintable(decode.problem));
        if (decode.kind == SlotKind::Valid) {
            ++validCount;
            const Result<QByteArray> again = encodeSlot(decode.record);
            QVERIFY(again.ok());
            QCOMPARE(decodeSlot(again.value()).record, decode.record);
        } else {
            QCOMPARE(decode.kind, SlotKind::Corrupt);
        }
    }
    QVERIFY(validCount > kObjects / 4 && validCount < kObjects - kObjects / 50);
}

QTEST_GUILESS_MAIN(TestRecordFuzz)
#include "tst_recordfuzz.moc"
