#include "agent/daemon/eventreporter.h"

#include "agent/daemon/agentlog.h"
#include "agent/daemon/directoryio.h"
#include "shared/history/actor.h"

namespace hacmp::agent {

namespace {

const QLoggingCategory &categoryOf(const QString &event)
{
    if (event.startsWith(QLatin1String("app_")) || event == QLatin1String(historyevents::GuardKill))
        return lcApp();
    if (event.startsWith(QLatin1String("storage_")))
        return lcIo();
    return lcElection();
}

QtMsgType levelOf(const QString &event)
{
    if (event == QLatin1String(historyevents::Incident))
        return QtCriticalMsg;
    static const QStringList warnings { QLatin1String(historyevents::DuplicateNode),
        QLatin1String(historyevents::AppFailed), QLatin1String(historyevents::GuardKill),
        QLatin1String(historyevents::LeaseLapsed), QLatin1String(historyevents::ConfigRejected),
        QLatin1String(historyevents::SwitchoverRefused), QLatin1String(historyevents::StorageLost) };
    return warnings.contains(event) ? QtWarningMsg : QtInfoMsg;
}

} // namespace

EventReporter::EventReporter(DirectoryIo &io, QString node, QObject *parent)
    : QObject(parent)
    , m_io(io)
    , m_node(std::move(node))
{ }

void EventReporter::configure(const AgentConfig::Notify &notify)
{
    m_command.setCommand(notify.command);
    m_webhook.setUrl(notify.webhook);
}

QByteArray EventReporter::notificationJson(const HistoryEvent &event)
{
    return encodeHistoryLine(event).trimmed();
}

void EventReporter::report(const EventAction &action)
{
    reportAt(action, utcNowIso());
}

void EventReporter::reportAt(const EventAction &action, const QString &time)
{
    HistoryEvent event;
    event.time = time;
    event.writer = m_node;
    event.seq = ++m_seq;
    event.epoch = action.epoch;
    event.event = eventName(action.event);
    event.node = action.node;
    event.detail = action.detail;

    const QLoggingCategory &category = categoryOf(event.event);
    const QString about = event.node == m_node ? QString() : QStringLiteral(" (node %1)").arg(event.node);
    const QString line = QStringLiteral("%1%2 [epoch %3]%4%5")
                             .arg(event.event, about)
                             .arg(event.epoch)
                             .arg(event.detail.isEmpty() ? QString() : QStringLiteral(": "), event.detail);
    switch (levelOf(event.event)) {
    case QtCriticalMsg:
        qCCritical(category, "%s", qUtf8Printable(line));
        break;
    case QtWarningMsg:
        qCWarning(category, "%s", qUtf8Printable(line));
        break;
    default:
        qCInfo(category, "%s", qUtf8Printable(line));
        break;
    }
    m_io.appendHistory(event);
    const QByteArray json = notificationJson(event);
    m_command.notify(json);
    m_webhook.notify(json);
}

void EventReporter::report(EventKind event, const QString &detail, std::uint64_t epoch)
{
    report(EventAction { event, detail, epoch, m_node });
}

} // namespace hacmp::agent
