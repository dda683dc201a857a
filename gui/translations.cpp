#include "gui/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

namespace hacmp::console {

namespace {

const QLatin1String kPrefix("hacmp_");
const QLatin1String kEnglish("en");

} // namespace

Translations::Translations(QString qmDirectory, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(qmDirectory))
{ }

Translations::~Translations()
{
    uninstall();
}

QStringList Translations::languages() const
{
    QStringList codes { kEnglish };
    const QStringList files = QDir(m_directory).entryList({ kPrefix + QStringLiteral("*.qm") }, QDir::Files);
    for (const QString &file : files)
        codes.append(file.mid(kPrefix.size()).chopped(3));
    codes.sort();
    return codes;
}

QString Translations::nativeName(const QString &code)
{
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (name.isEmpty())
        return code;
    name[0] = name[0].toUpper();
    return name;
}

QString Translations::systemLanguage() const
{
    const QStringList available = languages();
    for (const QString &wanted : QLocale::system().uiLanguages()) {
        const QString code = wanted.section(QLatin1Char('-'), 0, 0).toLower();
        if (available.contains(code))
            return code;
    }
    return kEnglish;
}

bool Translations::use(const QString &code)
{
    const QString wanted = code.isEmpty() ? systemLanguage() : code;
    uninstall();
    m_current = kEnglish;
    if (wanted == kEnglish)
        return true;
    if (!m_console.load(kPrefix + wanted, m_directory))
        return false;
    m_consoleInstalled = QCoreApplication::installTranslator(&m_console);
    // Qt's own strings (standard buttons, file dialogs), when Qt's translations are installed.
    if (m_qt.load(QStringLiteral("qtbase_") + wanted, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    m_current = wanted;
    return m_consoleInstalled;
}

void Translations::uninstall()
{
    if (m_consoleInstalled)
        QCoreApplication::removeTranslator(&m_console);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
    m_consoleInstalled = false;
    m_qtInstalled = false;
}

} // namespace hacmp::console
