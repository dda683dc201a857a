// The network of hacmp-etcd's sites (LabSites): its namespaces exist while it lives and are gone after it, a
// partition takes a site's link down and healing brings it back, and namespaces left by a lab process that
// was killed are deleted by the next one.

#include "tests/lab/labsites.h"
#include "tests/support/prerequisite.h"

#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <optional>

using hacmp::lab::LabSites;

namespace {

bool namespaceExists(const QString &name)
{
    return QFileInfo::exists(QStringLiteral("/run/netns/") + name);
}

/// Runs ip with arguments; its standard output, or nullopt when it failed.
std::optional<QString> ip(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("ip"), arguments);
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(process.readAllStandardOutput());
}

/// Whether the link eth0 of site has a carrier (its other end, in the switch, is up).
bool carrier(const LabSites &sites, int site)
{
    const std::optional<QString> link = ip({ QStringLiteral("-n"), sites.networkNamespace(site), QStringLiteral("link"),
        QStringLiteral("show"), QStringLiteral("eth0") });
    return link && link->contains(QLatin1String("LOWER_UP"));
}

} // namespace

class TestLabSites final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void namespacesLiveWithTheObject();
    void partitionCutsTheLinkAndHealRestoresIt();
    void namespacesOfEndedLabsAreRemoved();
};

void TestLabSites::initTestCase()
{
    const QString missing = LabSites::skipReason();
    if (!missing.isEmpty())
        HACMP_MISSING_PREREQUISITE(missing);
}

void TestLabSites::namespacesLiveWithTheObject()
{
    QStringList names;
    {
        LabSites sites(3);
        const hacmp::Status made = sites.create();
        QVERIFY2(made.ok(), qPrintable(made.error()));
        for (int site = 0; site < sites.sites(); ++site) {
            names << sites.networkNamespace(site);
            QVERIFY2(namespaceExists(sites.networkNamespace(site)), qPrintable(sites.networkNamespace(site)));
            const QString addresses
                = ip({ QStringLiteral("-n"), sites.networkNamespace(site), QStringLiteral("address"),
                         QStringLiteral("show"), QStringLiteral("eth0") })
                      .value_or(QString());
            QVERIFY2(addresses.contains(LabSites::address(site) + QStringLiteral("/24")), qPrintable(addresses));
        }
        QCOMPARE(names.size(), 3);
        QCOMPARE(names.removeDuplicates(), 0);
    }
    for (const QString &name : std::as_const(names))
        QVERIFY2(!namespaceExists(name), qPrintable(name + QStringLiteral(" is left after the sites ended")));
}

void TestLabSites::partitionCutsTheLinkAndHealRestoresIt()
{
    LabSites sites(2);
    const hacmp::Status made = sites.create();
    QVERIFY2(made.ok(), qPrintable(made.error()));
    QTRY_VERIFY(carrier(sites, 0));
    QVERIFY(sites.partition(0).ok());
    QVERIFY(sites.partitioned(0));
    QVERIFY(!sites.partitioned(1));
    QTRY_VERIFY(!carrier(sites, 0));
    QVERIFY(carrier(sites, 1));
    QVERIFY(sites.heal(0).ok());
    QVERIFY(!sites.partitioned(0));
    QTRY_VERIFY(carrier(sites, 0));
}

void TestLabSites::namespacesOfEndedLabsAreRemoved()
{
    // A process that has ended: its id names the namespace a killed lab would have left.
    QProcess ended;
    ended.start(QStringLiteral("true"));
    QVERIFY(ended.waitForStarted(5000));
    const qint64 endedPid = ended.processId();
    QVERIFY(ended.waitForFinished(5000));
    const QString orphan = QStringLiteral("hlab%1-sw").arg(endedPid);
    QVERIFY(ip({ QStringLiteral("netns"), QStringLiteral("add"), orphan }));
    QVERIFY(namespaceExists(orphan));
    LabSites sites(1);
    const hacmp::Status made = sites.create();
    const bool removed = !namespaceExists(orphan);
    if (!removed)
        ip({ QStringLiteral("netns"), QStringLiteral("delete"), orphan });
    QVERIFY2(made.ok(), qPrintable(made.error()));
    QVERIFY2(removed, "the namespace of an ended lab was not removed");
}

QTEST_GUILESS_MAIN(TestLabSites)
#include "tst_labsites.moc"
