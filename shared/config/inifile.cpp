#include "shared/config/inifile.h"

#include <QFile>
#include <QStringDecoder>
#include <QStringList>

namespace hacmp {

namespace {

bool isKeyCharacter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || c == QLatin1Char('-')
        || c == QLatin1Char('.');
}

bool isName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (!isKeyCharacter(c))
            return false;
    }
    return true;
}

} // namespace

Result<IniFile> IniFile::parse(const QByteArray &text, const QString &path)
{
    QStringList errors;
    IniFile file = parsePartial(text, path, errors);
    if (!errors.isEmpty())
        return Error(errors.join(QLatin1Char('\n')));
    return file;
}

IniFile IniFile::parsePartial(const QByteArray &text, const QString &path, QStringList &errors)
{
    IniFile file;
    file.m_path = path;

    QByteArray bytes = text;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder.decode(bytes);
    if (decoder.hasError()) {
        errors << QStringLiteral("%1: the file is not valid UTF-8 text; save it as UTF-8 (is it the right file?)")
                      .arg(path);
        return file;
    }

    const QStringList lines = decoded.split(QLatin1Char('\n'));
    QString section;
    bool inSection = false;
    bool afterMalformedHeader = false;
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index + 1);
        const QString line = lines.at(index).trimmed();
        const QString where = file.location(lineNumber);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;

        if (line.startsWith(QLatin1Char('['))) {
            const QString name = line.endsWith(QLatin1Char(']')) ? line.mid(1, line.size() - 2).trimmed() : QString();
            if (!isName(name)) {
                errors << QStringLiteral("%1: malformed section header \"%2\"; write [name] with letters, digits, "
                                         "'_', '-' or '.' and nothing else on the line")
                              .arg(where, line);
                inSection = false;
                afterMalformedHeader = true;
                continue;
            }
            section = name;
            inSection = true;
            afterMalformedHeader = false;
            file.m_sections.append({ name, lineNumber });
            continue;
        }

        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString key = equals < 0 ? QString() : line.left(equals).trimmed();
        if (equals < 0 || !isName(key)) {
            errors << QStringLiteral("%1: malformed line \"%2\"; expected [section], key = value, or a comment "
                                     "starting with # or ;")
                          .arg(where, line);
            continue;
        }
        if (!inSection) {
            if (!afterMalformedHeader)
                errors << QStringLiteral("%1: key %2 is outside any section; put it under a [section] header")
                              .arg(where, key);
            // Below a malformed header, the header's own error is enough.
            continue;
        }
        if (const IniEntry *previous = file.find(section, key)) {
            errors << QStringLiteral("%1: duplicate key [%2] %3 (first set on line %4); keep only one of them")
                          .arg(where, section, key)
                          .arg(previous->line);
            continue;
        }
        file.m_entries.append({ section, key, line.mid(equals + 1).trimmed(), lineNumber });
    }
    return file;
}

Result<IniFile> IniFile::load(const QString &path)
{
    const Result<QByteArray> text = readText(path);
    if (!text)
        return Error(text.error());
    return parse(*text, path);
}

Result<QByteArray> IniFile::readText(const QString &path)
{
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly))
        return Error(
            QStringLiteral("cannot read %1: %2; check the path and its permissions").arg(path, input.errorString()));
    const QByteArray text = input.read(kMaxFileSize + 1);
    if (input.error() != QFileDevice::NoError)
        return Error(QStringLiteral("cannot read %1: %2").arg(path, input.errorString()));
    if (text.size() > kMaxFileSize)
        return Error(QStringLiteral("%1 is larger than %2 bytes; is it the right file?").arg(path).arg(kMaxFileSize));
    return text;
}

const IniEntry *IniFile::find(const QString &section, const QString &key) const
{
    for (const IniEntry &entry : m_entries) {
        if (entry.section == section && entry.key == key)
            return &entry;
    }
    return nullptr;
}

QString IniFile::value(const QString &section, const QString &key, const QString &defaultValue) const
{
    const IniEntry *entry = find(section, key);
    return entry ? entry->value : defaultValue;
}

int IniFile::sectionLine(const QString &section) const
{
    for (const IniSection &header : m_sections) {
        if (header.name == section)
            return header.line;
    }
    return 0;
}

QString IniFile::location(int line) const
{
    return line > 0 ? QStringLiteral("%1:%2").arg(m_path).arg(line) : m_path;
}

} // namespace hacmp
