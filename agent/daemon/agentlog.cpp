#include "agent/daemon/agentlog.h"

Q_LOGGING_CATEGORY(lcElection, "hacmp.agent.election")
Q_LOGGING_CATEGORY(lcApp, "hacmp.agent.app")
Q_LOGGING_CATEGORY(lcIo, "hacmp.agent.io")
Q_LOGGING_CATEGORY(lcAgent, "hacmp.agent")

namespace hacmp::agent {

QString logMessagePattern(bool journal)
{
    if (journal)
        return QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                              "%{if-critical}<3>%{endif}%{if-fatal}<3>%{endif}%{category}: %{message}");
    return QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                          "%{if-warning}warning%{endif}%{if-critical}error%{endif}%{if-fatal}fatal%{endif} "
                          "%{category}: %{message}");
}

void installLogFormat()
{
    qSetMessagePattern(logMessagePattern(qEnvironmentVariableIsSet("JOURNAL_STREAM")));
}

} // namespace hacmp::agent
