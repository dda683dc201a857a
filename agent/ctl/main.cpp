// hacmpctl: the operator's command line over the shared directory (docs/architecture.md, The programs).

#include "agent/ctl/appcommand.h"
#include "agent/ctl/checkconfigcommand.h"
#include "agent/ctl/clearcommand.h"
#include "agent/ctl/ctlcommand.h"
#include "agent/ctl/historycommand.h"
#include "agent/ctl/initcommand.h"
#include "agent/ctl/maintenancecommand.h"
#include "agent/ctl/standbycommand.h"
#include "agent/ctl/statuscommand.h"
#include "agent/ctl/switchovercommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hacmpctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HACMP_VERSION));

    using namespace hacmp::ctl;
    const QList<CtlCommand> commands { initCommand(), statusCommand(), maintenanceCommand(), standbyCommand(),
        switchoverCommand(), runCommand(), stopAppCommand(), clearCommand(), historyCommand(), checkConfigCommand() };
    return hacmp::ctl::runCommandLine(QCoreApplication::arguments(), commands);
}
