#pragma once

#include <QLabel>

namespace hacmp::console {

/// The bar under the banner that tells the outcome of what the operator did: a result in blue that goes
/// away by itself, an error in red that stays until dismissed (colours in console.qss).
class NoticeBar final : public QLabel
{
    Q_OBJECT

public:
    explicit NoticeBar(QWidget *parent = nullptr);

    void showNotice(const QString &text, bool error);
    /// The text shown now, without markup; empty when the bar is hidden.
    QString noticeText() const;

private:
    QString m_text;
};

} // namespace hacmp::console
