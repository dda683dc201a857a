#include "gui/noticebar.h"

#include "gui/consoleresources.h"

#include <QPointer>
#include <QStyle>
#include <QTimer>

namespace hacmp::console {

constexpr int kNoticeMs = 12000;

NoticeBar::NoticeBar(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("notice"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setProperty("error", false);
    setStyleSheet(consoleStyleSheet());
    hide();
    connect(this, &QLabel::linkActivated, this, &QLabel::hide);
}

void NoticeBar::showNotice(const QString &text, bool error)
{
    setProperty("error", error);
    style()->unpolish(this);
    style()->polish(this);
    setText(
        text.toHtmlEscaped() + QStringLiteral(" &nbsp; <a href=\"dismiss\">") + tr("Dismiss") + QStringLiteral("</a>"));
    m_text = text;
    show();
    if (!error) {
        QTimer::singleShot(kNoticeMs, this, [bar = QPointer<NoticeBar>(this), text] {
            if (bar && bar->m_text == text)
                bar->hide();
        });
    }
}

QString NoticeBar::noticeText() const
{
    return isHidden() ? QString() : m_text;
}

} // namespace hacmp::console
