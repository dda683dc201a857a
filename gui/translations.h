#pragma once

#include <QObject>
#include <QStringList>
#include <QTranslator>

namespace hacmp::console {

/// The console's languages: English source strings, and the translations (hacmp_<code>.qm) found in a
/// folder, ":/i18n" in the executable (qt_add_translations). Chooses one by the system locale or by
/// code and installs it with Qt's own translations, at run time: widgets retranslate on LanguageChange.
class Translations final : public QObject
{
    Q_OBJECT

public:
    explicit Translations(QString qmDirectory = QStringLiteral(":/i18n"), QObject *parent = nullptr);
    ~Translations() override;

    /// "en" and every code with a translation, sorted ("de", "en", "sv").
    QStringList languages() const;
    /// The language's own name for a menu ("Deutsch", "English", "Svenska").
    static QString nativeName(const QString &code);
    /// The language the system locale asks for among languages(), "en" when none fits.
    QString systemLanguage() const;
    /// Installs code's translation (an empty code: the system's language). False when there is no
    /// translation for code; English is used then.
    bool use(const QString &code);
    /// The language in use ("en" for the English source strings).
    const QString &current() const { return m_current; }

private:
    void uninstall();

    QString m_directory;
    QTranslator m_console;
    QTranslator m_qt;
    bool m_consoleInstalled = false;
    bool m_qtInstalled = false;
    QString m_current = QStringLiteral("en");
};

} // namespace hacmp::console
