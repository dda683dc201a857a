#include "gui/confirmdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hacmp::console {

ConfirmDialog::ConfirmDialog(QWidget *parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_message(new QLabel(this))
    , m_reasonLabel(new QLabel(this))
    , m_reason(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_confirm(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("confirmDialog"));
    setMinimumWidth(460);
    QFont bold = m_heading->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_heading->setFont(bold);
    m_heading->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_reasonLabel->setBuddy(m_reason);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("for example: kernel update on all nodes, ticket 4711"));
    m_confirm->setDefault(true); // Enter confirms once a required reason is there; Escape cancels

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_message);
    layout->addSpacing(6);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &ConfirmDialog::updateButton);
    updateButton();
}

void ConfirmDialog::setHeading(const QString &heading)
{
    m_heading->setText(heading);
    setWindowTitle(heading);
}

void ConfirmDialog::setMessage(const QString &message)
{
    m_message->setText(message);
}

void ConfirmDialog::setConfirmText(const QString &text)
{
    m_confirm->setText(text);
}

void ConfirmDialog::setReasonMode(bool shown, bool required)
{
    m_reasonLabel->setVisible(shown);
    m_reason->setVisible(shown);
    m_required = shown && required;
    m_reasonLabel->setText(m_required ? tr("&Reason (required, written to the cluster's history):")
                                      : tr("&Reason (optional, written to the cluster's history):"));
    updateButton();
    if (shown)
        m_reason->setFocus();
}

QString ConfirmDialog::reason() const
{
    return m_reason->isHidden() ? QString() : m_reason->text().trimmed();
}

void ConfirmDialog::updateButton()
{
    const bool ready = !m_required || !m_reason->text().trimmed().isEmpty();
    m_confirm->setEnabled(ready);
    m_confirm->setToolTip(ready ? QString() : tr("Type a reason first."));
}

} // namespace hacmp::console
