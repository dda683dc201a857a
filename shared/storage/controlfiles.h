#pragma once

#include "shared/base/result.h"
#include "shared/storage/clusterdirectory.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

namespace hacmp {

/// The largest control file that is parsed; a larger one is present but unparsable.
constexpr qsizetype kControlFileMaxBytes = 65536;
/// What readers of control files ask ClusterDirectory::readFile for: larger than kControlFileMaxBytes,
/// so that an oversized file reads as present (and unparsable) rather than as a failed read.
constexpr qsizetype kControlFileReadLimit = 16 * kControlFileMaxBytes;

/// The content of `maintenance` and `standby/<node>`: who set it, when (UTC ISO 8601) and why.
struct ControlNote
{
    QString who;
    QString when;
    QString why;
    bool operator==(const ControlNote &) const = default;
};

/// The content of `switchover`: the target node and the epoch of the master it is addressed to (H1).
struct SwitchoverRequest
{
    QString target;
    quint64 epoch = 0;
    QString who;
    QString when;
    bool operator==(const SwitchoverRequest &) const = default;
};

/// The content of `app/<node>`: an operator's request to that node's agent to start (Run) or stop (Stop) the
/// application by hand in maintenance (hacmpctl run, hacmpctl stop-app; docs/protocol.md M-c).
struct AppRequest
{
    enum class Action { Run, Stop };
    Action action = Action::Run;
    ControlNote note;
    bool operator==(const AppRequest &) const = default;
};

/// "run" or "stop", as written in the file's "action" field.
QString appActionName(AppRequest::Action action);

/// What a read says about a control file. Unknown: the read failed, timed out or was not tried;
/// the file is "not known to be absent" (docs/protocol.md, The shared directory).
enum class Presence { Absent, Present, Unknown };

QString presenceName(Presence presence);

/// A read of `maintenance` or `standby/<node>`. Present with no note: the file exists but cannot be
/// parsed; it still counts as present and problem says so.
struct NoteRead
{
    Presence presence = Presence::Unknown;
    std::optional<ControlNote> note;
    QString problem;
};

/// A read of `switchover`. Present with no request: unparsable or a bad target; the master refuses it.
struct SwitchoverRead
{
    Presence presence = Presence::Unknown;
    std::optional<SwitchoverRequest> request;
    QString problem;
};

/// A read of `app/<node>`. Present with no request: unparsable; the agent refuses it and removes it.
struct AppRequestRead
{
    Presence presence = Presence::Unknown;
    std::optional<AppRequest> request;
    QString problem;
};

/// Interprets a read of `maintenance` or `standby/<node>` (no I/O). pathForMessages names the file
/// in problems; its last parts ("maintenance", "standby/<node>") choose the advice given.
NoteRead interpretNote(const FileRead &read, const QString &pathForMessages);
/// Interprets a read of `switchover` (no I/O).
SwitchoverRead interpretSwitchover(const FileRead &read, const QString &pathForMessages);

/// Interprets a read of `app/<node>` (no I/O).
AppRequestRead interpretAppRequest(const FileRead &read, const QString &pathForMessages);

/// Compact JSON and a newline, as written to the control files.
QByteArray encodeNote(const ControlNote &note);
QByteArray encodeSwitchover(const SwitchoverRequest &request);
QByteArray encodeAppRequest(const AppRequest &request);

/// Paths of the control files inside the cluster directory.
QString maintenancePath();
QString standbyFolder();
QString standbyPath(const QString &node);
QString switchoverPath();
/// `clear/<node>`: a request (a ControlNote) to <node>'s agent to reset its restart budget; the agent
/// reads it with its scans; the election resets the budget and asks for its removal. The folder is made by `hacmpctl
/// init`.
QString clearFolder();
QString clearPath(const QString &node);
/// `app/<node>`: an AppRequest to <node>'s agent, read with its scans and removed once carried out or refused.
/// The folder is made by `hacmpctl init`.
QString appRequestFolder();
QString appRequestPath(const QString &node);

/// Blocking reads and writes of the control files (maintenance, standby, switchover), for hacmpctl
/// and the console's I/O worker. The agent reads the same files through its IoLane and the
/// interpreters above.
class ControlFiles final
{
public:
    explicit ControlFiles(ClusterDirectory &directory);

    Status setMaintenance(const ControlNote &note);
    Status clearMaintenance();
    NoteRead maintenance();

    Status setStandby(const QString &node, const ControlNote &note);
    Status clearStandby(const QString &node);
    NoteRead standby(const QString &node);
    /// Every node with a standby file; names that are not node names (or are temporary files of
    /// replaceWhole) are skipped. A file that
    /// exists but cannot be parsed is listed with an empty note.
    Result<QMap<QString, ControlNote>> standbyNodes();

    /// Writes clear/<node> (hacmpctl clear).
    Status requestClear(const QString &node, const ControlNote &note);
    /// Writes app/<node> (hacmpctl run, hacmpctl stop-app), removes it, and reads it.
    Status requestApp(const QString &node, const AppRequest &request);
    Status withdrawAppRequest(const QString &node);
    AppRequestRead appRequest(const QString &node);

    Status requestSwitchover(const SwitchoverRequest &request);
    Status clearSwitchover();
    SwitchoverRead switchover();

private:
    Status write(const QString &path, const QByteArray &bytes, const QString &what);
    Status removeFile(const QString &path, const QString &what);

    ClusterDirectory &m_directory;
};

} // namespace hacmp
