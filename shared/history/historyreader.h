#pragma once

#include "shared/base/result.h"
#include "shared/history/historyevent.h"
#include "shared/history/historytail.h"
#include "shared/storage/clusterdirectory.h"

namespace hacmp {

/// Which events a reader keeps; empty fields keep everything.
struct HistoryFilter
{
    QString since; ///< UTC ISO 8601; events at or after it (compared as text, like the sort)
    QString node; ///< events about this node

    bool matches(const HistoryEvent &event) const;
};

/// The merged history and what had to be skipped to read it.
struct HistoryRead
{
    QList<HistoryEvent> events; ///< sorted by (time, writer, seq)
    QStringList problems; ///< unparsable lines in the middle of a file, unreadable or ignored files
};

/// Reads the whole history log once (hacmpctl history): every writer's .jsonl.1 and .jsonl, merged in
/// time order. A torn last line of a file is skipped silently, any other unparsable line is skipped
/// and reported. For repeated reads (the console) use HistoryTail.
class HistoryReader final
{
public:
    explicit HistoryReader(qsizetype maxFileBytes = HistoryTail::kDefaultMaxFileBytes);

    /// Fails only when the history folder cannot be listed.
    Result<HistoryRead> readAll(ClusterDirectory &directory, const HistoryFilter &filter = {}) const;

private:
    qsizetype m_maxFileBytes;
};

} // namespace hacmp
