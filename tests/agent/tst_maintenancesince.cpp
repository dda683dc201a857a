// When maintenance began, for hacmp_maintenance_started_timestamp_seconds (agent/daemon/maintenancesince.h):
// the maintenance file's own time, the first sight of a file without one, and reads that fail.
#include "agent/daemon/maintenancesince.h"
#include "shared/storage/controlfiles.h"

#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-12-07T15:00:00.000Z"), Qt::ISODateWithMs);

FileRead present(const QByteArray &bytes)
{
    return FileRead { IoOutcome::Ok, bytes, {} };
}

FileRead absent()
{
    return FileRead { IoOutcome::Absent, {}, {} };
}

FileRead failed()
{
    return FileRead { IoOutcome::TimedOut, {}, QStringLiteral("maintenance: no answer") };
}

QByteArray note(const QString &when)
{
    return encodeNote(ControlNote { QStringLiteral("ops@host"), when, QStringLiteral("app upgrade") });
}

} // namespace

class TestMaintenanceSince final : public QObject
{
    Q_OBJECT

private slots:
    void noneBeforeAnyRead();
    void theFilesTimeIsTheStart();
    void aFileWithoutATimeStartsWhenFirstSeen();
    void failedReadsChangeNothing();
    void anAbsentFileEndsIt();
};

void TestMaintenanceSince::noneBeforeAnyRead()
{
    QVERIFY(!MaintenanceSince().since());
}

void TestMaintenanceSince::theFilesTimeIsTheStart()
{
    MaintenanceSince since;
    since.observe(present(note(QStringLiteral("2026-12-07T11:30:00.250Z"))), kNow);
    QVERIFY(since.since());
    QCOMPARE(since.since()->toMSecsSinceEpoch(),
        QDateTime::fromString(QStringLiteral("2026-12-07T11:30:00.250Z"), Qt::ISODateWithMs).toMSecsSinceEpoch());
    since.observe(present(note(QStringLiteral("2026-12-07T11:30:00.250Z"))), kNow.addSecs(60));
    QCOMPARE(since.since()->toMSecsSinceEpoch(),
        QDateTime::fromString(QStringLiteral("2026-12-07T11:30:00.250Z"), Qt::ISODateWithMs).toMSecsSinceEpoch());
}

void TestMaintenanceSince::aFileWithoutATimeStartsWhenFirstSeen()
{
    MaintenanceSince since;
    since.observe(present("not json\n"), kNow);
    QCOMPARE(since.since(), std::optional<QDateTime>(kNow));
    since.observe(present("not json\n"), kNow.addSecs(60)); // still the first sight
    QCOMPARE(since.since(), std::optional<QDateTime>(kNow));
    since.observe(present(note(QStringLiteral("yesterday"))), kNow.addSecs(120));
    QCOMPARE(since.since(), std::optional<QDateTime>(kNow));
}

void TestMaintenanceSince::failedReadsChangeNothing()
{
    MaintenanceSince since;
    since.observe(failed(), kNow);
    QVERIFY(!since.since());
    since.observe(present(note(QStringLiteral("2026-12-07T11:30:00.000Z"))), kNow);
    since.observe(failed(), kNow.addSecs(60));
    QVERIFY(since.since());
}

void TestMaintenanceSince::anAbsentFileEndsIt()
{
    MaintenanceSince since;
    since.observe(present("not json\n"), kNow);
    since.observe(absent(), kNow.addSecs(60));
    QVERIFY(!since.since());
    since.observe(present("not json\n"), kNow.addSecs(120)); // a new maintenance starts afresh
    QCOMPARE(since.since(), std::optional<QDateTime>(kNow.addSecs(120)));
}

QTEST_GUILESS_MAIN(TestMaintenanceSince)
#include "tst_maintenancesince.moc"
