// The splitter of the commands an operator writes in the configuration (shared/config/commandline.h: [application]
// start, stop, check, [notify] command). Invariant: what splits joins again to a text that splits to the same
// arguments.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/config/commandline.h"

using namespace hacmp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Result<QStringList> arguments = splitCommandLine(QString::fromUtf8(fuzz::bytesOf(data, size)));
    if (!arguments)
        return 0;
    const Result<QStringList> again = splitCommandLine(joinCommandLine(*arguments));
    FUZZ_CHECK(again);
    FUZZ_CHECK(*again == *arguments);
    return 0;
}
