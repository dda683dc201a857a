#include "tests/support/appledger.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <map>

namespace hacmp::test {

qint64 monotonicNowMs()
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0)
        return errno == ESRCH;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2, 1) == "Z";
}

AppLedger AppLedger::read(const QStringList &files)
{
    AppLedger ledger;
    std::map<qint64, Instance> byPid;
    for (const QString &name : files) {
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QList<QByteArray> words = line.split(' ');
            if (words.first() == "CONFLICT") {
                ledger.conflicts << QString::fromUtf8(line);
                continue;
            }
            if (words.size() < 3)
                continue;
            Instance &instance = byPid[words[1].toLongLong()];
            instance.pid = words[1].toLongLong();
            const qint64 at = words.last().toLongLong();
            instance.last = std::max(instance.last, at);
            if (words.first() == "START" && words.size() == 5) {
                instance.epoch = words[2].toULongLong();
                instance.node = QString::fromUtf8(words[3]);
                instance.start = at;
            }
            instance.stopped |= words.first() == "STOP";
        }
    }
    for (const auto &[pid, instance] : byPid) {
        if (instance.start > 0)
            ledger.instances.append(instance);
    }
    std::sort(ledger.instances.begin(), ledger.instances.end(),
        [](const Instance &x, const Instance &y) { return x.start < y.start; });
    return ledger;
}

QList<Instance> AppLedger::running() const
{
    QList<Instance> found;
    const qint64 now = monotonicNowMs();
    for (const Instance &instance : instances) {
        if (!instance.stopped && instance.last >= now - 400)
            found.append(instance);
    }
    return found;
}

QList<Instance> AppLedger::on(const QString &node) const
{
    QList<Instance> found;
    for (const Instance &instance : instances) {
        if (instance.node == node)
            found.append(instance);
    }
    return found;
}

QString AppLedger::overlap() const
{
    for (qsizetype i = 1; i < instances.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (instances[i].start <= instances[j].last)
                return QStringLiteral("instance %1 on %2 started at %3, but %4 on %5 was alive until %6")
                    .arg(instances[i].pid)
                    .arg(instances[i].node)
                    .arg(instances[i].start)
                    .arg(instances[j].pid)
                    .arg(instances[j].node)
                    .arg(instances[j].last);
        }
    }
    return {};
}

} // namespace hacmp::test
