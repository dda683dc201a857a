#pragma once

#include "shared/history/historyevent.h"

#include <QByteArray>
#include <QList>

namespace hacmp::console {

/// The history as CSV (RFC 4180, UTF-8, a header line) with the protocol's fields: time (UTC), writer, seq,
/// epoch, event, node, detail; for spreadsheets and tickets.
QByteArray historyCsv(const QList<HistoryEvent> &events);

} // namespace hacmp::console
