// The guard's replies as the agent parses them (agent/guard/guardprotocol.h): every shape of the
// protocol, and lines that must be rejected rather than misread.
#include "agent/daemon/guardreply.h"

#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

Q_DECLARE_METATYPE(hacmp::agent::GuardReply::Kind)

class TestGuardReply final : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
};

void TestGuardReply::parses_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<GuardReply::Kind>("kind");
    QTest::addColumn<qint64>("pid");
    QTest::addColumn<quint64>("epoch");
    QTest::addColumn<qint64>("deadline"); // -1: none
    QTest::addColumn<QString>("cause");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    using K = GuardReply::Kind;
    QTest::newRow("idle without deadline")
        << QByteArray("STATE idle 0") << K::StateIdle << 0LL << 0ULL << -1LL << QString() << 0 << QString();
    QTest::newRow("idle with deadline") << QByteArray("STATE idle 123456") << K::StateIdle << 0LL << 0ULL << 123456LL
                                        << QString() << 0 << QString();
    QTest::newRow("running (re-attach)") << QByteArray("STATE running 4242 7 99000") << K::StateRunning << 4242LL
                                         << 7ULL << 99000LL << QString() << 0 << QString();
    QTest::newRow("started") << QByteArray("STARTED 31337") << K::Started << 31337LL << 0ULL << -1LL << QString() << 0
                             << QString();
    QTest::newRow("exited") << QByteArray("EXITED exited 3") << K::Exited << 0LL << 0ULL << -1LL
                            << QStringLiteral("exited") << 3 << QString();
    QTest::newRow("signaled") << QByteArray("EXITED signaled 9") << K::Exited << 0LL << 0ULL << -1LL
                              << QStringLiteral("signaled") << 9 << QString();
    QTest::newRow("killed at the deadline") << QByteArray("EXITED deadline 15") << K::Exited << 0LL << 0ULL << -1LL
                                            << QStringLiteral("deadline") << 15 << QString();
    QTest::newRow("stopped") << QByteArray("EXITED stopped 0") << K::Exited << 0LL << 0ULL << -1LL
                             << QStringLiteral("stopped") << 0 << QString();
    QTest::newRow("refused with a reason")
        << QByteArray("REFUSED deadline passed (now 5, deadline 4)") << K::Refused << 0LL << 0ULL << -1LL << QString()
        << 0 << QStringLiteral("deadline passed (now 5, deadline 4)");
    QTest::newRow("error") << QByteArray("ERROR unknown command FOO") << K::Error << 0LL << 0ULL << -1LL << QString()
                           << 0 << QStringLiteral("unknown command FOO");
}

void TestGuardReply::parses()
{
    QFETCH(QByteArray, line);
    QFETCH(GuardReply::Kind, kind);
    QFETCH(qint64, pid);
    QFETCH(quint64, epoch);
    QFETCH(qint64, deadline);
    QFETCH(QString, cause);
    QFETCH(int, status);
    QFETCH(QString, text);
    const std::optional<GuardReply> reply = GuardReply::parse(line);
    QVERIFY(reply);
    QCOMPARE(reply->kind, kind);
    QCOMPARE(qint64(reply->pid), pid);
    QCOMPARE(quint64(reply->epoch), epoch);
    QCOMPARE(reply->deadline, deadline < 0 ? kNever : MonoTime(deadline));
    QCOMPARE(reply->cause, cause);
    QCOMPARE(reply->status, status);
    QCOMPARE(reply->text, text);
}

void TestGuardReply::rejects_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("unknown verb") << QByteArray("HELLO 1234");
    QTest::newRow("state without deadline") << QByteArray("STATE idle");
    QTest::newRow("state, unknown kind") << QByteArray("STATE sleeping 5");
    QTest::newRow("running, missing epoch") << QByteArray("STATE running 4242 99000");
    QTest::newRow("running, pid zero") << QByteArray("STATE running 0 7 99000");
    QTest::newRow("running, negative epoch") << QByteArray("STATE running 5 -7 99000");
    QTest::newRow("started, not a number") << QByteArray("STARTED abc");
    QTest::newRow("started, negative pid") << QByteArray("STARTED -5");
    QTest::newRow("exited, unknown cause") << QByteArray("EXITED vanished 0");
    QTest::newRow("exited, no status") << QByteArray("EXITED exited");
    QTest::newRow("lower case") << QByteArray("started 42");
}

void TestGuardReply::rejects()
{
    QFETCH(QByteArray, line);
    QVERIFY(!GuardReply::parse(line));
}

QTEST_GUILESS_MAIN(TestGuardReply)
#include "tst_guardreply.moc"
