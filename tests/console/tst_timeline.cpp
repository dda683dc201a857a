#include "gui/consoleresources.h"
#include "gui/historyfilterproxy.h"
#include "gui/historymodel.h"
#include "gui/historypane.h"
#include "gui/maintenancelog.h"
#include "gui/mainwindow.h"
#include "gui/timelinewidget.h"
#include "tests/support/clusterfixture.h"

#include <QDateTime>
#include <QImage>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::ClusterFixture;

namespace {

const QDateTime kBase = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00.000Z"), Qt::ISODateWithMs);

QString at(qint64 minutes)
{
    return kBase.addSecs(minutes * 60).toString(Qt::ISODateWithMs);
}

qint64 ms(qint64 minutes)
{
    return kBase.addSecs(minutes * 60).toMSecsSinceEpoch();
}

MasterChange change(qint64 minute, const char *node, quint64 epoch, qint64 stoppedMinute, qint64 startedMinute,
    MasterChangeReason reason)
{
    MasterChange entry;
    entry.time = at(minute);
    entry.node = QLatin1String(node);
    entry.epoch = epoch;
    entry.reason = reason;
    entry.appStopped = stoppedMinute < 0 ? QString() : at(stoppedMinute);
    entry.appStarted = startedMinute < 0 ? QString() : at(startedMinute);
    return entry;
}

HistoryEvent maintenance(qint64 minute, const char *writer, bool on, const QString &why)
{
    HistoryEvent event;
    event.time = at(minute);
    event.writer = QLatin1String(writer);
    event.event = QLatin1String(on ? historyevents::MaintenanceOn : historyevents::MaintenanceOff);
    event.detail = why;
    return event;
}

HistoryEvent event(qint64 minute, const char *writer, const char *name, const char *node, const QString &detail)
{
    HistoryEvent line;
    line.time = at(minute);
    line.writer = QLatin1String(writer);
    line.event = QLatin1String(name);
    line.node = QLatin1String(node);
    line.detail = detail;
    return line;
}

/// A timeline 800 px wide at minute 180 of a's term (from 1) and b's, after a failover at minute 170.
void showFailover(TimelineWidget &widget)
{
    widget.resize(800, 200);
    widget.setWallClock([] { return ms(180); });
    widget.setChanges({ change(0, "a", 1, -1, 1, MasterChangeReason::Initial),
        change(170, "b", 2, -1, 171, MasterChangeReason::Failover) });
    widget.addEvents({ event(0, "a", historyevents::RoleChange, "a", QStringLiteral("master of epoch 1")),
                         event(169, "b", historyevents::NodeDead, "a", QStringLiteral("no heartbeat change for 10s")),
                         event(170, "b", historyevents::RoleChange, "b", QStringLiteral("master of epoch 2")),
                         event(171, "b", historyevents::AppStart, "b", QStringLiteral("pid 42")) },
        true);
    widget.setCurrent(QStringLiteral("b"), 2, { QStringLiteral("a"), QStringLiteral("b") });
}

} // namespace

/// The timeline's terms and downtime gaps from the failover log, the maintenance periods from the history,
/// and what the widget paints of them.
class TestTimeline final : public QObject
{
    Q_OBJECT

private slots:
    void termsRunFromStartToTheNextStop();
    void lastTermIsOngoingOnlyForTheCurrentMaster();
    void maintenancePeriodsPairOnAndOff();
    void paintsTermsGapsAndMaintenance();
    void latestRangeStartsBeforeTheLatestChange();
    void opensOnTheLatestEvents();
    void zoomedRangeKeepsTheAnchor();
    void wheelZoomKeepsThePointUnderTheCursor();
    void dragPansAndDoubleClickGoesBackToTheLatest();
    void clickOnAnEventSelectsItsHistoryRow();
};

void TestTimeline::termsRunFromStartToTheNextStop()
{
    const QList<MasterChange> changes {
        change(0, "a", 1, -1, 1, MasterChangeReason::Initial),
        change(60, "b", 2, 59, 61, MasterChangeReason::Switchover),
        change(120, "a", 3, -1, -1, MasterChangeReason::Failover),
    };
    const QList<MasterTerm> terms = TimelineWidget::termsOf(changes, ms(180), QStringLiteral("a"), 3);
    QCOMPARE(terms.size(), 3);
    QCOMPARE(terms[0].startMs, ms(1)); // the application's start
    QCOMPARE(terms[0].endMs, ms(59)); // the next change's application stop
    QCOMPARE(terms[1].startMs, ms(61));
    QCOMPARE(terms[1].endMs, ms(120)); // no stop recorded: the next claim ends it
    QCOMPARE(terms[2].startMs, ms(120)); // no start recorded: from the claim
    QCOMPARE(terms[2].endMs, ms(180));
    QVERIFY(terms[2].ongoing);
    QCOMPARE(terms[1].reason, MasterChangeReason::Switchover);

    const QList<DowntimeGap> gaps = TimelineWidget::gapsOf(terms);
    QCOMPARE(gaps.size(), 1);
    QCOMPARE(gaps[0], (DowntimeGap { ms(59), ms(61) }));
}

void TestTimeline::lastTermIsOngoingOnlyForTheCurrentMaster()
{
    const QList<MasterChange> changes { change(0, "a", 1, -1, 1, MasterChangeReason::Initial) };
    QList<MasterTerm> terms = TimelineWidget::termsOf(changes, ms(30), QStringLiteral("b"), 2);
    QVERIFY(!terms[0].ongoing);
    QVERIFY2(!terms[0].endRecorded, "the history does not show when a's term ended");
    terms = TimelineWidget::termsOf(changes, ms(30), QString(), 0);
    QVERIFY(!terms[0].endRecorded);
    terms = TimelineWidget::termsOf(changes, ms(30), QStringLiteral("a"), 1);
    QVERIFY(terms[0].ongoing && terms[0].endRecorded);
}

void TestTimeline::maintenancePeriodsPairOnAndOff()
{
    MaintenanceLog log;
    // An agent notices first (no reason), the console's line says who and why; agents repeat the change.
    log.addEvents({ maintenance(10, "a", true, QString()), maintenance(10, "ops@desk", true, QStringLiteral("upgrade")),
                      maintenance(11, "b", true, QString()), maintenance(40, "ops@desk", false, QString()),
                      maintenance(41, "a", false, QString()) },
        true);
    QCOMPARE(log.periods().size(), 1);
    QCOMPARE(log.periods()[0],
        (MaintenancePeriod { ms(10), ms(40), QStringLiteral("ops@desk"), QStringLiteral("upgrade") }));

    log.addEvents({ maintenance(90, "ops@desk", true, QStringLiteral("again")) }, false);
    QCOMPARE(log.periods().size(), 2);
    QCOMPARE(log.periods()[1].endMs, qint64(-1));
    // A late event of an earlier period lands in order.
    log.addEvents({ maintenance(5, "c", false, QString()) }, false);
    QCOMPARE(log.periods().size(), 2);
    log.addEvents({}, true);
    QVERIFY(log.periods().isEmpty());
}

void TestTimeline::paintsTermsGapsAndMaintenance()
{
    TimelineWidget widget;
    widget.resize(800, 200);
    widget.setWallClock([] { return ms(180); });
    widget.setSpan(Millis(3 * 3600 * 1000));
    widget.setChanges({ change(0, "a", 1, -1, 1, MasterChangeReason::Initial),
        change(60, "b", 2, 50, 70, MasterChangeReason::Failover) });
    MaintenanceLog log;
    log.addEvents(
        { maintenance(120, "ops@desk", true, QStringLiteral("x")), maintenance(150, "ops@desk", false, QString()) },
        true);
    widget.setMaintenance(log.periods());
    widget.setCurrent(QStringLiteral("b"), 2, { QStringLiteral("a"), QStringLiteral("b") });
    QCOMPARE(widget.terms().size(), 2);
    QCOMPARE(widget.gaps().size(), 1);

    const QImage image = widget.grab().toImage();
    const auto colorAt = [&](qint64 minute, const char *node) {
        return image.pixelColor(widget.positionOf(ms(minute), QLatin1String(node)));
    };
    const auto reddish
        = [](const QColor &color) { return color.red() - color.green() > 40 && color.red() - color.blue() > 40; };
    const auto bluish
        = [](const QColor &color) { return color.blue() - color.red() > 15 && color.blue() - color.green() > 10; };
    // a's term until its application stopped at 50 min, no application until b's started at 70, then b.
    QVERIFY(!reddish(colorAt(30, "a")) && !bluish(colorAt(30, "a")) && colorAt(30, "a") != colorAt(30, "b"));
    QVERIFY2(reddish(colorAt(60, "a")) && reddish(colorAt(60, "b")), "the downtime is shaded across all rows");
    QCOMPARE(colorAt(100, "b"), colorAt(110, "b"));
    QVERIFY(colorAt(100, "b") != colorAt(100, "a"));
    QVERIFY2(bluish(colorAt(135, "a")), "the maintenance period is shaded");
    QVERIFY(!bluish(colorAt(165, "a")));
}

void TestTimeline::latestRangeStartsBeforeTheLatestChange()
{
    const qint64 minute = 60 * 1000;
    // A change 2 min ago: the narrowest range the latest events open on, up to now.
    QCOMPARE(TimelineWidget::latestRange(ms(178), ms(180)),
        (TimeRange { ms(180) - TimelineWidget::kMinLatestSpanMs, ms(180) }));
    // 5 h ago: the change a fifth of the way in.
    const TimeRange hours = TimelineWidget::latestRange(ms(0), ms(300));
    QCOMPARE(hours.toMs, ms(300));
    QCOMPARE(hours.fromMs, ms(0) - 75 * minute);
    // No change at all: the last day; a change 60 days ago: 30 days from a little before it.
    QCOMPARE(TimelineWidget::latestRange(-1, ms(300)), (TimeRange { ms(300) - 24 * 60 * minute, ms(300) }));
    const TimeRange old = TimelineWidget::latestRange(ms(0), ms(60 * 24 * 60));
    QCOMPARE(old.span(), TimelineWidget::kMaxLatestSpanMs);
    QVERIFY(old.fromMs < ms(0) && old.toMs > ms(0));
}

void TestTimeline::opensOnTheLatestEvents()
{
    TimelineWidget widget;
    showFailover(widget);
    QCOMPARE(widget.view(), TimelineWidget::View::Latest);
    const TimeRange range = widget.visibleRange();
    QCOMPARE(range.toMs, ms(180));
    QVERIFY2(range.fromMs < ms(169) && range.span() <= TimelineWidget::kMinLatestSpanMs,
        "the failover, from the node's death, fills the view");
    // b's 9 minutes as master are far more than a line one pixel wide, and the node's death is apart from them.
    QVERIFY(widget.positionOf(ms(180), QStringLiteral("b")).x() - widget.positionOf(ms(171), QStringLiteral("b")).x()
        > 300);
    QVERIFY(
        widget.positionOf(ms(170), QStringLiteral("a")).x() - widget.positionOf(ms(169), QStringLiteral("a")).x() > 30);
    QCOMPARE(widget.marks().size(), 3); // not the application's start: the bar shows it

    // The span buttons' views.
    widget.setSpan(Millis(3600 * 1000));
    QCOMPARE(widget.visibleRange(), (TimeRange { ms(120), ms(180) }));
    widget.showLatest();
    QCOMPARE(widget.visibleRange(), range);
}

void TestTimeline::zoomedRangeKeepsTheAnchor()
{
    const TimeRange range { ms(0), ms(100) };
    const TimeRange in = TimelineWidget::zoomedRange(range, ms(25), 0.5);
    QCOMPARE(
        in, (TimeRange { ms(25) - ms(25) / 2 + ms(0) / 2, ms(25) - ms(25) / 2 + ms(0) / 2 + (ms(100) - ms(0)) / 2 }));
    QCOMPARE(in.span(), range.span() / 2);
    QCOMPARE(double(ms(25) - in.fromMs) / double(in.span()), 0.25);
    // Not narrower than a minute, not wider than the limit.
    QCOMPARE(TimelineWidget::zoomedRange(range, ms(50), 1e-6).span(), TimelineWidget::kMinSpanMs);
    QCOMPARE(TimelineWidget::zoomedRange(range, ms(50), 1e6).span(), TimelineWidget::kMaxSpanMs);
    QCOMPARE(TimelineWidget::pannedRange(range, 80, 800), (TimeRange { ms(-10), ms(90) }));
}

void TestTimeline::wheelZoomKeepsThePointUnderTheCursor()
{
    TimelineWidget widget;
    showFailover(widget);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    const TimeRange before = widget.visibleRange();
    const QPoint cursor = widget.positionOf(ms(172), QStringLiteral("b"));
    QWheelEvent wheel(QPointF(cursor), QPointF(widget.mapToGlobal(cursor)), QPoint(), QPoint(0, 120), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &wheel);
    QCOMPARE(widget.view(), TimelineWidget::View::Free);
    QVERIFY(widget.visibleRange().span() < before.span());
    QVERIFY(std::abs(widget.positionOf(ms(172), QStringLiteral("b")).x() - cursor.x()) <= 1);
    QVERIFY2(widget.positionOf(ms(171), QStringLiteral("b")).x() < cursor.x() - 50, "a minute is wider now");
    // The wheel the other way zooms back out.
    QWheelEvent back(QPointF(cursor), QPointF(widget.mapToGlobal(cursor)), QPoint(), QPoint(0, -120), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &back);
    QVERIFY(std::abs(widget.visibleRange().span() - before.span()) < 1000);
}

void TestTimeline::dragPansAndDoubleClickGoesBackToTheLatest()
{
    TimelineWidget widget;
    showFailover(widget);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    const TimeRange before = widget.visibleRange();
    const QPoint start = widget.positionOf(ms(175), QStringLiteral("b")) + QPoint(0, 0);
    QSignalSpy clicked(&widget, &TimelineWidget::eventClicked);
    QTest::mousePress(&widget, Qt::LeftButton, {}, start);
    QTest::mouseMove(&widget, start + QPoint(50, 0));
    QTest::mouseMove(&widget, start + QPoint(120, 0));
    QTest::mouseRelease(&widget, Qt::LeftButton, {}, start + QPoint(120, 0));
    QCOMPARE(widget.view(), TimelineWidget::View::Free);
    QCOMPARE(widget.visibleRange().span(), before.span());
    QVERIFY2(widget.visibleRange().fromMs < before.fromMs, "a drag to the right brings earlier times into view");
    QVERIFY(std::abs(widget.positionOf(ms(175), QStringLiteral("b")).x() - (start.x() + 120)) <= 1);
    QCOMPARE(clicked.count(), 0);

    QTest::mouseDClick(&widget, Qt::LeftButton, {}, widget.positionOf(ms(174), QStringLiteral("a")));
    QCOMPARE(widget.view(), TimelineWidget::View::Latest);
    QCOMPARE(widget.visibleRange(), before);
}

void TestTimeline::clickOnAnEventSelectsItsHistoryRow()
{
    QStandardPaths::setTestModeEnabled(true);
    initResources();
    ClusterFixture cluster(QStringLiteral("lab"));
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto ago = [&now](int minutes, const char *writer, const char *name, const char *node, const char *detail) {
        HistoryEvent line;
        line.time = now.addSecs(-60 * minutes).toString(Qt::ISODateWithMs);
        line.writer = QLatin1String(writer);
        line.event = QLatin1String(name);
        line.node = QLatin1String(node);
        line.detail = QLatin1String(detail);
        return line;
    };
    QVERIFY(cluster
                .appendHistory(QStringLiteral("a"),
                    { ago(50, "a", historyevents::RoleChange, "a", "master of epoch 1"),
                        ago(49, "a", historyevents::AppStart, "a", "pid 7") })
                .ok());
    QVERIFY(cluster
                .appendHistory(QStringLiteral("b"),
                    { ago(8, "b", historyevents::NodeDead, "a", "no heartbeat change for 10s"),
                        ago(6, "b", historyevents::RoleChange, "b", "master of epoch 2"),
                        ago(5, "b", historyevents::AppStart, "b", "pid 8") })
                .ok());
    HeartbeatRecord &b = cluster.record(QStringLiteral("b"));
    b.state = Role::Master;
    b.epoch = 2;
    b.app = { AppState::Running, 8, QString(), {} };
    QVERIFY(cluster.writeRecord(QStringLiteral("a")).ok());
    QVERIFY(cluster.writeRecord(QStringLiteral("b")).ok());

    MainWindow window(nullptr, Timing::fast(), MonoClock(monotonicNow));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openCluster(cluster.path());
    TimelineWidget *timeline = window.timeline();
    QTRY_COMPARE_WITH_TIMEOUT(timeline->marks().size(), 3, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->rowCount(), 5, 5000);
    window.showTab(2);
    QVERIFY(timeline->isVisible());
    QCOMPARE(timeline->view(), TimelineWidget::View::Latest);

    const auto markOf = [timeline](const char *name) {
        for (const EventMark &mark : timeline->marks()) {
            if (mark.event.event == QLatin1String(name))
                return mark;
        }
        return EventMark {};
    };
    const EventMark dead = markOf(historyevents::NodeDead);
    QTest::mouseClick(timeline, Qt::LeftButton, {}, timeline->positionOf(dead.ms, QStringLiteral("a")));
    QTableView *view = window.historyPane()->view();
    QVERIFY2(view->isVisible(), "the click shows the history");
    const QModelIndex current = view->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(window.historyModel()->eventAt(window.historyFilter()->mapToSource(current).row()), dead.event);
    QVERIFY(view->selectionModel()->isRowSelected(current.row(), QModelIndex()));

    // An event the filters hide: the status bar says so, the selection stays.
    window.historyFilter()->setNode(QStringLiteral("b"));
    window.showTab(2);
    view->clearSelection();
    QTest::mouseClick(timeline, Qt::LeftButton, {}, timeline->positionOf(dead.ms, QStringLiteral("a")));
    QVERIFY(timeline->isVisible());
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("filters")),
        qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(!view->selectionModel()->hasSelection());
}

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
