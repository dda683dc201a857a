#include "gui/languagemenu.h"

#include "gui/translations.h"

#include <QActionGroup>
#include <QSettings>

namespace hacmp::console {

namespace {

const QLatin1String kLanguageKey("language");

} // namespace

LanguageMenu::LanguageMenu(Translations *translations, QWidget *parent)
    : QMenu(parent)
    , m_translations(translations)
{
    auto *group = new QActionGroup(this);
    m_systemLanguage = new QAction(QString(), group);
    m_systemLanguage->setCheckable(true);
    m_systemLanguage->setData(QString());
    addAction(m_systemLanguage);
    addSeparator();
    const QString chosen = QSettings().value(kLanguageKey).toString();
    m_systemLanguage->setChecked(chosen.isEmpty());
    if (m_translations) {
        for (const QString &code : m_translations->languages()) {
            auto *action = new QAction(Translations::nativeName(code), group);
            action->setCheckable(true);
            action->setData(code);
            action->setChecked(code == chosen);
            addAction(action);
        }
    }
    connect(group, &QActionGroup::triggered, this, [this](QAction *action) {
        QSettings().setValue(kLanguageKey, action->data().toString());
        if (m_translations)
            m_translations->use(action->data().toString());
    });
}

} // namespace hacmp::console
