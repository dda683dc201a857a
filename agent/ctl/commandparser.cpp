#include "agent/ctl/commandparser.h"

#include "agent/ctl/actionlog.h"

#include "shared/config/duration.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTextStream>

namespace hacmp::ctl {

namespace {

QString directoryName()
{
    return QStringLiteral("dir");
}
QString configName()
{
    return QStringLiteral("config");
}
QString ioTimeoutName()
{
    return QStringLiteral("io-timeout");
}

} // namespace

CommandParser::CommandParser(QString command, QString usage, const QString &description)
    : m_command(std::move(command))
    , m_usage(std::move(usage))
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
}

void CommandParser::addDirectoryOptions()
{
    m_parser.addOptions(directoryOptionList());
    m_directoryOptions = true;
}

void CommandParser::addReasonOption(const QString &description)
{
    m_reasonOption.emplace(QStringLiteral("reason"), description, QStringLiteral("TEXT"));
    m_parser.addOption(*m_reasonOption);
}

QString CommandParser::reasonText() const
{
    Q_ASSERT(m_reasonOption);
    return m_parser.value(*m_reasonOption).trimmed();
}

QString CommandParser::reason() const
{
    return ActionLog::reasonOrDefault(reasonText());
}

bool CommandParser::reasonGiven() const
{
    Q_ASSERT(m_reasonOption);
    return m_parser.isSet(*m_reasonOption);
}

std::optional<int> CommandParser::parse(const QStringList &arguments, qsizetype maxPositional)
{
    if (!m_parser.parse(arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString text = m_parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: ") + m_usage);
        QTextStream(stdout) << text;
        return ExitOk;
    }
    const QStringList positional = m_parser.positionalArguments();
    if (positional.size() > maxPositional)
        return usageError(QStringLiteral("unexpected argument \"%1\"").arg(positional.at(maxPositional)));
    return std::nullopt;
}

int CommandParser::usageError(const QString &message) const
{
    QTextStream(stderr)
        << QCoreApplication::applicationName() << QLatin1Char(' ') << m_command << QStringLiteral(": ") << message
        << Qt::endl
        << QStringLiteral("Usage: ") << m_usage << Qt::endl
        << QStringLiteral("Run '%1 %2 --help' for details.").arg(QCoreApplication::applicationName(), m_command)
        << Qt::endl;
    return ExitUsage;
}

Result<Millis> CommandParser::seconds(const QCommandLineOption &option) const
{
    return parseSeconds(m_parser.value(option), QStringLiteral("--") + option.names().constLast());
}

Result<Millis> CommandParser::secondsOr(const QCommandLineOption &option, Millis fallback) const
{
    return isSet(option) ? seconds(option) : Result<Millis>(fallback);
}

Result<DirectoryOptions> CommandParser::directoryOptions(const DirectoryOptions &before) const
{
    Q_ASSERT(m_directoryOptions);
    return readDirectoryOptions(m_parser, before);
}

QList<QCommandLineOption> CommandParser::directoryOptionList()
{
    return {
        QCommandLineOption(directoryName(),
            QStringLiteral("The shared directory of the cluster (instead of the one in %1).")
                .arg(QLatin1String(kDefaultConfigPath)),
            QStringLiteral("DIR")),
        QCommandLineOption(configName(),
            QStringLiteral("An agent configuration file: its [cluster] directory and [timing] are used."),
            QStringLiteral("FILE")),
        QCommandLineOption(ioTimeoutName(),
            QStringLiteral("How long any call on the directory may take before hacmpctl gives up with exit status "
                           "3 (a hung NFS mount); default 5 seconds."),
            QStringLiteral("SECONDS")),
    };
}

Result<DirectoryOptions> CommandParser::readDirectoryOptions(const QCommandLineParser &parser, DirectoryOptions base)
{
    const bool directory = parser.isSet(directoryName());
    const bool config = parser.isSet(configName());
    if (directory && config)
        return Error(QStringLiteral("give either --dir DIR or --config FILE, not both"));
    if (directory) {
        base.directory = parser.value(directoryName());
        base.config.clear();
        if (base.directory.isEmpty())
            return Error(QStringLiteral("--dir needs the path of the cluster directory"));
    }
    if (config) {
        base.config = parser.value(configName());
        base.directory.clear();
        if (base.config.isEmpty())
            return Error(QStringLiteral("--config needs the path of an agent configuration file"));
    }
    if (parser.isSet(ioTimeoutName())) {
        const Result<Millis> timeout = parseSeconds(parser.value(ioTimeoutName()), QStringLiteral("--io-timeout"));
        if (!timeout)
            return Error(timeout.error());
        base.ioTimeout = *timeout;
    }
    return base;
}

Result<Millis> CommandParser::parseSeconds(const QString &text, const QString &option)
{
    static const QRegularExpression plainNumber(QStringLiteral("^\\s*[0-9]+(\\.[0-9]+)?\\s*$"));
    const QString withUnit = plainNumber.match(text).hasMatch() ? text.trimmed() + QLatin1Char('s') : text;
    const Result<Millis> duration = parseDuration(withUnit);
    if (!duration || duration->count() <= 0)
        return Error(QStringLiteral("%1 \"%2\" is not a positive number of seconds (such as 1.5, or a duration such "
                                    "as 500ms or 2m)")
                         .arg(option, text));
    return duration;
}

} // namespace hacmp::ctl
