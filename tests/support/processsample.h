#pragma once

#include <QtGlobal>

namespace hacmp::test {

/// One look at a running process in /proc, for the benchmarks: the CPU time of all its threads, its
/// resident memory and its read and write system calls (storage, sockets and pipes alike).
struct ProcessSample
{
    bool valid = false; ///< false when the process is gone or /proc could not be read
    qint64 cpuMs = 0; ///< utime + stime of /proc/<pid>/stat
    double rssMiB = 0; ///< VmRSS of /proc/<pid>/status
    qint64 readCalls = 0; ///< syscr of /proc/<pid>/io
    qint64 writeCalls = 0; ///< syscw of /proc/<pid>/io

    static ProcessSample of(qint64 pid);
};

} // namespace hacmp::test
