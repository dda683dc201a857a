#include "instancematcher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace hacmp::agent {

namespace {

QString canonical(const QString &path)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    return resolved.isEmpty() ? path : resolved;
}

QString readLink(const QString &path)
{
    QString target = QFile::symLinkTarget(path);
    const QString deleted = QStringLiteral(" (deleted)");
    if (target.endsWith(deleted))
        target.chop(deleted.size());
    return target;
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

QList<ProcessEntry> listProcesses(const std::function<bool(const QString &exe)> &wantExe)
{
    QList<ProcessEntry> processes;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const pid_t pid = pid_t(entry.toInt(&numeric));
        if (!numeric || pid <= 0)
            continue;
        const QString exe = readLink(QStringLiteral("/proc/%1/exe").arg(pid));
        if (!wantExe(exe))
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        QByteArray bytes = cmdline.read(65536);
        if (bytes.isEmpty())
            continue; // a kernel thread or a zombie
        if (bytes.endsWith('\0'))
            bytes.chop(1);
        ProcessEntry process;
        process.pid = pid;
        for (const QByteArray &argument : bytes.split('\0'))
            process.argv.append(QString::fromLocal8Bit(argument));
        process.exe = exe;
        processes.append(std::move(process));
    }
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

bool InstanceMatcher::mayMatchExecutable(const QString &exe) const
{
    if (m_byPattern)
        return true;
    return !m_program.isEmpty() && (exe == m_programPath || (!m_interpreterPath.isEmpty() && exe == m_interpreterPath));
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
