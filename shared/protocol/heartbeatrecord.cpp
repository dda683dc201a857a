#include "shared/protocol/heartbeatrecord.h"

#include <QStringList>

#include <array>
#include <utility>

namespace hacmp {

namespace {

constexpr std::array<std::pair<Role, const char *>, 7> kRoleNames { {
    { Role::Starting, "starting" },
    { Role::Standby, "standby" },
    { Role::Candidate, "candidate" },
    { Role::Master, "master" },
    { Role::Stopping, "stopping" },
    { Role::Offline, "offline" },
    { Role::Fenced, "fenced" },
} };

constexpr std::array<std::pair<AppState, const char *>, 5> kAppStateNames { {
    { AppState::Stopped, "stopped" },
    { AppState::Starting, "starting" },
    { AppState::Running, "running" },
    { AppState::Stopping, "stopping" },
    { AppState::Failed, "failed" },
} };

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("unknown");
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &names, const QString &name)
{
    for (const auto &[value, candidate] : names) {
        if (name == QLatin1String(candidate))
            return value;
    }
    return std::nullopt;
}

} // namespace

QString roleName(Role role)
{
    return nameOf(kRoleNames, role);
}

std::optional<Role> roleFromName(const QString &name)
{
    return valueOf(kRoleNames, name);
}

QString appStateName(AppState state)
{
    return nameOf(kAppStateNames, state);
}

std::optional<AppState> appStateFromName(const QString &name)
{
    return valueOf(kAppStateNames, name);
}

QString pidList(const QList<std::int64_t> &pids)
{
    QStringList texts;
    for (const std::int64_t pid : pids)
        texts.append(QString::number(pid));
    return texts.join(QStringLiteral(", "));
}

bool isClaimingRole(Role role)
{
    return role == Role::Candidate || role == Role::Master || role == Role::Stopping;
}

} // namespace hacmp
