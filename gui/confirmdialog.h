#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hacmp::console {

/// Asks the operator to confirm a change to the cluster (maintenance, standby, switchover, clear),
/// with a reason that is written to the control file and the history. When the reason is required the
/// confirm button stays disabled until one is typed. Opened with open(), never exec(), so the event
/// loop goes on and tests answer it like a person would.
class ConfirmDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ConfirmDialog(QWidget *parent = nullptr);

    void setHeading(const QString &heading);
    void setMessage(const QString &message);
    void setConfirmText(const QString &text);
    /// Shows the reason field; required: the confirm button waits for text.
    void setReasonMode(bool shown, bool required);
    QString reason() const;

    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    void updateButton();

    QLabel *m_heading;
    QLabel *m_message;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
    QDialogButtonBox *m_buttons;
    QPushButton *m_confirm;
    bool m_required = false;
};

} // namespace hacmp::console
