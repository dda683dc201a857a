#pragma once

#include "shared/protocol/monotime.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace hacmp {

/// One worker thread that runs blocking storage calls one at a time (docs/architecture.md, Storage I/O off
/// the event loop). A call that hangs for ever on a dead NFS server blocks only its lane: the caller
/// never waits on it (or only up to a deadline), and the lane refuses new work while the call is
/// outstanding, so at most one write of a file is ever in flight (docs/protocol.md W1). Use one lane per
/// independent stream of I/O (e.g. the own record, the other records, history).
///
/// Jobs must own what they use (capture shared pointers, not references to objects of the caller): a
/// caller that gave up waiting, or a destroyed lane, can leave a job running.
class IoLane final
{
public:
    /// shutdownGrace: how long the destructor waits for a running job before giving up on it.
    explicit IoLane(Millis shutdownGrace = Millis(250));
    /// Lets a queued or running job finish within the grace and joins the thread. A job still running
    /// after the grace is blocked in the kernel (a hung mount): the thread is detached instead, so that
    /// destroying the lane (or exiting the process) never hangs; it ends by itself if the call returns.
    ~IoLane();
    Q_DISABLE_COPY_MOVE(IoLane)

    /// Runs job on the lane's thread and then, once the lane accepts work again, finished (when given) on
    /// the same thread, so that whoever finished wakes can post the next job at once. False
    /// (IoOutcome::Busy) when an earlier job has not finished yet: at most one job is outstanding.
    bool post(std::function<void()> job, std::function<void()> finished = {});
    /// Whether a job is queued or running.
    bool busy() const;

private:
    struct State;
    static void run(const std::shared_ptr<State> &state);

    std::shared_ptr<State> m_state;
    std::thread m_thread;
    Millis m_shutdownGrace;
};

/// Posts job and waits up to deadline for it to finish; false when it did not finish in time or the
/// lane was busy. The job keeps running on the lane if the deadline passes.
bool runWithDeadline(IoLane &lane, std::function<void()> job, Millis deadline);

/// Posts job; on the lane it runs and returns a delivery, which then runs on context's thread through
/// its event loop, unless context has been destroyed meanwhile. False when the lane was busy.
bool postDelivering(IoLane &lane, QObject *context, std::function<std::function<void()>()> job);

/// For command-line tools: runs job on the lane and waits for its result up to deadline. nullopt when
/// it timed out (the job may still be blocked; its result is dropped) or the lane was busy.
template <typename R> std::optional<R> callWithDeadline(IoLane &lane, std::function<R()> job, Millis deadline)
{
    auto result = std::make_shared<std::optional<R>>();
    if (!runWithDeadline(
            lane, [result, job = std::move(job)] { result->emplace(job()); }, deadline))
        return std::nullopt;
    return std::move(*result);
}

/// For event-loop programs: runs job on the lane and calls done(result) on context's thread (queued),
/// never when context is gone by then. False when the lane was busy (done is not called).
template <typename R> bool postTo(IoLane &lane, QObject *context, std::function<R()> job, std::function<void(R)> done)
{
    return postDelivering(lane, context, [job = std::move(job), done = std::move(done)]() -> std::function<void()> {
        auto result = std::make_shared<R>(job());
        return [done, result] { done(std::move(*result)); };
    });
}

} // namespace hacmp
