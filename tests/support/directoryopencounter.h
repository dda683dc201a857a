#pragma once

#include <QSocketNotifier>
#include <QString>

#include <memory>

namespace hacmp::test {

/// Counts the opens of files and folders in a folder tree by any process (inotify), for the benchmarks'
/// storage operations per tick. Counting happens while the event loop runs; folders made later are not
/// watched.
class DirectoryOpenCounter final
{
public:
    explicit DirectoryOpenCounter(const QString &root);
    ~DirectoryOpenCounter();
    Q_DISABLE_COPY_MOVE(DirectoryOpenCounter)

    const QString &error() const { return m_error; }
    /// Every open since construction.
    qint64 opens();
    /// The opens for writing among them (closed after writing).
    qint64 writeOpens();

private:
    void drain();

    int m_fd;
    int m_rootWatch = -1;
    QString m_error;
    qint64 m_opens = 0;
    qint64 m_writeOpens = 0;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace hacmp::test
