#include "agent/ctl/nodeargument.h"

#include "shared/config/nodename.h"

#include <QTextStream>

namespace hacmp::ctl {

std::optional<int> checkNodeArgument(const CommandParser &parser, const QString &node)
{
    if (isValidNodeName(node))
        return std::nullopt;
    return parser.usageError(nodeNameProblem(node));
}

bool warnUnlessNodeKnown(CtlSession &session, const QString &node)
{
    const Result<QStringList> names = session.call<Result<QStringList>>(
        [](ClusterDirectory &directory) { return directory.list(QStringLiteral("nodes")); });
    if (!names)
        return true;
    QStringList nodes;
    for (const QString &name : *names) {
        if (name.endsWith(QLatin1String(".hb")))
            nodes << name.chopped(3);
    }
    if (nodes.contains(node))
        return true;
    QTextStream(stderr) << QStringLiteral("hacmpctl: warning: %1/nodes has no record of node %2 (known nodes: %3); is "
                                          "the name right?")
                               .arg(session.path(), node,
                                   nodes.isEmpty() ? QStringLiteral("none") : nodes.join(QStringLiteral(", ")))
                        << Qt::endl;
    return false;
}

} // namespace hacmp::ctl
