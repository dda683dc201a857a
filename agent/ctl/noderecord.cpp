#include "agent/ctl/noderecord.h"

#include "shared/protocol/recordcodec.h"

namespace hacmp::ctl {

std::optional<HeartbeatRecord> readNodeRecord(ClusterDirectory &directory, const QString &node)
{
    const FileRead read = directory.readFile(QStringLiteral("nodes/%1.hb").arg(node), kRecordFileSize);
    if (!read.ok())
        return std::nullopt;
    const RecordDecode decoded = decodeRecordFile(read.bytes, node);
    if (decoded.kind != RecordKind::Valid)
        return std::nullopt;
    return decoded.record;
}

} // namespace hacmp::ctl
