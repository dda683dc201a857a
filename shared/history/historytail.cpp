#include "shared/history/historytail.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace hacmp {

namespace {

/// Enough of a file's beginning to tell it from its successor after a rotation (the first line
/// holds a time with milliseconds and a seq).
constexpr qsizetype kHeadBytes = 256;

/// The events of parts, in this order, sorted as std::stable_sort with historyEventLess would sort them
/// (ties in place), by merging the sorted runs they come in: a writer's lines are in order but for a
/// few steps of its clock, so a long log takes a few merge passes instead of a full sort, and the
/// runs of one writer overlap little.
QList<HistoryEvent> mergeParts(std::vector<QList<HistoryEvent>> parts)
{
    qsizetype total = 0;
    for (const QList<HistoryEvent> &part : parts)
        total += part.size();
    QList<HistoryEvent> events;
    events.reserve(total);
    for (QList<HistoryEvent> &part : parts) {
        events.append(std::move(part));
        part = QList<HistoryEvent>(); // freed at once: the log is held about once
    }
    std::vector<qsizetype> bounds { 0 };
    for (qsizetype i = 1; i < events.size(); ++i) {
        if (historyEventLess(events.at(i), events.at(i - 1)))
            bounds.push_back(i);
    }
    bounds.push_back(events.size());
    while (bounds.size() > 2) {
        std::vector<qsizetype> merged { 0 };
        std::size_t run = 0;
        for (; run + 2 < bounds.size(); run += 2) {
            const auto middle = events.begin() + bounds[run + 1];
            // Only the overlap moves: what precedes the second run's first event, and what follows the
            // first run's last, stay (equal events of the first run stay first).
            const auto first = std::upper_bound(events.begin() + bounds[run], middle, *middle, historyEventLess);
            const auto last
                = std::lower_bound(middle, events.begin() + bounds[run + 2], *(middle - 1), historyEventLess);
            std::inplace_merge(first, middle, last, historyEventLess);
            merged.push_back(bounds[run + 2]);
        }
        if (run + 1 < bounds.size())
            merged.push_back(bounds.back()); // an odd run left over: merged in the next pass
        bounds = std::move(merged);
    }
    return events;
}

} // namespace

HistoryTail::HistoryTail(qsizetype maxFileBytes)
    : m_maxFileBytes(maxFileBytes)
{ }

Result<HistoryUpdate> HistoryTail::refresh(ClusterDirectory &directory)
{
    const bool first = !m_started;
    m_started = true;
    bool startOver = false;
    Result<HistoryUpdate> update = pass(directory, &startOver);
    if (update && startOver) {
        m_writers.clear();
        update = pass(directory, &startOver);
    }
    if (update && (first || startOver))
        update.value().reset = true;
    return update;
}

Result<HistoryUpdate> HistoryTail::pass(ClusterDirectory &directory, bool *startOver)
{
    const Result<QStringList> names = directory.list(historyFolder());
    if (!names)
        return Error(QStringLiteral("Could not list %1 in %2 (%3); check that the directory is mounted and readable")
                         .arg(historyFolder(), directory.describe(), names.error()));

    HistoryUpdate update;
    QMap<QString, Files> found;
    for (const QString &name : *names) {
        const std::optional<HistoryFileName> parsed = parseHistoryFileName(name);
        if (!parsed) {
            if (!m_reportedNames.contains(name)) {
                m_reportedNames.insert(name);
                update.problems.append(QStringLiteral("%1/%2: not a history file (<writer>.jsonl or <writer>.jsonl.1, "
                                                      "the writer a node name or user@host); ignored")
                                           .arg(historyFolder(), name));
            }
            continue;
        }
        Files &files = found[parsed->writer];
        (parsed->rotated ? files.rotated : files.current) = true;
    }

    for (auto it = m_writers.constBegin(); it != m_writers.constEnd(); ++it) {
        if (!found.contains(it.key())) {
            *startOver = true; // a writer's files vanished: its events leave the log
            return update;
        }
    }
    HistoryTextPool pool;
    std::vector<QList<HistoryEvent>> parts;
    for (auto it = found.constBegin(); it != found.constEnd(); ++it) {
        if (refreshWriter(directory, it.key(), it.value(), m_writers[it.key()], update, parts, pool)
            == Step::StartOver) {
            *startOver = true;
            return update;
        }
    }
    update.events = mergeParts(std::move(parts));
    return update;
}

std::optional<QByteArray> HistoryTail::readCapped(
    ClusterDirectory &directory, const QString &path, qint64 size, HistoryUpdate &update) const
{
    if (size > m_maxFileBytes) {
        update.problems.append(QStringLiteral("%1: %2 bytes, more than the %3 a history file may have; not read — "
                                              "writers rotate long before that, so move this file out of %4")
                                   .arg(path)
                                   .arg(size)
                                   .arg(m_maxFileBytes)
                                   .arg(historyFolder()));
        return std::nullopt;
    }
    const FileRead read = directory.readFile(path, m_maxFileBytes);
    if (read.outcome == IoOutcome::Absent)
        return QByteArray(); // renamed away since it was listed (a rotation)
    if (!read.ok()) {
        update.problems.append(QStringLiteral("%1: could not be read (%2: %3); its events appear once it can be read")
                                   .arg(path, ioOutcomeName(read.outcome), read.error));
        return std::nullopt;
    }
    return read.bytes;
}

std::optional<QByteArray> HistoryTail::readHead(
    ClusterDirectory &directory, const QString &path, qint64 size, HistoryUpdate &update) const
{
    const FileRead read = directory.readPrefix(path, kHeadBytes);
    if (read.ok())
        return read.bytes.left(kHeadBytes);
    // A directory that cannot read part of a file fails a longer one (ClusterDirectory::readPrefix).
    const std::optional<QByteArray> whole = readCapped(directory, path, size, update);
    return whole ? std::optional<QByteArray>(whole->left(kHeadBytes)) : std::nullopt;
}

HistoryTail::Step HistoryTail::refreshWriter(ClusterDirectory &directory, const QString &writer, Files files,
    WriterState &state, HistoryUpdate &update, std::vector<QList<HistoryEvent>> &parts, HistoryTextPool &pool)
{
    const QString currentPath = historyFilePath(writer);
    const QString rotatedPath = historyRotatedFilePath(writer);
    const auto sizeOf = [&](const QString &path, bool exists) -> std::optional<qint64> {
        if (!exists)
            return qint64(-1);
        const Result<qint64> size = directory.fileSize(path);
        if (size)
            return *size;
        update.problems.append(QStringLiteral("%1: could not be read (%2); its events appear once it can be read")
                                   .arg(path, size.error()));
        return std::nullopt;
    };
    const std::optional<qint64> currentSize = sizeOf(currentPath, files.current);
    const std::optional<qint64> rotatedSize = currentSize ? sizeOf(rotatedPath, files.rotated) : std::nullopt;
    if (!currentSize || !rotatedSize)
        return Step::Done;

    const bool fresh = !state.seen;
    // With nothing of the current file to recognise it by (absent or empty when last read), a rotation
    // that left the .1 file as long as before shows only in the .1 file's first bytes.
    bool rotatedAway = false;
    if (!fresh && state.head.isEmpty() && files.rotated && *rotatedSize == state.rotatedSize) {
        const std::optional<QByteArray> head = readHead(directory, rotatedPath, *rotatedSize, update);
        if (!head)
            return Step::Done;
        rotatedAway = *head != state.rotatedHead;
    }
    if (!rotatedAway && !fresh && *currentSize == state.currentSize && *rotatedSize == state.rotatedSize)
        return Step::Done;

    QByteArray current;
    if (files.current) {
        std::optional<QByteArray> bytes = readCapped(directory, currentPath, *currentSize, update);
        if (!bytes)
            return Step::Done;
        current = std::move(*bytes);
    }
    // A rotation renamed the file consumed so far to .1: finish it there, then read the new file whole.
    rotatedAway = rotatedAway
        || (!fresh
            && (*rotatedSize != state.rotatedSize || !current.startsWith(state.head)
                || current.size() < state.consumed));
    QByteArray rotated;
    qint64 rotatedReadSize = state.rotatedSize;
    QByteArray rotatedHead = state.rotatedHead;
    if (fresh || rotatedAway) {
        if (files.rotated) {
            std::optional<QByteArray> bytes = readCapped(directory, rotatedPath, *rotatedSize, update);
            if (!bytes)
                return Step::Done;
            rotated = std::move(*bytes);
            rotatedReadSize = rotated.size();
            rotatedHead = rotated.left(kHeadBytes);
        } else {
            rotatedReadSize = -1;
            rotatedHead.clear();
        }
        if (rotatedAway && (!files.rotated || !rotated.startsWith(state.head) || rotated.size() < state.consumed))
            return Step::StartOver; // not the file we were reading: two rotations, or edited by hand
        HistoryChunk chunk
            = parseHistoryLines(rotated, fresh ? 0 : state.consumed, fresh ? 1 : state.lines + 1, rotatedPath, &pool);
        parts.push_back(std::move(chunk.events));
        update.problems.append(std::move(chunk.problems));
    }

    const bool fromStart = fresh || rotatedAway;
    const qint64 firstLine = fromStart ? 1 : state.lines + 1;
    HistoryChunk chunk = parseHistoryLines(current, fromStart ? 0 : state.consumed, firstLine, currentPath, &pool);
    parts.push_back(std::move(chunk.events));
    update.problems.append(std::move(chunk.problems));

    state.seen = true;
    state.currentSize = files.current ? current.size() : -1;
    state.consumed = chunk.consumed;
    state.lines = firstLine - 1 + chunk.lines;
    state.head = current.left(kHeadBytes);
    state.rotatedSize = rotatedReadSize;
    state.rotatedHead = rotatedHead;
    return Step::Done;
}

} // namespace hacmp
