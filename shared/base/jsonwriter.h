#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <string>

namespace hacmp {

/// Writes one compact JSON object straight into bytes, in the order fields are added. The heartbeat
/// record is written every interval on every node; building a QJsonObject for it costs ten times more.
class JsonWriter final
{
public:
    JsonWriter();

    JsonWriter &field(const char *key, const QString &value);
    JsonWriter &field(const char *key, std::int64_t value);
    JsonWriter &field(const char *key, bool value);
    JsonWriter &field(const char *key, const QList<std::int64_t> &values);
    JsonWriter &nullField(const char *key);
    /// Opens a nested object under key; close it with end().
    JsonWriter &object(const char *key);
    JsonWriter &end();

    /// The finished text; every opened object must have been closed.
    const std::string &finish();

private:
    void key(const char *name);
    void string(const QString &value);

    std::string m_out;
    bool m_first = true;
};

} // namespace hacmp
