#include "shared/history/actor.h"

#include "shared/config/nodename.h"

#include <QDateTime>
#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace hacmp {

namespace {

constexpr qsizetype kMaxWriterNameLength = 128;

bool isNameStart(QChar c)
{
    return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-');
}

/// Turns anything into a node name: disallowed characters become '_', a bad first character gets
/// an 'x' before it, an empty name becomes the fallback.
QString sanitizedName(const QString &raw, const QString &fallback)
{
    QString name;
    name.reserve(raw.size());
    for (QChar c : raw)
        name.append(isNameChar(c) ? c : QLatin1Char('_'));
    if (name.isEmpty())
        return fallback;
    if (!isNameStart(name.front()))
        name.prepend(QLatin1Char('x'));
    return name.left(kMaxNodeNameLength);
}

QString effectiveUser()
{
    if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name && *entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER");
}

} // namespace

QString currentActor()
{
    const QString host = QSysInfo::machineHostName().section(QLatin1Char('.'), 0, 0);
    return sanitizedName(effectiveUser(), QStringLiteral("unknown")) + QLatin1Char('@')
        + sanitizedName(host, QStringLiteral("localhost"));
}

QString utcNowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString utcIsoIn(Millis offset)
{
    return QDateTime::currentDateTimeUtc().addMSecs(offset.count()).toString(Qt::ISODateWithMs);
}

bool isValidWriterName(const QString &name)
{
    if (name.size() > kMaxWriterNameLength)
        return false;
    const qsizetype at = name.indexOf(QLatin1Char('@'));
    if (at < 0)
        return isValidNodeName(name);
    return isValidNodeName(name.left(at)) && isValidNodeName(name.mid(at + 1));
}

} // namespace hacmp
