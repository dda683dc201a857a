#include "gui/confirmdialog.h"
#include "gui/consoleresources.h"
#include "gui/mainwindow.h"
#include "gui/nodetablemodel.h"
#include "gui/statebanner.h"
#include "shared/history/actor.h"
#include "shared/history/historyreader.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/clusterfixture.h"

#include <QAction>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::ClusterFixture;

/// The window's operator actions against a real directory: each asks through a ConfirmDialog (answered
/// here as a person would, by typing and clicking), then writes the control file docs/protocol.md describes
/// and a line in the console's own history; a directory this user cannot write disables them with a reason.
class TestConsoleWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void maintenanceToggleWritesTheFile();
    void cancelledDialogWritesNothing();
    void standbyOnAndOff();
    void switchoverIsAddressedToTheMastersEpoch();
    void switchoverToTheMasterIsRefusedBeforeAsking();
    void clearFailuresWritesTheRequest();
    void applicationByHandOnlyInMaintenance();
    void unwritableDirectoryDisablesActionsWithAReason();

private:
    /// Triggers action, types reason into the dialog it opens (when not empty) and confirms it.
    void answer(QAction *action, const QString &reason);
    QList<HistoryEvent> ownHistory();

    std::unique_ptr<ClusterFixture> m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    initResources();
}

void TestConsoleWindow::init()
{
    m_fixture = std::make_unique<ClusterFixture>(QStringLiteral("lab"));
    QVERIFY2(m_fixture->error().isEmpty(), qPrintable(m_fixture->error()));
    HeartbeatRecord &a = m_fixture->record(QStringLiteral("a"));
    a.state = Role::Master;
    a.epoch = 7;
    a.app = { AppState::Running, 321, QString(), {} };
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") })
        QVERIFY(m_fixture->writeRecord(node).ok());
    m_window = std::make_unique<MainWindow>(nullptr, Timing::fast(), MonoClock(monotonicNow));
    m_window->show();
    m_window->openCluster(m_fixture->path());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->maintenanceAction()->isEnabled(), 5000);
    QCOMPARE(m_window->monitor()->snapshot().master(), QStringLiteral("a"));
}

void TestConsoleWindow::cleanup()
{
    m_window.reset();
    m_fixture.reset();
}

void TestConsoleWindow::answer(QAction *action, const QString &reason)
{
    QVERIFY(action->isEnabled());
    action->trigger();
    ConfirmDialog *dialog = m_window->openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    if (!reason.isEmpty())
        QTest::keyClicks(dialog->reasonEdit(), reason);
    QVERIFY(dialog->confirmButton()->isEnabled());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
}

QList<HistoryEvent> TestConsoleWindow::ownHistory()
{
    HistoryFilter filter;
    const Result<HistoryRead> read = HistoryReader().readAll(m_fixture->directory(), filter);
    QList<HistoryEvent> own;
    for (const HistoryEvent &event : read->events) {
        if (event.writer == currentActor())
            own.append(event);
    }
    return own;
}

void TestConsoleWindow::maintenanceToggleWritesTheFile()
{
    QAction *toggle = m_window->maintenanceAction();
    QVERIFY(toggle->isCheckable());
    QVERIFY(!toggle->isChecked());
    QCOMPARE(m_window->maintenanceButton()->text(), QStringLiteral("Turn Maintenance On…"));

    toggle->trigger();
    ConfirmDialog *dialog = m_window->openDialog();
    QVERIFY(dialog);
    QVERIFY2(!toggle->isChecked(), "the check mark follows the directory, not the click");
    QVERIFY2(!dialog->confirmButton()->isEnabled(), "a reason is required to turn maintenance on");
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("   "));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("kernel update"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(ControlFiles(m_fixture->directory()).maintenance().presence == Presence::Present, 5000);
    const NoteRead note = ControlFiles(m_fixture->directory()).maintenance();
    QVERIFY(note.note);
    QCOMPARE(note.note->who, currentActor());
    QCOMPARE(note.note->why, QStringLiteral("kernel update"));
    QVERIFY(QDateTime::fromString(note.note->when, Qt::ISODateWithMs).isValid());
    QTRY_COMPARE_WITH_TIMEOUT(ownHistory().size(), 1, 5000);
    QList<HistoryEvent> history = ownHistory();
    QCOMPARE(history[0].event, QLatin1String(historyevents::MaintenanceOn));
    QCOMPARE(history[0].detail, QStringLiteral("kernel update"));
    QCOMPARE(history[0].time, note.note->when);

    QTRY_VERIFY_WITH_TIMEOUT(toggle->isChecked(), 5000);
    QCOMPARE(m_window->banner()->stateText(), QStringLiteral("MAINTENANCE"));
    QVERIFY(m_window->banner()->detailText().contains(currentActor()));
    QVERIFY(m_window->banner()->detailText().contains(QStringLiteral("kernel update")));
    QCOMPARE(m_window->maintenanceButton()->text(), QStringLiteral("Turn Maintenance Off…"));
    QVERIFY(m_window->noticeText().contains(QStringLiteral("Maintenance is on")));

    // Off again through the button; a reason is optional there.
    QTest::mouseClick(m_window->maintenanceButton(), Qt::LeftButton);
    dialog = m_window->openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->confirmButton()->isEnabled());
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(ControlFiles(m_fixture->directory()).maintenance().presence == Presence::Absent, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!toggle->isChecked(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(ownHistory().size(), 2, 5000);
    history = ownHistory();
    QCOMPARE(history[1].event, QLatin1String(historyevents::MaintenanceOff));
    QVERIFY(history[1].seq > history[0].seq);
}

void TestConsoleWindow::cancelledDialogWritesNothing()
{
    m_window->maintenanceAction()->trigger();
    ConfirmDialog *dialog = m_window->openDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("changed my mind"));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->openDialog(), 2000);
    m_window->monitor()->refresh();
    QTest::qWait(300);
    QCOMPARE(ControlFiles(m_fixture->directory()).maintenance().presence, Presence::Absent);
    QVERIFY(ownHistory().isEmpty());
}

void TestConsoleWindow::standbyOnAndOff()
{
    QVERIFY2(!m_window->standbyAction()->isEnabled(), "no node selected yet");
    m_window->selectNode(QStringLiteral("b"));
    QCOMPARE(m_window->standbyAction()->text(), QStringLiteral("Put b in Standby…"));
    answer(m_window->standbyAction(), QStringLiteral("disk swap"));
    QTRY_VERIFY_WITH_TIMEOUT(
        ControlFiles(m_fixture->directory()).standby(QStringLiteral("b")).presence == Presence::Present, 5000);
    QCOMPARE(ControlFiles(m_fixture->directory()).standby(QStringLiteral("b")).note->why, QStringLiteral("disk swap"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->standbyAction()->text(), QStringLiteral("Take b Out of Standby…"), 5000);

    answer(m_window->standbyAction(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(
        ControlFiles(m_fixture->directory()).standby(QStringLiteral("b")).presence == Presence::Absent, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(ownHistory().size(), 2, 5000);
    const QList<HistoryEvent> history = ownHistory();
    QCOMPARE(history[0].event, QLatin1String(historyevents::StandbyOn));
    QCOMPARE(history[0].node, QStringLiteral("b"));
    QCOMPARE(history[1].event, QLatin1String(historyevents::StandbyOff));
}

void TestConsoleWindow::switchoverIsAddressedToTheMastersEpoch()
{
    m_window->selectNode(QStringLiteral("c"));
    QCOMPARE(m_window->switchoverAction()->text(), QStringLiteral("Switch Over to c…"));
    answer(m_window->switchoverAction(), QStringLiteral("patch a"));
    QTRY_VERIFY_WITH_TIMEOUT(ControlFiles(m_fixture->directory()).switchover().presence == Presence::Present, 5000);
    const SwitchoverRead read = ControlFiles(m_fixture->directory()).switchover();
    QVERIFY(read.request);
    QCOMPARE(read.request->target, QStringLiteral("c"));
    QCOMPARE(read.request->epoch, quint64(7));
    QCOMPARE(read.request->who, currentActor());
    QTRY_COMPARE_WITH_TIMEOUT(ownHistory().size(), 1, 5000);
    const QList<HistoryEvent> history = ownHistory();
    QCOMPARE(history[0].event, QLatin1String(historyevents::SwitchoverRequested));
    QCOMPARE(history[0].epoch, quint64(7));
    QCOMPARE(history[0].detail, QStringLiteral("patch a"));
}

void TestConsoleWindow::switchoverToTheMasterIsRefusedBeforeAsking()
{
    m_window->selectNode(QStringLiteral("a"));
    QVERIFY(!m_window->switchoverAction()->isEnabled());
    QCOMPARE(m_window->switchoverAction()->toolTip(), QStringLiteral("a is already master."));
    QVERIFY(m_window->standbyAction()->isEnabled());
}

void TestConsoleWindow::clearFailuresWritesTheRequest()
{
    m_window->selectNode(QStringLiteral("b"));
    answer(m_window->clearAction(), QStringLiteral("disk replaced"));
    QTRY_VERIFY_WITH_TIMEOUT(m_fixture->directory().readFile(clearPath(QStringLiteral("b")), 4096).ok(), 5000);
    const NoteRead request = interpretNote(
        m_fixture->directory().readFile(clearPath(QStringLiteral("b")), 4096), clearPath(QStringLiteral("b")));
    QVERIFY(request.note);
    QCOMPARE(request.note->who, currentActor());
    QCOMPARE(request.note->why, QStringLiteral("disk replaced"));
    QTRY_COMPARE_WITH_TIMEOUT(ownHistory().value(0).event, QLatin1String(historyevents::ClearFailures), 5000);
}

void TestConsoleWindow::applicationByHandOnlyInMaintenance()
{
    m_window->selectNode(QStringLiteral("a"));
    QVERIFY(!m_window->appAction()->isEnabled());
    QVERIFY2(m_window->appAction()->toolTip().contains(QLatin1String("Only in maintenance")),
        qPrintable(m_window->appAction()->toolTip()));
    ControlFiles(m_fixture->directory())
        .setMaintenance(ControlNote { QStringLiteral("op@test"), QString(), QStringLiteral("upgrade") });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->appAction()->isEnabled(), 5000);
    QCOMPARE(m_window->appAction()->text(), QStringLiteral("Stop the Application on a…")); // a runs it
    m_window->selectNode(QStringLiteral("b"));
    QVERIFY(!m_window->appAction()->isEnabled()); // b runs nothing, and only the master starts it
    QVERIFY2(m_window->appAction()->toolTip().contains(QLatin1String("a is master")),
        qPrintable(m_window->appAction()->toolTip()));

    m_window->selectNode(QStringLiteral("a"));
    answer(m_window->appAction(), QStringLiteral("upgrade to 4.2"));
    QTRY_VERIFY_WITH_TIMEOUT(m_fixture->directory().readFile(appRequestPath(QStringLiteral("a")), 4096).ok(), 5000);
    const AppRequestRead request
        = interpretAppRequest(m_fixture->directory().readFile(appRequestPath(QStringLiteral("a")), 4096),
            appRequestPath(QStringLiteral("a")));
    QVERIFY(request.request);
    QCOMPARE(request.request->action, AppRequest::Action::Stop);
    QCOMPARE(request.request->note.who, currentActor());
    QCOMPARE(request.request->note.why, QStringLiteral("upgrade to 4.2"));
    QTRY_COMPARE_WITH_TIMEOUT(ownHistory().value(0).event, QLatin1String(historyevents::AppStopRequested), 5000);
}

void TestConsoleWindow::unwritableDirectoryDisablesActionsWithAReason()
{
    QVERIFY(QDir(m_fixture->path()).rmdir(clearFolder()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->maintenanceAction()->isEnabled(), 5000);
    QVERIFY(!m_window->maintenanceButton()->isEnabled());
    QVERIFY2(m_window->maintenanceButton()->toolTip().contains(QStringLiteral("hacmpctl init")),
        qPrintable(m_window->maintenanceButton()->toolTip()));
    m_window->selectNode(QStringLiteral("b"));
    QVERIFY(!m_window->standbyAction()->isEnabled());
    QVERIFY(m_window->standbyAction()->toolTip().contains(clearFolder()));
    QVERIFY(!m_window->openDialog());
}

QTEST_MAIN(TestConsoleWindow)
#include "tst_consolewindow.moc"
