// The INI reader (shared/config/inifile.h) on configuration text an operator wrote. Invariants: parse() succeeds
// exactly when parsePartial() reports no error, and then holds the same entries; every entry is found again
// under its section and key (keys are unique in a section), with a trimmed value, on a line of the text, in
// file order.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/config/inifile.h"

using namespace hacmp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = fuzz::bytesOf(data, size).toByteArray();
    const QString path = QStringLiteral("/etc/hacmp/agent.conf");
    QStringList errors;
    const IniFile partial = IniFile::parsePartial(text, path, errors);
    const Result<IniFile> whole = IniFile::parse(text, path);
    FUZZ_CHECK(bool(whole) == errors.isEmpty());
    if (whole) {
        FUZZ_CHECK(whole->entries().size() == partial.entries().size());
        FUZZ_CHECK(whole->sections().size() == partial.sections().size());
    }
    const qsizetype lines = text.count('\n') + 1;
    int previousLine = 0;
    for (const IniEntry &entry : partial.entries()) {
        FUZZ_CHECK(!entry.key.isEmpty());
        FUZZ_CHECK(entry.value == entry.value.trimmed());
        FUZZ_CHECK(entry.line > previousLine && entry.line <= lines);
        FUZZ_CHECK(partial.find(entry.section, entry.key) == &entry);
        previousLine = entry.line;
    }
    return 0;
}
