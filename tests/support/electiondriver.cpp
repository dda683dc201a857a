#include "tests/support/electiondriver.h"

#include "shared/protocol/recordcodec.h"
#include "shared/storage/controlfiles.h"

namespace hacmp::test {

ElectionDriver::ElectionDriver(
    const QString &node, int priority, Timing timing, std::function<QString(Millis)> wallClock)
    : m_timing(timing)
    , m_node(node)
{
    ElectionConfig config;
    config.node = node;
    config.hostId = QStringLiteral("host-") + node;
    config.priority = priority;
    config.timing = timing;
    config.restartLimit = 2;
    config.restartWindow = Millis(60000);
    config.version = QStringLiteral("test");
    config.wallClock = std::move(wallClock);
    m_runner = std::make_unique<ElectionRunner>(static_cast<ElectionEffects &>(*this),
        std::make_unique<Election>(config, LocalMarks {}, 0xabcdef, 42, m_now), -1, [this] { return m_now; });
    execute(machine().start(m_now));
}

HeartbeatRecord &ElectionDriver::peer(const QString &node)
{
    auto it = m_peers.find(node);
    if (it == m_peers.end()) {
        HeartbeatRecord record;
        record.node = node;
        record.hostId = QStringLiteral("host-") + node;
        record.incarnation = 0x1000 + quint64(node.at(0).unicode());
        record.seq = 1;
        record.state = Role::Standby;
        it = m_peers.insert(node, record);
    }
    return *it;
}

void ElectionDriver::putPeer(const QString &node)
{
    HeartbeatRecord &record = peer(node);
    ++record.seq;
    m_files.insert(node, encodeSlot(record).value());
}

void ElectionDriver::setSwitchover(const QString &target, std::uint64_t epoch)
{
    SwitchoverRequest request;
    request.target = target;
    request.epoch = epoch;
    request.who = QStringLiteral("op@test");
    m_switchover = encodeSwitchover(request);
}

std::optional<HeartbeatRecord> ElectionDriver::ownRecord() const
{
    const RecordDecode decoded = decodeRecordFile(m_files.value(m_node), m_node);
    if (decoded.kind != RecordKind::Valid)
        return std::nullopt;
    return decoded.record;
}

void ElectionDriver::writeSlot(std::uint64_t id, int slot, const QByteArray &bytes, std::uint64_t claimedEpoch)
{
    if (claimedEpoch != 0)
        m_claimedEpochs.append(claimedEpoch);
    const bool fails = m_writesFail || (claimedEpoch != 0 && m_claimsRefused);
    if (!fails) {
        QByteArray &file = m_files[m_node];
        if (file.size() < kRecordFileSize)
            file.resize(kRecordFileSize, ' ');
        file.replace(slotOffset(slot), kSlotSize, bytes);
    }
    const Status status = fails ? Status(Error(QStringLiteral("injected"))) : Status();
    m_completions += m_runner->writeDone(id, slot, status, m_now);
}

void ElectionDriver::scan(std::uint64_t id, bool)
{
    m_completions += m_runner->scanDone(scanResult(id));
}

Status ElectionDriver::saveMarks(const LocalMarks &)
{
    return {};
}

void ElectionDriver::startApplication(std::uint64_t, const QString &)
{
    m_appRunning = true;
    m_completions += machine().appStarted(4242, m_now);
}

void ElectionDriver::stopApplication(const QString &)
{
    if (m_stopHangs)
        return;
    m_appRunning = false;
    m_completions += machine().appExited(AppExit { AppExitCause::Stopped, 0, {} }, m_now);
}

ScanResult ElectionDriver::scanResult(std::uint64_t id)
{
    ScanResult result;
    result.id = id;
    result.issuedAt = m_now;
    result.listed = !m_readsFail;
    const auto fileRead = [&](std::optional<QByteArray> bytes) {
        if (m_readsFail)
            return FileRead { IoOutcome::Failed, {}, QStringLiteral("injected") };
        if (!bytes)
            return FileRead { IoOutcome::Absent, {}, {} };
        return FileRead { IoOutcome::Ok, *bytes, {} };
    };
    if (!m_readsFail) {
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            result.records.append(RecordReadResult { it.key(), fileRead(*it), m_now });
    }
    const QByteArray note = encodeNote(ControlNote { QStringLiteral("op@test"), QString(), QStringLiteral("test") });
    result.maintenance = fileRead(m_maintenance ? std::optional<QByteArray>(note) : std::nullopt);
    result.ownStandby = fileRead(m_standby ? std::optional<QByteArray>(note) : std::nullopt);
    result.ownClear = fileRead(m_clearRequest ? std::optional<QByteArray>(note) : std::nullopt);
    result.switchover = fileRead(m_switchover);
    result.ownAppRequest = fileRead(m_appRequest);
    return result;
}

void ElectionDriver::removeControlFile(const QString &path)
{
    if (path == switchoverPath())
        m_switchover.reset();
    else if (path == clearPath(m_node))
        m_clearRequest = false;
    else if (path == appRequestPath(m_node))
        m_appRequest.reset();
}

ElectionActions ElectionDriver::execute(ElectionActions actions)
{
    ElectionActions all;
    while (!actions.isEmpty()) {
        const ElectionAction action = actions.takeFirst();
        all.append(action);
        m_history.append(action);
        actions += m_runner->run(action);
        actions += std::exchange(m_completions, {}); // after what was already asked, as on an event loop
    }
    return all;
}

ElectionActions ElectionDriver::feed(ElectionActions actions)
{
    return execute(std::move(actions));
}

ElectionActions ElectionDriver::appExits(AppExitCause cause, int status)
{
    m_appRunning = false;
    return execute(machine().appExited(AppExit { cause, status, {} }, m_now));
}

ElectionActions ElectionDriver::step()
{
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        if (!m_frozen.value(it.key()))
            putPeer(it.key());
    }
    m_now += m_timing.interval;
    return execute(m_runner->tick());
}

bool ElectionDriver::stepUntil(Role role, int maxSteps)
{
    for (int i = 0; i < maxSteps && machine().role() != role; ++i)
        step();
    return machine().role() == role;
}

} // namespace hacmp::test
