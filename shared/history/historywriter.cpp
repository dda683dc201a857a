#include "shared/history/historywriter.h"

#include "shared/history/actor.h"

#include <QLoggingCategory>

namespace hacmp {

namespace {
Q_LOGGING_CATEGORY(lcHistoryWriter, "hacmp.history")
} // namespace

HistoryWriter::HistoryWriter(ClusterDirectory &directory, QString writer, qint64 rotateBytes)
    : m_directory(directory)
    , m_writer(std::move(writer))
    , m_path(historyFilePath(m_writer))
    , m_rotateBytes(rotateBytes)
{ }

Status HistoryWriter::validity() const
{
    if (isValidWriterName(m_writer))
        return {};
    return Error(QStringLiteral("History writer name '%1' is not valid: use a node name or user@host (letters, "
                                "digits, '.', '_', '-', each part starting with a letter or digit); nothing was "
                                "written to the history")
                     .arg(m_writer));
}

Status HistoryWriter::append(HistoryEvent event)
{
    if (const Status valid = validity(); !valid)
        return valid;
    event.writer = m_writer;
    event.seq = m_nextSeq++;
    if (event.time.isEmpty())
        event.time = utcNowIso();
    QByteArray line = encodeHistoryLine(event);

    const bool sizeKnown = m_size >= 0;
    if (!sizeKnown) {
        const Result<qint64> size = m_directory.fileSize(m_path);
        if (!size)
            return Error(QStringLiteral("Could not append to %1 in %2 (%3); check that the directory is mounted and "
                                        "writable")
                             .arg(m_path, m_directory.describe(), size.error()));
        m_size = *size;
    }
    if (m_size > 0 && m_size + line.size() > m_rotateBytes) {
        if (const Status rotated = rotate(); !rotated) {
            qCWarning(lcHistoryWriter, "%s", qUtf8Printable(rotated.error()));
            m_size = -1;
        }
    }
    // After a start or a failed append the file may end in a torn line; a newline ends it, so the
    // torn line cannot swallow this event (readers skip empty lines).
    if (!sizeKnown && m_size != 0)
        line.prepend('\n');

    const Status appended = m_directory.append(m_path, line);
    if (!appended) {
        m_size = -1;
        return Error(QStringLiteral("Could not append to %1 in %2 (%3); check that the directory is mounted and "
                                    "writable")
                         .arg(m_path, m_directory.describe(), appended.error()));
    }
    if (m_size >= 0)
        m_size += line.size();
    return {};
}

Status HistoryWriter::rotate()
{
    const QString rotatedPath = historyRotatedFilePath(m_writer);
    const Status renamed = m_directory.rename(m_path, rotatedPath);
    if (!renamed)
        return Error(QStringLiteral("Could not rotate %1 to %2 in %3 (%4); the file keeps growing until a rotation "
                                    "succeeds")
                         .arg(m_path, rotatedPath, m_directory.describe(), renamed.error()));
    m_size = 0;
    return {};
}

} // namespace hacmp
