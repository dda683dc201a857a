#include "shared/config/commandline.h"

namespace hacmp {

Result<QStringList> splitCommandLine(const QString &text)
{
    QStringList arguments;
    QString current;
    bool inArgument = false;

    for (qsizetype pos = 0; pos < text.size(); ++pos) {
        const QChar c = text.at(pos);
        if (c.isSpace()) {
            if (inArgument) {
                arguments << current;
                current.clear();
                inArgument = false;
            }
            continue;
        }
        inArgument = true;
        if (c == QLatin1Char('\\')) {
            if (pos + 1 >= text.size())
                return Error(QStringLiteral("the command ends with a lone backslash: %1; remove it or write \\\\ "
                                            "for a literal backslash")
                                 .arg(text));
            current += text.at(++pos);
        } else if (c == QLatin1Char('\'')) {
            const qsizetype close = text.indexOf(QLatin1Char('\''), pos + 1);
            if (close < 0)
                return Error(QStringLiteral("unterminated single quote at character %1 in the command: %2; add the "
                                            "closing '")
                                 .arg(pos + 1)
                                 .arg(text));
            current += QStringView(text).mid(pos + 1, close - pos - 1);
            pos = close;
        } else if (c == QLatin1Char('"')) {
            const qsizetype open = pos;
            bool closed = false;
            for (++pos; pos < text.size(); ++pos) {
                const QChar q = text.at(pos);
                if (q == QLatin1Char('"')) {
                    closed = true;
                    break;
                }
                if (q == QLatin1Char('\\') && pos + 1 < text.size()
                    && (text.at(pos + 1) == QLatin1Char('"') || text.at(pos + 1) == QLatin1Char('\\')))
                    ++pos;
                current += text.at(pos);
            }
            if (!closed)
                return Error(QStringLiteral("unterminated double quote at character %1 in the command: %2; add the "
                                            "closing \"")
                                 .arg(open + 1)
                                 .arg(text));
        } else {
            current += c;
        }
    }
    if (inArgument)
        arguments << current;
    return arguments;
}

QString quoteArgument(const QString &argument)
{
    if (argument.isEmpty())
        return QStringLiteral("''");
    bool plain = true;
    for (QChar c : argument) {
        if (c.isSpace() || c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            plain = false;
            break;
        }
    }
    if (plain)
        return argument;
    if (!argument.contains(QLatin1Char('\'')))
        return QLatin1Char('\'') + argument + QLatin1Char('\'');
    QString quoted = QStringLiteral("\"");
    for (QChar c : argument) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\');
        quoted += c;
    }
    return quoted + QLatin1Char('"');
}

QString joinCommandLine(const QStringList &arguments)
{
    QStringList quoted;
    quoted.reserve(arguments.size());
    for (const QString &argument : arguments)
        quoted << quoteArgument(argument);
    return quoted.join(QLatin1Char(' '));
}

} // namespace hacmp
