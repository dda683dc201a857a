#include "tests/support/processsample.h"

#include <QFile>
#include <QList>

#include <unistd.h>

namespace hacmp::test {

namespace {

QByteArray procFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The number after "key:" in a /proc file of such lines, or -1.
qint64 keyedNumber(const QByteArray &text, const QByteArray &key)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

ProcessSample ProcessSample::of(qint64 pid)
{
    ProcessSample sample;
    const QByteArray stat = procFile(pid, "stat");
    // The fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const QByteArray status = procFile(pid, "status");
    const QByteArray io = procFile(pid, "io");
    if (fields.size() < 13 || fields[0] == "Z" || status.isEmpty() || io.isEmpty())
        return sample;
    sample.cpuMs = (fields[11].toLongLong() + fields[12].toLongLong()) * 1000 / ::sysconf(_SC_CLK_TCK);
    sample.rssMiB = double(keyedNumber(status, "VmRSS")) / 1024.0;
    sample.readCalls = keyedNumber(io, "syscr");
    sample.writeCalls = keyedNumber(io, "syscw");
    sample.valid = sample.rssMiB >= 0 && sample.readCalls >= 0 && sample.writeCalls >= 0;
    return sample;
}

} // namespace hacmp::test
