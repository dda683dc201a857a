#include "shared/history/historyreader.h"

namespace hacmp {

bool HistoryFilter::matches(const HistoryEvent &event) const
{
    return (since.isEmpty() || event.time >= since) && (node.isEmpty() || event.node == node);
}

HistoryReader::HistoryReader(qsizetype maxFileBytes)
    : m_maxFileBytes(maxFileBytes)
{ }

Result<HistoryRead> HistoryReader::readAll(ClusterDirectory &directory, const HistoryFilter &filter) const
{
    HistoryTail tail(m_maxFileBytes);
    Result<HistoryUpdate> update = tail.refresh(directory);
    if (!update)
        return Error(update.error());
    HistoryRead read;
    read.problems = std::move(update.value().problems);
    for (HistoryEvent &event : update.value().events) {
        if (filter.matches(event))
            read.events.append(std::move(event));
    }
    return read;
}

} // namespace hacmp
