#include "gui/maintenancelog.h"
#include "gui/timelinewidget.h"

#include <QDateTime>
#include <QImage>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;

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

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
