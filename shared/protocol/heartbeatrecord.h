#pragma once

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace hacmp {

/// A node's role as written in its heartbeat record (docs/protocol.md, Roles).
enum class Role { Starting, Standby, Candidate, Master, Stopping, Offline, Fenced };

/// The application's state as the node reports it.
enum class AppState { Stopped, Starting, Running, Stopping, Failed };

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
QString appStateName(AppState state);
std::optional<AppState> appStateFromName(const QString &name);

/// The pids of AppStatus::outside as text, "4242, 4243".
QString pidList(const QList<std::int64_t> &pids);

/// Roles in which a node holds or claims a master term.
bool isClaimingRole(Role role);

inline constexpr qsizetype kMaxOutsidePids = 8;

struct AppStatus
{
    AppState state = AppState::Stopped;
    std::int64_t pid = 0;
    QString since; ///< UTC, ISO 8601, for people only
    /// Instances of the application on this host that the guard does not hold (started by hand), by pid;
    /// written as "app.outside" when not empty, at most kMaxOutsidePids of them.
    QList<std::int64_t> outside;
    bool operator==(const AppStatus &) const = default;
};

struct Handover
{
    QString to;
    std::uint64_t epoch = 0;
    bool operator==(const Handover &) const = default;
};

/// The content of one heartbeat record (docs/protocol.md, The heartbeat record). Field names in the
/// encoded JSON are the contract; this struct is its decoded form.
struct HeartbeatRecord
{
    QString node;
    QString hostId;
    std::uint64_t incarnation = 0;
    std::uint64_t seq = 0;
    Role state = Role::Starting;
    std::uint64_t epoch = 0;
    std::uint64_t started = 0;
    int priority = 100;
    bool eligible = true;
    AppStatus app;
    bool maint = false;
    std::optional<Handover> handover;
    QString timing; ///< the writer's Timing::signature(); empty from versions that do not write it
    QString wallTime; ///< UTC, ISO 8601 with milliseconds; never used in a decision
    QString version;

    bool operator==(const HeartbeatRecord &) const = default;
};

} // namespace hacmp
