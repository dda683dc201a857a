#include "gui/clusterassessor.h"
#include "gui/consoleresources.h"
#include "gui/directorypoll.h"
#include "gui/nodetablemodel.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/fakemonoclock.h"

#include <QIcon>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::ClusterFixture;
using hacmp::test::FakeMonoClock;

/// NodeTableModel shows what the console observed: roles, application, ages counting up between polls,
/// and stale or dead nodes marked by words and icons, not by colour alone; it sorts by numbers.
class TestNodeTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void showsRecordsAsText();
    void agesCountUpBetweenPolls();
    void staleAndDeadAreMarkedInWordsIconsAndColour();
    void sortsAgesAsNumbers();
    void sameNodesUpdateWithoutReset();
    void deadMastersRecordIsAnOldTerm();

private:
    QString cell(const QString &node, int column, int role = Qt::DisplayRole) const;
    void pollNow();

    std::unique_ptr<ClusterFixture> m_fixture;
    FakeMonoClock m_clock;
    std::unique_ptr<ClusterAssessor> m_assessor;
    std::unique_ptr<NodeTableModel> m_model;
};

void TestNodeTableModel::initTestCase()
{
    initResources();
    // Durations are formatted in the locale: the expected texts are written in English.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestNodeTableModel::init()
{
    m_fixture = std::make_unique<ClusterFixture>();
    QVERIFY2(m_fixture->error().isEmpty(), qPrintable(m_fixture->error()));
    HeartbeatRecord &a = m_fixture->record(QStringLiteral("alpha"));
    a.state = Role::Master;
    a.epoch = 12;
    a.app = { AppState::Running, 4711, QStringLiteral("2024-05-01T12:00:00.000Z"), {} };
    a.priority = 150;
    a.version = QStringLiteral("0.1.0");
    HeartbeatRecord &b = m_fixture->record(QStringLiteral("bravo"));
    b.eligible = false;
    QVERIFY(m_fixture->writeRecord(QStringLiteral("alpha")).ok());
    QVERIFY(m_fixture->writeRecord(QStringLiteral("bravo")).ok());
    m_assessor = std::make_unique<ClusterAssessor>(m_fixture->path(), Timing::defaults());
    m_model = std::make_unique<NodeTableModel>(m_clock.function());
    pollNow();
}

void TestNodeTableModel::pollNow()
{
    const PollResult poll = pollDirectory(m_fixture->directory(), m_clock.function(), QString());
    m_model->setSnapshot(m_assessor->apply(poll, m_clock.now()));
}

QString TestNodeTableModel::cell(const QString &node, int column, int role) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, NodeTableModel::Node).data().toString() == node)
            return m_model->index(row, column).data(role).toString();
    }
    return QStringLiteral("<no row for %1>").arg(node);
}

void TestNodeTableModel::showsRecordsAsText()
{
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->columnCount(), int(NodeTableModel::ColumnCount));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Role), QStringLiteral("master"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Epoch), QStringLiteral("12"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Application), QStringLiteral("running (pid 4711)"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Priority), QStringLiteral("150"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Eligible), QStringLiteral("yes"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Version), QStringLiteral("0.1.0"));
    QCOMPARE(cell(QStringLiteral("bravo"), NodeTableModel::Role), QStringLiteral("standby"));
    QCOMPARE(cell(QStringLiteral("bravo"), NodeTableModel::Application), QStringLiteral("stopped"));
    QCOMPARE(cell(QStringLiteral("bravo"), NodeTableModel::Eligible), QStringLiteral("no"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Status), QStringLiteral("alive"));
    QVERIFY(
        cell(QStringLiteral("alpha"), NodeTableModel::Application, Qt::ToolTipRole).contains(QStringLiteral("2024")));
    QCOMPARE(m_model->headerData(NodeTableModel::Age, Qt::Horizontal).toString(), QStringLiteral("Age"));
}

void TestNodeTableModel::agesCountUpBetweenPolls()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Age), QStringLiteral("≥ 0 ms"));
    m_clock.advance(Millis(1500));
    m_model->tick();
    QVERIFY(!changed.isEmpty());
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Age), QStringLiteral("≥ 1.5 s"));
    QVERIFY(
        cell(QStringLiteral("alpha"), NodeTableModel::Age, Qt::ToolTipRole).contains(QStringLiteral("may be older")));

    QVERIFY(m_fixture->writeRecord(QStringLiteral("alpha")).ok());
    pollNow();
    m_clock.advance(Millis(250));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Age), QStringLiteral("250 ms"));
    QCOMPARE(cell(QStringLiteral("bravo"), NodeTableModel::Age), QStringLiteral("≥ 1.8 s"));
}

void TestNodeTableModel::staleAndDeadAreMarkedInWordsIconsAndColour()
{
    QVERIFY(!m_model->index(0, 0).data(Qt::BackgroundRole).isValid());
    m_clock.advance(Timing::defaults().settle() + Millis(100));
    m_model->tick();
    QCOMPARE(cell(QStringLiteral("bravo"), NodeTableModel::Status), QStringLiteral("stale"));
    QVERIFY(cell(QStringLiteral("bravo"), NodeTableModel::Status, Qt::ToolTipRole)
                .contains(QStringLiteral("has not changed")));
    int row = m_model->index(0, 0).data().toString() == QStringLiteral("bravo") ? 0 : 1;
    QVERIFY(m_model->index(row, NodeTableModel::Version).data(Qt::BackgroundRole).isValid());
    const QIcon icon = m_model->index(row, NodeTableModel::Status).data(Qt::DecorationRole).value<QIcon>();
    QVERIFY2(!icon.pixmap(16, 16).isNull(),
        "the state icons are SVG: Qt's SVG plugins (Debian package libqt6svg6) must be installed");

    m_clock.advance(Timing::defaults().failoverTimeout);
    QVERIFY(m_fixture->writeRecord(QStringLiteral("alpha")).ok());
    pollNow();
    row = m_model->index(0, 0).data().toString() == QStringLiteral("bravo") ? 0 : 1;
    QCOMPARE(cell(QStringLiteral("bravo"), NodeTableModel::Status), QStringLiteral("dead"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Status), QStringLiteral("alive"));
    QVERIFY(m_model->index(row, NodeTableModel::Node).data(Qt::BackgroundRole).isValid());
    QVERIFY(!m_model->index(1 - row, NodeTableModel::Node).data(Qt::BackgroundRole).isValid());
}

void TestNodeTableModel::sortsAgesAsNumbers()
{
    // alpha changes now, bravo stays: bravo's age (12 s) sorts after alpha's (900 ms), though "9" > "1" as text.
    m_clock.advance(Millis(11100));
    QVERIFY(m_fixture->writeRecord(QStringLiteral("alpha")).ok());
    pollNow();
    m_clock.advance(Millis(900));
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(m_model.get());
    sorted.setSortRole(NodeTableModel::SortRole);
    sorted.sort(NodeTableModel::Age, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, NodeTableModel::Node).data().toString(), QStringLiteral("alpha"));
    QCOMPARE(sorted.index(0, NodeTableModel::Age).data().toString(), QStringLiteral("900 ms"));
    QCOMPARE(sorted.index(1, NodeTableModel::Age).data().toString(), QStringLiteral("≥ 12 s"));
    sorted.sort(NodeTableModel::Priority, Qt::DescendingOrder);
    QCOMPARE(sorted.index(0, NodeTableModel::Node).data().toString(), QStringLiteral("alpha"));
}

void TestNodeTableModel::sameNodesUpdateWithoutReset()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QVERIFY(m_fixture->writeRecord(QStringLiteral("bravo")).ok());
    pollNow();
    QCOMPARE(reset.count(), 0);
    QVERIFY(m_fixture->writeRecord(QStringLiteral("charlie")).ok());
    pollNow();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
}

void TestNodeTableModel::deadMastersRecordIsAnOldTerm()
{
    // bravo was master of epoch 11 and died; alpha took over with epoch 12.
    HeartbeatRecord &b = m_fixture->record(QStringLiteral("bravo"));
    b.state = Role::Master;
    b.epoch = 11;
    b.app = { AppState::Running, 99, QStringLiteral("2024-05-01T11:00:00.000Z"), {} };
    QVERIFY(m_fixture->writeRecord(QStringLiteral("bravo")).ok());
    pollNow();
    m_clock.advance(Timing::defaults().failoverTimeout + Millis(100));
    QVERIFY(m_fixture->writeRecord(QStringLiteral("alpha")).ok());
    pollNow();
    QCOMPARE(cell(QStringLiteral("bravo"), NodeTableModel::Role), QStringLiteral("old master (epoch 11)"));
    QCOMPARE(cell(QStringLiteral("alpha"), NodeTableModel::Role), QStringLiteral("master"));
    QCOMPARE(m_model->snapshot().state, ClusterState::Degraded);
}

QTEST_MAIN(TestNodeTableModel)
#include "tst_nodetablemodel.moc"
