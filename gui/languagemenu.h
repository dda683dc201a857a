#pragma once

#include <QMenu>

namespace hacmp::console {

class Translations;

/// View > Language: the system's language and every translation found; the one chosen is kept in
/// QSettings (main.cpp uses it at the next start) and used at once.
class LanguageMenu final : public QMenu
{
    Q_OBJECT

public:
    /// translations may be null: only the system's language is offered.
    explicit LanguageMenu(Translations *translations, QWidget *parent = nullptr);

    /// The entry for the system's language (its text is the window's to translate).
    QAction *systemLanguageAction() const { return m_systemLanguage; }

private:
    Translations *m_translations;
    QAction *m_systemLanguage;
};

} // namespace hacmp::console
