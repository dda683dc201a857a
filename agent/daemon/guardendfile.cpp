#include "agent/daemon/guardendfile.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace hacmp::agent {

namespace {

constexpr int kEndFormat = 1;
constexpr qsizetype kMaxEndBytes = 4096;

bool isCause(const QString &cause)
{
    return cause == QLatin1String("deadline") || cause == QLatin1String("stopped") || cause == QLatin1String("exited")
        || cause == QLatin1String("signaled");
}

/// A non-negative integer of object, or -1.
qint64 number(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isDouble() ? value.toInteger(-1) : -1;
}

QString describe(const GuardEnd &end)
{
    if (end.cause == QLatin1String("deadline"))
        return QStringLiteral("the guard stopped it at the lease deadline while no agent ran");
    if (end.cause == QLatin1String("stopped"))
        return QStringLiteral("the guard stopped it while no agent ran");
    if (end.cause == QLatin1String("signaled"))
        return QStringLiteral("killed by signal %1 while no agent ran").arg(end.status);
    return QStringLiteral("exited with status %1 while no agent ran").arg(end.status);
}

} // namespace

GuardEndFile::GuardEndFile(QString stateDirectory, QString node)
    : m_node(std::move(node))
    , m_path(stateDirectory + QLatin1Char('/') + m_node + QStringLiteral(".app-end.json"))
{ }

Result<std::optional<GuardEnd>> GuardEndFile::read() const
{
    QFile file(m_path);
    if (!file.exists())
        return std::optional<GuardEnd>();
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("Could not read the guard's end file %1 (%2): the end of the application it "
                                    "records is not in the history")
                         .arg(m_path, file.errorString()));
    const QByteArray bytes = file.read(kMaxEndBytes + 1);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    const QJsonObject object = document.object();
    GuardEnd end;
    end.node = object.value(QLatin1String("node")).toString();
    const qint64 epoch = number(object, "epoch");
    end.epoch = std::uint64_t(std::max<qint64>(epoch, 0));
    end.pid = number(object, "pid");
    end.time = object.value(QLatin1String("time")).toString();
    end.cause = object.value(QLatin1String("cause")).toString();
    const qint64 status = number(object, "status");
    end.status = int(std::clamp<qint64>(status, 0, 255));
    const bool ok = bytes.size() <= kMaxEndBytes && parseError.error == QJsonParseError::NoError && document.isObject()
        && number(object, "format") == kEndFormat && end.node == m_node && epoch > 0 && end.pid > 0
        && QDateTime::fromString(end.time, Qt::ISODateWithMs).isValid() && end.time.endsWith(QLatin1Char('Z'))
        && isCause(end.cause) && status >= 0 && status <= 255;
    if (!ok)
        return Error(QStringLiteral("The guard's end file %1 is damaged (it should hold {\"format\":1,\"node\":\"%2\","
                                    "\"epoch\":N,\"pid\":N,\"time\":\"<UTC ISO 8601>\",\"cause\":\"deadline|stopped|"
                                    "exited|signaled\",\"status\":N}): the end of the application it records is not "
                                    "in the history; the file is removed")
                         .arg(m_path, m_node));
    return std::optional<GuardEnd>(end);
}

Status GuardEndFile::remove() const
{
    QFile file(m_path);
    if (!file.exists() || file.remove())
        return {};
    return Error(QStringLiteral("Could not remove the guard's end file %1 (%2): remove it by hand, or its end is "
                                "written to the history again at the next start")
                     .arg(m_path, file.errorString()));
}

QList<EventAction> GuardEndFile::events(const GuardEnd &end)
{
    QList<EventAction> events;
    events.append(EventAction { EventKind::AppExit,
        QStringLiteral("status %1, %2 (pid %3; recorded by the guard)").arg(end.status).arg(describe(end)).arg(end.pid),
        end.epoch, end.node });
    if (end.cause == QLatin1String("deadline"))
        events.append(EventAction { EventKind::GuardKill,
            QStringLiteral("the guard stopped the application at the lease deadline"), end.epoch, end.node });
    return events;
}

} // namespace hacmp::agent
