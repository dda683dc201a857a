#include "shared/config/duration.h"

#include <array>
#include <cstdint>

namespace hacmp {

namespace {

struct Unit
{
    const char *name;
    std::int64_t millis;
};

// Ordered from the smallest to the largest unit.
constexpr std::array<Unit, 4> kUnits { { { "ms", 1 }, { "s", 1000 }, { "m", 60 * 1000 }, { "h", 60 * 60 * 1000 } } };

QString expectedForm()
{
    return QStringLiteral("expected a non-negative number followed by a unit ms, s, m or h, such as 250ms, 10s, "
                          "1.5s, 2m or 1h");
}

Error badDuration(const QString &text, const QString &why)
{
    return Error(QStringLiteral("\"%1\" is not a valid duration (%2); %3").arg(text, why, expectedForm()));
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Appends the decimal digits of text to value; false on overflow.
bool accumulate(const QString &digits, std::int64_t &value)
{
    for (QChar c : digits) {
        if (__builtin_mul_overflow(value, std::int64_t(10), &value)
            || __builtin_add_overflow(value, std::int64_t(c.unicode() - u'0'), &value))
            return false;
    }
    return true;
}

} // namespace

Result<Millis> parseDuration(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return badDuration(text, QStringLiteral("it is empty"));
    if (trimmed.startsWith(QLatin1Char('-')))
        return badDuration(text, QStringLiteral("it is negative"));

    qsizetype pos = 0;
    while (pos < trimmed.size() && isDigit(trimmed.at(pos)))
        ++pos;
    const QString integerDigits = trimmed.left(pos);
    QString fractionDigits;
    if (integerDigits.isEmpty())
        return badDuration(text, QStringLiteral("it does not start with a number"));
    if (pos < trimmed.size() && trimmed.at(pos) == QLatin1Char('.')) {
        const qsizetype start = ++pos;
        while (pos < trimmed.size() && isDigit(trimmed.at(pos)))
            ++pos;
        fractionDigits = trimmed.mid(start, pos - start);
        if (fractionDigits.isEmpty())
            return badDuration(text, QStringLiteral("no digits after the decimal point"));
    }
    const QString unitText = trimmed.mid(pos).trimmed();
    if (unitText.isEmpty())
        return badDuration(text, QStringLiteral("the unit is missing"));

    const Unit *unit = nullptr;
    for (const Unit &candidate : kUnits) {
        if (unitText == QLatin1String(candidate.name))
            unit = &candidate;
    }
    if (!unit)
        return badDuration(text, QStringLiteral("unknown unit \"%1\"").arg(unitText));

    while (fractionDigits.endsWith(QLatin1Char('0')))
        fractionDigits.chop(1);

    const Error tooLarge = badDuration(text, QStringLiteral("it is too large"));
    std::int64_t integer = 0;
    if (!accumulate(integerDigits, integer))
        return tooLarge;
    std::int64_t millis = 0;
    if (__builtin_mul_overflow(integer, unit->millis, &millis))
        return tooLarge;

    if (!fractionDigits.isEmpty()) {
        // The largest unit has 7 digits, so a fraction with more significant digits is never whole milliseconds.
        if (fractionDigits.size() > 7)
            return badDuration(text, QStringLiteral("it is not a whole number of milliseconds"));
        std::int64_t fraction = 0;
        accumulate(fractionDigits, fraction);
        std::int64_t scale = 1;
        for (qsizetype i = 0; i < fractionDigits.size(); ++i)
            scale *= 10;
        const std::int64_t scaled = fraction * unit->millis; // < 10^7 · 3.6·10^6: no overflow
        if (scaled % scale != 0)
            return badDuration(text, QStringLiteral("it is not a whole number of milliseconds"));
        if (__builtin_add_overflow(millis, scaled / scale, &millis))
            return tooLarge;
    }
    return Millis(millis);
}

QString formatDuration(Millis duration)
{
    const std::int64_t value = duration.count();
    if (value < 0) {
        if (value == std::numeric_limits<std::int64_t>::min())
            return QStringLiteral("-%1ms").arg(QString::number(value).mid(1));
        return QLatin1Char('-') + formatDuration(Millis(-value));
    }

    QString best = QString::number(value) + QLatin1String("ms");
    for (const Unit &unit : kUnits) {
        if (unit.millis == 1 || value < unit.millis)
            continue;
        const std::int64_t whole = value / unit.millis;
        std::int64_t remainder = value % unit.millis;
        QString fraction;
        // Decimal digits of remainder / unit.millis, while they end within 7 digits.
        for (int digits = 0; remainder != 0 && digits < 7; ++digits) {
            remainder *= 10;
            fraction += QChar(u'0' + int(remainder / unit.millis));
            remainder %= unit.millis;
        }
        if (remainder != 0)
            continue;
        QString candidate = QString::number(whole);
        if (!fraction.isEmpty())
            candidate += QLatin1Char('.') + fraction;
        candidate += QLatin1String(unit.name);
        if (candidate.size() < best.size())
            best = candidate;
    }
    return best;
}

} // namespace hacmp
