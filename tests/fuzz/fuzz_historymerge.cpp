// The history merge (shared/history/historytail.h, historyreader.h, failoverlog.h): two writers append lines in
// pieces (so that a refresh sees torn lines), put in garbage lines and rotate their files, while the
// console's tail refreshes in between; the input chooses the steps, times, events and details.
// Invariants: the tail delivers no event twice and, at the end, every event that hacmpctl's one-shot
// reader finds; both come sorted; the failover log fed refresh by refresh equals one derived from
// everything at once.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/history/failoverlog.h"
#include "shared/history/historyreader.h"
#include "tests/support/memorydirectory.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>

using namespace hacmp;

namespace {

// Writers rotate as HistoryWriter does, at a size and between whole lines, and between two refreshes they
// append much less than that size (at the default 4 MB, far more than a writer writes between two refreshes
// of the console): the tail notices changes by file sizes, so a whole file written and rotated between two
// refreshes may go unnoticed when the sizes come out the same (the fuzzer found such schedules).
constexpr qsizetype kRotateBytes = 400;
constexpr qsizetype kMaxPiece = 50;
constexpr qsizetype kBytesBeforeRefresh = 100;

/// One writer's file and the bytes it has yet to append (a line is appended in pieces).
struct Writer
{
    QString name;
    quint64 seq = 0;
    QByteArray pending;
};

QString text(FuzzedDataProvider &input, std::size_t maxLength)
{
    return QString::fromStdString(input.ConsumeRandomLengthString(maxLength));
}

QByteArray nextLine(FuzzedDataProvider &input, Writer &writer, bool fileEmpty)
{
    // A garbage line never comes first in a file: the tail recognises a file by its first line.
    if (!fileEmpty && input.ConsumeBool())
        return QByteArray::fromStdString(input.ConsumeRandomLengthString(40)).replace('\n', ' ') + '\n';
    static const char *const kinds[] = { historyevents::RoleChange, historyevents::AppStart, historyevents::AppExit,
        historyevents::NodeDead, historyevents::AgentStart };
    static const char *const details[] = { "master of epoch ", "master -> standby: ", "standby -> candidate: ", "" };
    HistoryEvent event;
    event.time = QStringLiteral("2024-05-01T10:%1:%2.%3Z")
                     .arg(input.ConsumeIntegralInRange(0, 59), 2, 10, QLatin1Char('0'))
                     .arg(input.ConsumeIntegralInRange(0, 59), 2, 10, QLatin1Char('0'))
                     .arg(input.ConsumeIntegralInRange(0, 999), 3, 10, QLatin1Char('0'));
    event.writer = writer.name;
    event.seq = ++writer.seq;
    event.epoch = input.ConsumeIntegralInRange(0, 4);
    event.event = QLatin1String(input.PickValueInArray(kinds));
    event.node = input.ConsumeBool() ? QStringLiteral("alpha") : QStringLiteral("beta");
    event.detail = QLatin1String(input.PickValueInArray(details)) + text(input, 20);
    return encodeHistoryLine(event);
}

/// Appends a piece of the writer's next line and returns its size.
qsizetype append(FuzzedDataProvider &input, test::MemoryDirectory &directory, Writer &writer)
{
    const QString path = historyFilePath(writer.name);
    if (writer.pending.isEmpty())
        writer.pending = nextLine(input, writer, directory.contents(path).isEmpty());
    const qsizetype piece = input.ConsumeIntegralInRange<qsizetype>(1, std::min(writer.pending.size(), kMaxPiece));
    FUZZ_CHECK(directory.append(path, writer.pending.first(piece)));
    writer.pending.remove(0, piece);
    return piece;
}

void rotate(test::MemoryDirectory &directory, const Writer &writer)
{
    const QString path = historyFilePath(writer.name);
    if (writer.pending.isEmpty() && directory.contents(path).size() >= kRotateBytes)
        FUZZ_CHECK(directory.rename(path, historyRotatedFilePath(writer.name)));
}

bool sortedWithoutRepeats(const QList<HistoryEvent> &events)
{
    return std::adjacent_find(events.begin(), events.end(), [](const HistoryEvent &a, const HistoryEvent &b) {
        return !historyEventLess(a, b);
    }) == events.end();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzedDataProvider input(data, size);
    test::MemoryDirectory directory;
    Writer writers[] = { { QStringLiteral("alpha"), 0, {} }, { QStringLiteral("beta"), 0, {} } };
    HistoryTail tail;
    QList<HistoryEvent> seen;
    FailoverLog log;
    qsizetype bytesSinceRefresh = 0;
    const auto refresh = [&] {
        bytesSinceRefresh = 0;
        const Result<HistoryUpdate> update = tail.refresh(directory);
        if (!update)
            return; // no history folder yet
        FUZZ_CHECK(std::is_sorted(update->events.begin(), update->events.end(), historyEventLess));
        if (update->reset) {
            seen.clear();
            log.clear();
        }
        seen.append(update->events);
        log.add(update->events);
    };
    while (input.remaining_bytes() > 0) {
        Writer &writer = writers[input.ConsumeBool()];
        switch (input.ConsumeIntegralInRange(0, 3)) {
        case 0:
        case 1:
            if (bytesSinceRefresh >= kBytesBeforeRefresh)
                refresh();
            bytesSinceRefresh += append(input, directory, writer);
            break;
        case 2:
            rotate(directory, writer);
            break;
        default:
            refresh();
        }
    }
    refresh();
    std::sort(seen.begin(), seen.end(), historyEventLess);
    FUZZ_CHECK(sortedWithoutRepeats(seen));
    FUZZ_CHECK(log.changes() == FailoverLog::derive(seen));

    const Result<HistoryRead> all = HistoryReader().readAll(directory);
    if (all) {
        FUZZ_CHECK(sortedWithoutRepeats(all->events));
        FUZZ_CHECK(std::includes(seen.begin(), seen.end(), all->events.begin(), all->events.end(), historyEventLess));
    }
    return 0;
}
