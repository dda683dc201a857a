#include "agent/daemon/hostid.h"

#include <QFile>
#include <QRegularExpression>

namespace hacmp::agent {

QStringList machineIdFiles()
{
    return { QStringLiteral("/etc/machine-id"), QStringLiteral("/var/lib/dbus/machine-id") };
}

Result<QString> readHostId(const QStringList &files)
{
    static const QRegularExpression machineId(QStringLiteral("^[0-9a-f]{32}$"));
    QStringList problems;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            problems << QStringLiteral("%1: %2").arg(path, file.errorString());
            continue;
        }
        const QString id = QString::fromLatin1(file.read(256)).trimmed();
        if (machineId.match(id).hasMatch())
            return id;
        problems << QStringLiteral("%1: does not hold a machine id (32 hexadecimal digits)").arg(path);
    }
    return Error(QStringLiteral("This host has no machine id, which the agent writes as host_id: %1. Create one "
                                "with 'systemd-machine-id-setup' (or 'dbus-uuidgen --ensure'); every host needs "
                                "its own")
                     .arg(problems.join(QStringLiteral("; "))));
}

} // namespace hacmp::agent
