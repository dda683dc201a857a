#pragma once

#include <QWidget>

class QLabel;

namespace hacmp::console {

class FailoverModel;

/// The failovers pane: every change of master, newest first, with its reason and downtime.
class FailoversPane final : public QWidget
{
    Q_OBJECT

public:
    explicit FailoversPane(QWidget *parent = nullptr);

    FailoverModel *model() const { return m_model; }
    /// Sets the texts in the language in use (the window calls it on LanguageChange).
    void retranslate();

private:
    FailoverModel *m_model;
    QLabel *m_hint;
};

} // namespace hacmp::console
