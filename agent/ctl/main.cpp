// hacmpctl: the operator's command line over the shared directory (architecture.md, The programs).

#include "ctlcommand.h"
#include "initcommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hacmpctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HACMP_VERSION));

    const QList<hacmp::ctl::CtlCommand> commands { hacmp::ctl::initCommand() };
    return hacmp::ctl::runCommandLine(QCoreApplication::arguments(), commands);
}
