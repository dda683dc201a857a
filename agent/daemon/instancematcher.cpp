#include "agent/daemon/instancematcher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <limits.h>
#include <unistd.h>

namespace hacmp::agent {

namespace {

QString canonical(const QString &path)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    return resolved.isEmpty() ? path : resolved;
}

/// The interpreter of a script ("#!/bin/sh", "#!/usr/bin/env python3"), resolved, or empty.
QString interpreterOf(const QString &script)
{
    QFile file(script);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = file.readLine(256);
    if (!line.startsWith("#!"))
        return {};
    const QStringList words = QString::fromLocal8Bit(line.mid(2)).simplified().split(QLatin1Char(' '));
    QString interpreter = words.first();
    if (QFileInfo(interpreter).fileName() == QLatin1String("env") && words.size() > 1)
        interpreter = QStandardPaths::findExecutable(words.at(1));
    return interpreter.isEmpty() ? QString() : canonical(interpreter);
}

} // namespace

QList<ProcessEntry> listProcesses(const std::function<bool(QByteArrayView exe)> &wantExe)
{
    // Every interval on every host: plain system calls, no Qt objects per process.
    QList<ProcessEntry> processes;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return processes;
    char path[64];
    char target[PATH_MAX];
    while (const dirent *entry = ::readdir(proc)) {
        char *end = nullptr;
        const long pid = std::strtol(entry->d_name, &end, 10);
        if (pid <= 0 || *end != '\0')
            continue;
        std::snprintf(path, sizeof path, "/proc/%ld/exe", pid);
        const ssize_t length = ::readlink(path, target, sizeof target);
        if (length <= 0 || length >= ssize_t(sizeof target))
            continue; // a kernel thread, or gone
        QByteArrayView exe(target, length);
        if (exe.endsWith(" (deleted)")) // its program file was replaced (an upgrade)
            exe.chop(10);
        if (!wantExe(exe))
            continue;
        std::snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
        QFile cmdline(QString::fromLatin1(path));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        QByteArray bytes = cmdline.read(65536);
        if (bytes.isEmpty())
            continue; // a zombie
        if (bytes.endsWith('\0'))
            bytes.chop(1);
        ProcessEntry process;
        process.pid = pid_t(pid);
        for (const QByteArray &argument : bytes.split('\0'))
            process.argv.append(QString::fromLocal8Bit(argument));
        process.exe = QFile::decodeName(exe.toByteArray());
        processes.append(std::move(process));
    }
    ::closedir(proc);
    return processes;
}

InstanceMatcher InstanceMatcher::forApplication(
    const QStringList &start, const QString &detect, const QString &workingDirectory)
{
    InstanceMatcher matcher;
    if (!detect.isEmpty()) {
        matcher.m_byPattern = true;
        matcher.m_pattern = QRegularExpression(detect);
        return matcher;
    }
    if (start.isEmpty())
        return matcher;
    matcher.m_program = start.first();
    const QString found = matcher.m_program.contains(QLatin1Char('/'))
        ? QDir(workingDirectory).absoluteFilePath(matcher.m_program)
        : QStandardPaths::findExecutable(matcher.m_program);
    matcher.m_programPath = canonical(found.isEmpty() ? matcher.m_program : found);
    matcher.m_interpreterPath = interpreterOf(matcher.m_programPath);
    matcher.m_programFile = QFile::encodeName(matcher.m_programPath);
    matcher.m_interpreterFile = QFile::encodeName(matcher.m_interpreterPath);
    for (qsizetype i = 1; i < start.size(); ++i) {
        const QString &argument = start.at(i);
        if (argument.startsWith(QLatin1Char('-')))
            continue;
        const QString absolute = QDir(workingDirectory).absoluteFilePath(argument);
        if (QFileInfo(absolute).isFile()) {
            matcher.m_file = argument;
            matcher.m_filePath = canonical(absolute);
        }
        break;
    }
    return matcher;
}

bool InstanceMatcher::isProgram(const QString &path) const
{
    return path == m_program || path == m_programPath;
}

bool InstanceMatcher::mayMatchExecutable(QByteArrayView exe) const
{
    if (m_byPattern)
        return true;
    return !m_program.isEmpty() && (exe == m_programFile || (!m_interpreterFile.isEmpty() && exe == m_interpreterFile));
}

bool InstanceMatcher::matches(const ProcessEntry &process) const
{
    if (m_byPattern)
        return m_pattern.match(process.argv.join(QLatin1Char(' '))).hasMatch();
    if (m_program.isEmpty() || process.argv.isEmpty())
        return false;
    // A script started directly runs as its interpreter with the script's path as first argument.
    const bool program = process.exe == m_programPath
        || (!m_interpreterPath.isEmpty() && process.exe == m_interpreterPath && process.argv.size() > 1
            && isProgram(process.argv.at(1)));
    if (!program)
        return false;
    if (m_file.isEmpty())
        return true;
    for (qsizetype i = 1; i < process.argv.size(); ++i) {
        const QString &argument = process.argv.at(i);
        if (argument == m_file || argument == m_filePath)
            return true;
    }
    return false;
}

QString InstanceMatcher::describe() const
{
    if (m_byPattern)
        return QStringLiteral("processes whose command line matches [application] detect '%1'")
            .arg(m_pattern.pattern());
    if (m_file.isEmpty())
        return QStringLiteral("processes running %1").arg(m_programPath);
    return QStringLiteral("processes running %1 with %2").arg(m_programPath, m_file);
}

} // namespace hacmp::agent
