#pragma once

#include "shared/history/historyevent.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/monotime.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <variant>

namespace hacmp {

/// Write the own heartbeat record (slot: its encoded form, kSlotSize bytes) into the slot not holding
/// the last confirmed write; the executor reports completion with Election::writeCompleted(id).
struct WriteRecordAction
{
    std::uint64_t id = 0;
    HeartbeatRecord record;
    QByteArray slot;
    bool claim = false; ///< R2's claim write of record.epoch (a store may refuse an epoch claimed before)
};

/// Read every record in nodes/, maintenance, switchover and standby/<self>; report with
/// Election::scanCompleted. A final scan is R2's check: every read must succeed.
struct ScanAction
{
    std::uint64_t id = 0;
    bool final = false;
};

/// Start the application through the guard with HACMP_EPOCH = epoch (the guard refuses once its
/// deadline has passed, W3).
struct StartAppAction
{
    std::uint64_t epoch = 0;
    QString reason;
};

/// The reason of a StartAppAction made on an operator's request in maintenance (docs/protocol.md M-c).
inline constexpr char kStartByHandReason[] = "started by hand in maintenance";

/// Stop the application the guard holds and report its exit.
struct StopAppAction
{
    QString reason;
};

/// Tell the guard the absolute lease deadline (W3).
struct GuardDeadlineAction
{
    MonoTime leaseUntil;
};

/// Persist the local high-water marks before anything that depends on them is written.
struct PersistAction
{
    std::uint64_t seqReserved = 0;
    std::uint64_t epoch = 0;
    std::uint64_t started = 0;
};

/// A step of this node's election that a role_change event marks, so that the agent's counters take it as
/// data rather than from the detail's wording (agent/daemon/agentmetrics.h).
enum class ElectionStep : quint8 {
    None, ///< any other event
    Candidacy, ///< it became a candidate ("<role> -> candidate: ...")
    ClaimCounted, ///< the claim of that candidacy counted: a term began ("master of epoch E")
};

/// Why this node became a candidate, on both steps of a candidacy (ElectionStep).
enum class CandidacyReason : quint8 {
    None, ///< no election step
    NoLiveMaster, ///< no live master was seen (a failover, or the cluster's first master)
    Handover, ///< this node was the named successor of a master that stood down (H2)
};

/// An event for the node's history file (and notification).
struct EventAction
{
    EventKind event = EventKind::Incident;
    QString detail;
    std::uint64_t epoch = 0;
    QString node;
    ElectionStep step = ElectionStep::None;
    CandidacyReason candidacy = CandidacyReason::None;
};

/// Remove a request the election has carried out or refused (an EventAction says which): `switchover` (H1),
/// the own `clear/<node>` or the own `app/<node>` (M-c).
struct RemoveControlFileAction
{
    QString path;
};

/// Stop the instances of the application on this host that the guard does not hold (Election::setStrays).
struct StopStraysAction
{
    QString reason;
};

/// The agent's exit status when it refuses to join the cluster because of how it is configured (another
/// timing, a node name another host runs): EX_CONFIG, which the systemd unit does not restart.
inline constexpr int kExitRefusedToJoin = 78;

/// The agent may exit now (after a clean stop's last write, or after refusing to join).
struct ExitAction
{
    int status = 0; ///< the agent's exit status: kExitRefusedToJoin when it refused to join
    /// The guard keeps the application and its deadline (W5): the agent leaves without asking the guard to
    /// stop it, so that a restarted agent re-attaches, or the guard stops it at the deadline.
    bool leaveApplication = false;
};

using ElectionAction = std::variant<WriteRecordAction, ScanAction, StartAppAction, StopAppAction, GuardDeadlineAction,
    PersistAction, EventAction, RemoveControlFileAction, StopStraysAction, ExitAction>;
using ElectionActions = QList<ElectionAction>;

} // namespace hacmp
