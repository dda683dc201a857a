// The control files (shared/storage/controlfiles.h) that hacmpctl, the console or a hand edit leave in the shared
// directory: maintenance, standby/<node> and clear/<node> (notes) and switchover. Invariants: a file that
// was read is present whatever it holds, and says why when it cannot be used; a note or request that
// parses encodes again to a file that reads back the same.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/storage/controlfiles.h"

using namespace hacmp;

namespace {

FileRead readOf(QByteArrayView bytes)
{
    return FileRead { IoOutcome::Ok, bytes.toByteArray(), {} };
}

void checkNote(QByteArrayView bytes, const QString &path)
{
    const NoteRead read = interpretNote(readOf(bytes), path);
    FUZZ_CHECK(read.presence == Presence::Present);
    if (!read.note) {
        FUZZ_CHECK(!read.problem.isEmpty());
        return;
    }
    const NoteRead again = interpretNote(readOf(encodeNote(*read.note)), path);
    FUZZ_CHECK(again.note == read.note);
}

void checkSwitchover(QByteArrayView bytes)
{
    const SwitchoverRead read = interpretSwitchover(readOf(bytes), switchoverPath());
    FUZZ_CHECK(read.presence == Presence::Present);
    if (!read.request) {
        FUZZ_CHECK(!read.problem.isEmpty());
        return;
    }
    const SwitchoverRead again = interpretSwitchover(readOf(encodeSwitchover(*read.request)), switchoverPath());
    FUZZ_CHECK(again.request == read.request);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes = fuzz::bytesOf(data, size);
    const QString node = QStringLiteral("alpha");
    for (const QString &path : { maintenancePath(), standbyPath(node), clearPath(node) })
        checkNote(bytes, path);
    checkSwitchover(bytes);
    return 0;
}
