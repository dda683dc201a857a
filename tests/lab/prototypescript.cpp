#include "tests/lab/prototypescript.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <utility>

namespace hacmp::lab {

namespace {

const QLatin1String kShebang("#!/bin/bash");

/// The script uses its paths and startCmd unquoted (word splitting, globbing) and inside single quotes.
Status checkWord(const QString &word, const QString &what)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./=:,@%+-]+$"));
    if (safe.match(word).hasMatch())
        return Status::success();
    return Error(QStringLiteral("the prototype script uses %1 unquoted, so \"%2\" must be made of letters, digits "
                                "and _./=:,@%+- only: use a path without spaces or shell characters")
                     .arg(what, word));
}

QString extendedRegexLiteral(const QString &text)
{
    static const QString special = QStringLiteral("\\.^$|?*+()[]{}");
    QString escaped;
    for (const QChar c : text) {
        if (special.contains(c))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return escaped;
}

} // namespace

PrototypeScript::PrototypeScript(QString text, QString origin)
    : m_text(std::move(text))
    , m_origin(std::move(origin))
{ }

QString PrototypeScript::seedDirectory()
{
    return QDir::cleanPath(QStringLiteral(HACMP_SOURCE_DIR "/../shared/seed"));
}

Result<PrototypeScript> PrototypeScript::fromSeed(const QString &seedFolder)
{
    const QDir folder(seedFolder);
    if (!folder.exists())
        return Error(QStringLiteral("no seed folder %1: the prototype's script is read from the seed document there "
                                    "(../shared/seed beside the repository); put the seed back to run the prototype")
                         .arg(seedFolder));
    for (const QString &name : folder.entryList(QDir::Files, QDir::Name)) {
        QFile file(folder.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        if (text.contains(kShebang) && text.contains(QLatin1String("\nheartBeatDir=")))
            return extract(text, file.fileName());
    }
    return Error(QStringLiteral("no document in %1 embeds the prototype script (a block from \"%2\" that sets "
                                "heartBeatDir); put the seed document back to run the prototype")
                     .arg(seedFolder, kShebang));
}

Result<PrototypeScript> PrototypeScript::extract(const QString &documentText, const QString &origin)
{
    QStringList lines = documentText.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    const qsizetype first = lines.indexOf(kShebang);
    if (first < 0)
        return Error(QStringLiteral("%1 has no line \"%2\" where the prototype script begins").arg(origin, kShebang));
    qsizetype last = lines.size() - 1;
    while (last > first && lines[last].trimmed() != QLatin1String("done"))
        --last;
    if (last == first)
        return Error(
            QStringLiteral("the prototype script in %1 has no line \"done\" ending its monitoring loop").arg(origin));
    return PrototypeScript(lines.mid(first, last - first + 1).join(QLatin1Char('\n')) + QLatin1Char('\n'), origin);
}

QString PrototypeScript::heartbeatDirectory(const QString &sharedDirectory)
{
    return sharedDirectory + QStringLiteral("/heartbeat");
}

QString PrototypeScript::maintenancePath(const QString &sharedDirectory)
{
    return sharedDirectory + QStringLiteral("/maintenance");
}

Result<QString> PrototypeScript::adapted(const PrototypeSettings &settings) const
{
    if (settings.application.isEmpty())
        return Error(QStringLiteral("the prototype needs an application command line for its startCmd"));
    for (const QString &argument : settings.application) {
        if (const Status word = checkWord(argument, QStringLiteral("startCmd")); !word)
            return Error(word.error());
    }
    for (const QString &path : { settings.sharedDirectory, settings.hostDirectory }) {
        if (const Status word = checkWord(path, QStringLiteral("its paths")); !word)
            return Error(word.error());
    }
    const QString command = settings.application.join(QLatin1Char(' '));
    const auto quoted = [](const QString &value) { return QString(QLatin1Char('\'') + value + QLatin1Char('\'')); };
    const std::pair<QLatin1String, QString> variables[] = {
        { QLatin1String("pgrepProgramName"), quoted(extendedRegexLiteral(command)) },
        { QLatin1String("startCmd"), quoted(command) },
        { QLatin1String("startCmdLogFile"), quoted(settings.hostDirectory + QStringLiteral("/application.log")) },
        { QLatin1String("maintenanceFile"), quoted(maintenancePath(settings.sharedDirectory)) },
        { QLatin1String("heartBeatDir"), quoted(heartbeatDirectory(settings.sharedDirectory)) },
        { QLatin1String("faileOverTime"), QString::number(kFailoverSeconds) },
        { QLatin1String("loopTime"), QString::number(kLoopSeconds) },
    };
    QString script = m_text;
    for (const auto &[name, value] : variables) {
        const QRegularExpression assignment(QStringLiteral("^%1=.*$").arg(name), QRegularExpression::MultilineOption);
        QList<QRegularExpressionMatch> matches;
        for (const QRegularExpressionMatch &match : assignment.globalMatch(script))
            matches.append(match);
        if (matches.size() != 1)
            return Error(QStringLiteral("the prototype script in %1 sets %2 on %3 lines instead of one; "
                                        "adapt PrototypeScript::adapted to the new script")
                             .arg(m_origin, name)
                             .arg(matches.size()));
        script.replace(matches.first().capturedStart(), matches.first().capturedLength(),
            QString(name + QLatin1Char('=') + value));
    }
    static const QRegularExpression literalSleep(QStringLiteral("^sleep (\\d+)$"), QRegularExpression::MultilineOption);
    QString scaled;
    qsizetype from = 0;
    for (const QRegularExpressionMatch &match : literalSleep.globalMatch(script)) {
        scaled += QStringView(script).mid(from, match.capturedStart() - from);
        scaled += QStringLiteral("sleep ") + QString::number(match.captured(1).toDouble() * kTimeScale, 'f', 1);
        from = match.capturedEnd();
    }
    scaled += QStringView(script).mid(from);
    return scaled;
}

} // namespace hacmp::lab
