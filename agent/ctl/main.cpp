// hacmpctl: the operator's command line over the shared directory (docs/architecture.md, The programs).

#include "checkconfigcommand.h"
#include "clearcommand.h"
#include "ctlcommand.h"
#include "historycommand.h"
#include "initcommand.h"
#include "maintenancecommand.h"
#include "standbycommand.h"
#include "statuscommand.h"
#include "switchovercommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hacmpctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HACMP_VERSION));

    using namespace hacmp::ctl;
    const QList<CtlCommand> commands { initCommand(), statusCommand(), maintenanceCommand(), standbyCommand(),
        switchoverCommand(), clearCommand(), historyCommand(), checkConfigCommand() };
    return hacmp::ctl::runCommandLine(QCoreApplication::arguments(), commands);
}
