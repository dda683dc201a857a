#include "tests/lab/labsites.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace hacmp::lab {

namespace {

const QString kPrefix = QStringLiteral("hlab");

} // namespace

LabSites::LabSites(int sites)
    : m_switchNamespace(QStringLiteral("%1%2-sw").arg(kPrefix).arg(QCoreApplication::applicationPid()))
{
    for (int site = 0; site < sites; ++site)
        m_siteNamespaces << QStringLiteral("%1%2-s%3").arg(kPrefix).arg(QCoreApplication::applicationPid()).arg(site);
}

LabSites::~LabSites()
{
    for (const QString &name : std::as_const(m_created))
        ip({ QStringLiteral("netns"), QStringLiteral("delete"), name });
}

QString LabSites::skipReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("network namespaces need root");
    for (const char *tool : { "ip", "nsenter" }) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            return QStringLiteral("%1 is not installed (iproute2, util-linux)").arg(QString::fromLatin1(tool));
    }
    return QString();
}

QString LabSites::address(int site)
{
    return QStringLiteral("10.77.0.%1").arg(site + 1);
}

Status LabSites::ip(const QStringList &arguments)
{
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral("ip"), arguments);
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished();
        return Error(QStringLiteral("ip %1 did not finish within 10 s").arg(arguments.join(u' ')));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error(QStringLiteral("ip %1 failed: %2")
                         .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()).trimmed()));
    return Status::success();
}

void LabSites::removeOrphans()
{
    static const QRegularExpression labName(QStringLiteral("^%1(\\d+)-").arg(kPrefix));
    for (const QString &name : QDir(QStringLiteral("/run/netns")).entryList(QDir::Files | QDir::System)) {
        const QRegularExpressionMatch match = labName.match(name);
        if (match.hasMatch() && ::kill(pid_t(match.captured(1).toLongLong()), 0) != 0 && errno == ESRCH)
            ip({ QStringLiteral("netns"), QStringLiteral("delete"), name });
    }
}

Status LabSites::create()
{
    removeOrphans();
    for (const QString &name : QStringList { m_switchNamespace } + m_siteNamespaces) {
        if (const Status made = ip({ QStringLiteral("netns"), QStringLiteral("add"), name }); !made)
            return made;
        m_created << name;
        if (const Status up = ip({ QStringLiteral("-n"), name, QStringLiteral("link"), QStringLiteral("set"),
                QStringLiteral("lo"), QStringLiteral("up") });
            !up)
            return up;
    }
    const QString bridge = QStringLiteral("bridge0");
    for (const QStringList &step : { QStringList { QStringLiteral("link"), QStringLiteral("add"), bridge,
                                         QStringLiteral("type"), QStringLiteral("bridge") },
             QStringList { QStringLiteral("link"), QStringLiteral("set"), bridge, QStringLiteral("up") } }) {
        if (const Status done = ip(QStringList { QStringLiteral("-n"), m_switchNamespace } + step); !done)
            return done;
    }
    for (int site = 0; site < sites(); ++site) {
        const QString port = QStringLiteral("site%1").arg(site);
        const QString siteNamespace = m_siteNamespaces.at(site);
        const QList<QStringList> steps {
            { QStringLiteral("-n"), m_switchNamespace, QStringLiteral("link"), QStringLiteral("add"), port,
                QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"),
                QStringLiteral("eth0"), QStringLiteral("netns"), siteNamespace },
            { QStringLiteral("-n"), m_switchNamespace, QStringLiteral("link"), QStringLiteral("set"), port,
                QStringLiteral("master"), bridge, QStringLiteral("up") },
            { QStringLiteral("-n"), siteNamespace, QStringLiteral("address"), QStringLiteral("add"),
                address(site) + QStringLiteral("/24"), QStringLiteral("dev"), QStringLiteral("eth0") },
            { QStringLiteral("-n"), siteNamespace, QStringLiteral("link"), QStringLiteral("set"),
                QStringLiteral("eth0"), QStringLiteral("up") },
        };
        for (const QStringList &step : steps) {
            if (const Status done = ip(step); !done)
                return done;
        }
    }
    return Status::success();
}

Status LabSites::setLink(int site, bool up)
{
    const Status done = ip({ QStringLiteral("-n"), m_switchNamespace, QStringLiteral("link"), QStringLiteral("set"),
        QStringLiteral("site%1").arg(site), up ? QStringLiteral("up") : QStringLiteral("down") });
    if (done) {
        m_partitioned.removeAll(site);
        if (!up)
            m_partitioned << site;
    }
    return done;
}

Status LabSites::partition(int site)
{
    return setLink(site, false);
}

Status LabSites::heal(int site)
{
    return setLink(site, true);
}

} // namespace hacmp::lab
