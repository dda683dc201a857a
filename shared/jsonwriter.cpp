#include "jsonwriter.h"

namespace hacmp {

JsonWriter::JsonWriter()
{
    m_out.reserve(512);
    m_out.append('{');
}

void JsonWriter::key(const char *name)
{
    if (!m_first)
        m_out.append(',');
    m_first = false;
    m_out.append('"').append(name).append("\":");
}

void JsonWriter::string(const QString &value)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const QByteArray utf8 = value.toUtf8();
    m_out.append('"');
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            m_out.append('\\').append(c);
        } else if (byte < 0x20) {
            m_out.append("\\u00").append(kHex[byte >> 4]).append(kHex[byte & 0xF]);
        } else {
            m_out.append(c);
        }
    }
    m_out.append('"');
}

JsonWriter &JsonWriter::field(const char *name, const QString &value)
{
    key(name);
    string(value);
    return *this;
}

JsonWriter &JsonWriter::field(const char *name, std::int64_t value)
{
    key(name);
    m_out.append(QByteArray::number(qint64(value)));
    return *this;
}

JsonWriter &JsonWriter::field(const char *name, bool value)
{
    key(name);
    m_out.append(value ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::nullField(const char *name)
{
    key(name);
    m_out.append("null");
    return *this;
}

JsonWriter &JsonWriter::object(const char *name)
{
    key(name);
    m_out.append('{');
    m_first = true;
    return *this;
}

JsonWriter &JsonWriter::end()
{
    m_out.append('}');
    m_first = false;
    return *this;
}

QByteArray JsonWriter::take()
{
    m_out.append('}');
    return std::move(m_out);
}

} // namespace hacmp
