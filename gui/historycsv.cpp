#include "gui/historycsv.h"

namespace hacmp::console {

namespace {

void appendField(QByteArray &out, const QString &field)
{
    const QByteArray bytes = field.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        QByteArray quoted = bytes;
        quoted.replace('"', "\"\"");
        out.append('"').append(quoted).append('"');
    } else {
        out.append(bytes);
    }
}

} // namespace

QByteArray historyCsv(const QList<HistoryEvent> &events)
{
    QByteArray out("time_utc,writer,seq,epoch,event,node,detail\r\n");
    for (const HistoryEvent &event : events) {
        appendField(out, event.time);
        out.append(',');
        appendField(out, event.writer);
        out.append(',').append(QByteArray::number(event.seq)).append(',').append(QByteArray::number(event.epoch));
        out.append(',');
        appendField(out, event.event);
        out.append(',');
        appendField(out, event.node);
        out.append(',');
        appendField(out, event.detail);
        out.append("\r\n");
    }
    return out;
}

} // namespace hacmp::console
