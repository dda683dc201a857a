// History lines (shared/history/historyevent.h) as the agents and hacmpctl of every host append them, torn writes and
// hand edits included. Invariants: a line that decodes encodes to one line that decodes to the same event;
// a file parsed in two steps (the console's tail continuing where it stopped, at a point the first byte
// chooses) gives exactly what one pass gives, and a pass stops only at the end of a line.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/history/historyevent.h"

using namespace hacmp;

namespace {

const QString kPath = QStringLiteral("history/alpha.jsonl");

void checkLine(QByteArrayView line)
{
    const std::optional<HistoryEvent> event = decodeHistoryLine(line);
    if (!event)
        return;
    const QByteArray encoded = encodeHistoryLine(*event);
    FUZZ_CHECK(encoded.endsWith('\n') && encoded.count('\n') == 1);
    FUZZ_CHECK(decodeHistoryLine(encoded) == event);
}

void checkChunk(QByteArrayView bytes, const HistoryChunk &chunk, qsizetype from)
{
    FUZZ_CHECK(chunk.consumed >= from && chunk.consumed <= bytes.size());
    FUZZ_CHECK(chunk.consumed == from || bytes[chunk.consumed - 1] == '\n');
    FUZZ_CHECK(chunk.lines == bytes.sliced(from, chunk.consumed - from).count('\n'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes = fuzz::bytesOf(data, size);
    checkLine(bytes);

    const HistoryChunk whole = parseHistoryLines(bytes, 0, 1, kPath);
    checkChunk(bytes, whole, 0);
    const qsizetype split = bytes.isEmpty() ? 0 : data[0] % (bytes.size() + 1);
    const HistoryChunk first = parseHistoryLines(bytes.first(split), 0, 1, kPath);
    checkChunk(bytes.first(split), first, 0);
    const HistoryChunk rest = parseHistoryLines(bytes, first.consumed, first.lines + 1, kPath);
    checkChunk(bytes, rest, first.consumed);
    FUZZ_CHECK(first.events + rest.events == whole.events);
    FUZZ_CHECK(first.problems + rest.problems == whole.problems);
    FUZZ_CHECK(rest.consumed == whole.consumed && first.lines + rest.lines == whole.lines);
    return 0;
}
