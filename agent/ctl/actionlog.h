#pragma once

#include "agent/ctl/ctlsession.h"
#include "shared/history/operatoraction.h"
#include "shared/storage/controlfiles.h"

namespace hacmp::ctl {

/// What hacmpctl changes in the directory, said in its own history file history/<user@host>.jsonl
/// (docs/protocol.md, History): who (currentActor()), when (one instant per run, also used as the `when`
/// of the control file written) and why. It continues the seq of the writer's earlier runs.
class ActionLog final
{
public:
    explicit ActionLog(CtlSession &session);

    /// The reason given, trimmed, or "no reason given".
    static QString reasonOrDefault(const QString &given);

    const QString &actor() const { return m_actor; }
    const QString &when() const { return m_when; }
    /// The note for a control file: this actor, now, why.
    ControlNote note(const QString &why) const { return ControlNote { m_actor, m_when, why }; }

    /// Makes the change of action to the control files (with this run's note) and, once it is made, records
    /// it with detail (empty: the reason). Returns the note written, or the write's error (nothing is
    /// recorded then).
    Result<ControlNote> change(const OperatorAction &action, const QString &detail = {});

    /// Appends an event about node (empty: the whole cluster). The change itself has been made when this
    /// is called, so a failure is printed as a warning naming the file, and returned.
    Status record(const QString &event, const QString &node, const QString &detail, quint64 epoch = 0);

private:
    CtlSession &m_session;
    QString m_actor;
    QString m_when;
};

/// "since <when> by <who>: <why>" for a present note, or the problem of an unreadable one.
QString describeNoteRead(const NoteRead &read);

} // namespace hacmp::ctl
