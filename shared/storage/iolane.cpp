#include "shared/storage/iolane.h"

#include <condition_variable>
#include <mutex>
#include <pthread.h>

namespace hacmp {

/// Shared by the lane and its thread, so that a detached thread never touches a destroyed lane.
struct IoLane::State
{
    std::mutex mutex;
    std::condition_variable changed;
    std::function<void()> job; ///< posted, not started yet
    std::function<void()> finished; ///< runs after job, once the lane is free again
    bool busy = false; ///< a job is queued or running
    bool stopping = false; ///< the lane is being destroyed
    bool exited = false; ///< the thread has left its loop
};

IoLane::IoLane(Millis shutdownGrace)
    : m_state(std::make_shared<State>())
    , m_shutdownGrace(shutdownGrace)
{
    m_thread = std::thread(&IoLane::run, m_state);
    ::pthread_setname_np(m_thread.native_handle(), "hacmp-io");
}

IoLane::~IoLane()
{
    std::unique_lock lock(m_state->mutex);
    m_state->stopping = true;
    m_state->changed.notify_all();
    const bool ended = m_state->changed.wait_for(lock, m_shutdownGrace, [this] { return m_state->exited; });
    lock.unlock();
    if (ended)
        m_thread.join();
    else
        m_thread.detach(); // blocked in a call that may never return; see the header
}

void IoLane::run(const std::shared_ptr<State> &state)
{
    std::unique_lock lock(state->mutex);
    for (;;) {
        state->changed.wait(lock, [&] { return state->job || state->stopping; });
        if (!state->job)
            break;
        std::function<void()> job = std::move(state->job);
        std::function<void()> finished = std::move(state->finished);
        state->job = nullptr;
        state->finished = nullptr;
        lock.unlock();
        job();
        job = nullptr; // release what the job holds before the lane reports idle
        lock.lock();
        state->busy = false;
        state->changed.notify_all();
        if (finished) {
            lock.unlock();
            finished();
            finished = nullptr;
            lock.lock();
        }
    }
    state->exited = true;
    state->changed.notify_all();
}

bool IoLane::post(std::function<void()> job, std::function<void()> finished)
{
    Q_ASSERT(job);
    std::lock_guard lock(m_state->mutex);
    if (m_state->busy || m_state->stopping)
        return false;
    m_state->busy = true;
    m_state->job = std::move(job);
    m_state->finished = std::move(finished);
    m_state->changed.notify_all();
    return true;
}

bool IoLane::busy() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->busy;
}

bool runWithDeadline(IoLane &lane, std::function<void()> job, Millis deadline)
{
    struct Completion
    {
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
    };
    auto completion = std::make_shared<Completion>();
    const bool posted = lane.post(std::move(job), [completion] {
        std::lock_guard lock(completion->mutex);
        completion->finished = true;
        completion->done.notify_all();
    });
    if (!posted)
        return false;
    std::unique_lock lock(completion->mutex);
    return completion->done.wait_for(lock, deadline, [&] { return completion->finished; });
}

bool postDelivering(IoLane &lane, QObject *context, std::function<std::function<void()>()> job)
{
    Q_ASSERT(context);
    // A QPointer alone would leave a window between checking it on the lane and posting to a context
    // that another thread is deleting; the destroyed() signal, handled under the same mutex, closes it.
    struct Target
    {
        std::mutex mutex;
        QObject *object = nullptr;
        QMetaObject::Connection watch;
    };
    auto target = std::make_shared<Target>();
    target->object = context;
    target->watch = QObject::connect(context, &QObject::destroyed, [target] {
        std::lock_guard lock(target->mutex);
        target->object = nullptr;
    });
    auto delivery = std::make_shared<std::function<void()>>();
    auto deliver = [target, delivery] {
        std::lock_guard lock(target->mutex);
        if (!target->object)
            return;
        QMetaObject::invokeMethod(
            target->object,
            [target, delivery] {
                QObject::disconnect(target->watch);
                (*delivery)();
            },
            Qt::QueuedConnection);
    };
    // Delivered only once the lane is free, so that the receiver can post its next job right away.
    const bool posted = lane.post([delivery, job = std::move(job)] { *delivery = job(); }, deliver);
    if (!posted)
        QObject::disconnect(target->watch);
    return posted;
}

} // namespace hacmp
