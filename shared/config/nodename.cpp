#include "shared/config/nodename.h"

namespace hacmp {

namespace {

constexpr qsizetype kMaxQuotedLength = 80;

bool isAsciiAlphanumeric(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

bool isValidNodeName(const QString &name)
{
    if (name.isEmpty() || name.size() > kMaxNodeNameLength)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        if (isAsciiAlphanumeric(c))
            continue;
        if (i > 0 && (c == u'.' || c == u'_' || c == u'-'))
            continue;
        return false;
    }
    return true;
}

QString nodeNameProblem(const QString &name)
{
    if (isValidNodeName(name))
        return {};
    const QString shown = name.size() > kMaxQuotedLength ? name.left(kMaxQuotedLength) + QStringLiteral("...") : name;
    return QStringLiteral("node name '%1' is not valid: use 1 to 63 letters, digits, '.', '_' or '-', starting with "
                          "a letter or digit")
        .arg(shown);
}

} // namespace hacmp
