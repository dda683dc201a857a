#pragma once

#include "agent/daemon/commandnotifier.h"
#include "agent/daemon/webhooknotifier.h"
#include "shared/config/agentconfig.h"
#include "shared/history/historyevent.h"
#include "shared/protocol/electionaction.h"

#include <QObject>

namespace hacmp::agent {

class DirectoryIo;

/// Where the Election's events go (docs/protocol.md, History): a line in the node's history file, a log
/// line in the category of its area, and the [notify] command and webhook.
class EventReporter final : public QObject
{
    Q_OBJECT

public:
    EventReporter(DirectoryIo &io, QString node, QObject *parent = nullptr);

    void configure(const AgentConfig::Notify &notify);
    void report(const EventAction &event);
    /// An event that happened earlier, written with the time it happened (UTC ISO 8601 with milliseconds):
    /// the guard's record of how the application ended while no agent ran (GuardEndFile).
    void reportAt(const EventAction &event, const QString &time);
    /// An event of the agent itself (not of the Election), e.g. a rejected configuration.
    void report(EventKind event, const QString &detail, std::uint64_t epoch);

    /// The JSON the notifiers get: a history line of this writer.
    static QByteArray notificationJson(const HistoryEvent &event);

private:
    DirectoryIo &m_io;
    QString m_node;
    quint64 m_seq = 0;
    CommandNotifier m_command;
    WebhookNotifier m_webhook;
};

} // namespace hacmp::agent
