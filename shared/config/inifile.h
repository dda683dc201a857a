#pragma once

#include "shared/base/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace hacmp {

/// One `key = value` line of an INI file, with where it came from.
struct IniEntry
{
    QString section;
    QString key;
    QString value; ///< trimmed; surrounding double quotes are kept (the consumer decides what they mean)
    int line = 0;
};

/// One `[section]` header line of an INI file.
struct IniSection
{
    QString name;
    int line = 0;
};

/// A small INI reader of our own: QSettings mangles commas and backslashes in values and cannot say on
/// which line a problem is, and an operator fixing an HA configuration needs exactly that. Syntax:
/// `[section]`, `key = value`, comment lines starting with `#` or `;`, blank lines. Every key belongs to a
/// section and appears at most once in it.
class IniFile final
{
public:
    /// Parses UTF-8 text; path is only used in messages. Reports every malformed line, not just the first.
    static Result<IniFile> parse(const QByteArray &text, const QString &path);
    /// Parses as much as it can: the returned file holds every well-formed entry, and errors receives one
    /// message per malformed line (for callers that report syntax and meaning errors together).
    static IniFile parsePartial(const QByteArray &text, const QString &path, QStringList &errors);
    /// Reads and parses a file; a missing, unreadable or oversized file is an error naming the path.
    static Result<IniFile> load(const QString &path);
    /// The bytes of a configuration file, with the same checks as load().
    static Result<QByteArray> readText(const QString &path);

    const QString &path() const { return m_path; }
    /// Every entry in file order.
    const QList<IniEntry> &entries() const { return m_entries; }
    /// Every section header in file order (a section may appear more than once).
    const QList<IniSection> &sections() const { return m_sections; }

    /// The entry for section and key, or nullptr.
    const IniEntry *find(const QString &section, const QString &key) const;
    bool contains(const QString &section, const QString &key) const { return find(section, key) != nullptr; }
    /// The value for section and key, or defaultValue when the key is absent.
    QString value(const QString &section, const QString &key, const QString &defaultValue = {}) const;
    /// The first header line of a section, or 0 when the file has no such section.
    int sectionLine(const QString &section) const;
    /// "path:line" for messages (just the path for line 0).
    QString location(int line) const;

    /// Files larger than this are refused: a configuration is small, anything bigger is the wrong file.
    static constexpr qint64 kMaxFileSize = 1024 * 1024;

private:
    QString m_path;
    QList<IniEntry> m_entries;
    QList<IniSection> m_sections;
};

} // namespace hacmp
