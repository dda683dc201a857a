#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace hacmp {

/// One line of the history log (docs/protocol.md, History). Field names in the encoded JSON are the contract.
struct HistoryEvent
{
    QString time; ///< UTC, ISO 8601 with milliseconds and 'Z'; events sort by it as text
    QString writer;
    quint64 seq = 0;
    quint64 epoch = 0;
    QString event;
    QString node;
    QString detail;

    bool operator==(const HistoryEvent &) const = default;
};

/// The event names hacmp writes (use QLatin1String(historyevents::RoleChange)). Readers accept any name.
namespace historyevents {
inline constexpr char AgentStart[] = "agent_start";
inline constexpr char AgentStop[] = "agent_stop";
inline constexpr char RoleChange[] = "role_change";
inline constexpr char AppStart[] = "app_start";
inline constexpr char AppExit[] = "app_exit";
inline constexpr char AppRestart[] = "app_restart";
inline constexpr char AppFailed[] = "app_failed";
inline constexpr char LeaseLapsed[] = "lease_lapsed";
inline constexpr char GuardKill[] = "guard_kill";
inline constexpr char NodeDead[] = "node_dead";
inline constexpr char StorageLost[] = "storage_lost";
inline constexpr char StorageRestored[] = "storage_restored";
inline constexpr char MaintenanceOn[] = "maintenance_on";
inline constexpr char MaintenanceOff[] = "maintenance_off";
inline constexpr char StandbyOn[] = "standby_on";
inline constexpr char StandbyOff[] = "standby_off";
inline constexpr char SwitchoverRequested[] = "switchover_requested";
inline constexpr char SwitchoverDone[] = "switchover_done";
inline constexpr char SwitchoverRefused[] = "switchover_refused";
inline constexpr char DuplicateNode[] = "duplicate_node";
inline constexpr char ConfigRejected[] = "config_rejected";
inline constexpr char Incident[] = "incident";
inline constexpr char ClearFailures[] = "clear_failures";
inline constexpr char AppStartDeferred[] = "app_start_deferred";
inline constexpr char AppLeftRunning[] = "app_left_running";
inline constexpr char InstanceOutsideGuard[] = "instance_outside_guard";
inline constexpr char AppRunRequested[] = "app_run_requested";
inline constexpr char AppStopRequested[] = "app_stop_requested";
inline constexpr char AppRequestDone[] = "app_request_done";
inline constexpr char AppRequestRefused[] = "app_request_refused";
} // namespace historyevents

/// The events hacmp writes, one for each name above and in that order (the state machine's events).
enum class EventKind : quint8 {
    AgentStart,
    AgentStop,
    RoleChange,
    AppStart,
    AppExit,
    AppRestart,
    AppFailed,
    LeaseLapsed,
    GuardKill,
    NodeDead,
    StorageLost,
    StorageRestored,
    MaintenanceOn,
    MaintenanceOff,
    StandbyOn,
    StandbyOff,
    SwitchoverRequested,
    SwitchoverDone,
    SwitchoverRefused,
    DuplicateNode,
    ConfigRejected,
    Incident,
    ClearFailures,
    AppStartDeferred,
    AppLeftRunning,
    InstanceOutsideGuard,
    AppRunRequested,
    AppStopRequested,
    AppRequestDone,
    AppRequestRefused,
};
/// The name an event of kind has in the history (one of historyevents).
QLatin1String eventName(EventKind kind);

/// All event names above, in that order (for filters in the console and hacmpctl).
QStringList historyEventNames();

/// One JSON object on one line, keys in the protocol's order, ending with "\n".
QByteArray encodeHistoryLine(const HistoryEvent &event);
/// Parses one line (a trailing newline is allowed). Strict: time, writer, seq and event are required,
/// epoch, node and detail optional; any field of the wrong type gives nullopt. Unknown keys are ignored.
std::optional<HistoryEvent> decodeHistoryLine(QByteArrayView line);

/// Strict ordering of the merged log: time (as text), then writer, then seq.
bool historyEventLess(const HistoryEvent &a, const HistoryEvent &b);

/// The folder of the history files and the two files of one writer (its current file and the one
/// older generation kept at rotation).
QString historyFolder();
QString historyFilePath(const QString &writer);
QString historyRotatedFilePath(const QString &writer);

/// A file name found in the history folder: its writer and whether it is the rotated generation.
struct HistoryFileName
{
    QString writer;
    bool rotated = false;
};
/// nullopt for anything that is not "<writer>.jsonl" or "<writer>.jsonl.1" with a valid writer name.
std::optional<HistoryFileName> parseHistoryFileName(const QString &fileName);

/// The outcome of parsing a part of a history file.
struct HistoryChunk
{
    QList<HistoryEvent> events;
    QStringList problems;
    qsizetype consumed = 0; ///< offset just after the last line taken (complete lines only)
    qint64 lines = 0; ///< number of lines taken
};

/// One QString for each distinct writer, event and node text of the lines parsed with it: a log holds few
/// of them, so sharing them saves an allocation per field and the memory of the copies (the console
/// loads hundreds of thousands of lines). Bounded; use one per thread.
class HistoryTextPool final
{
public:
    HistoryTextPool();
    ~HistoryTextPool();
    Q_DISABLE_COPY_MOVE(HistoryTextPool)

    /// raw: printable ASCII without escapes.
    QString text(QByteArrayView raw);

private:
    struct Strings;
    std::unique_ptr<Strings> m_strings;
};

/// Parses bytes[from..] of the file pathForMessages, whose line at `from` has number firstLine.
/// Complete lines that do not parse are reported (naming file and line) and skipped, except the
/// last complete one, which is left unconsumed like an unterminated tail: it may be a torn write,
/// and it is reported only once another line follows it. Empty lines are skipped silently.
/// pool: shares repeated texts with the other lines parsed with it (without one, among these lines).
HistoryChunk parseHistoryLines(QByteArrayView bytes, qsizetype from, qint64 firstLine, const QString &pathForMessages,
    HistoryTextPool *pool = nullptr);

} // namespace hacmp
