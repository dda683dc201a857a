#pragma once

#include "shared/base/result.h"
#include "shared/protocol/election.h"

#include <QString>

namespace hacmp::agent {

/// The Election's high-water marks (LocalMarks) in a small JSON file of the local state directory,
/// <state_directory>/<node>.marks.json. They must survive a crash of the host: seq rises across
/// incarnations and an epoch is persisted before it is written (R1), so save() returns only once the
/// new content is durable (temporary file, fsync, rename, fsync of the folder).
class LocalMarksStore final
{
public:
    LocalMarksStore(QString stateDirectory, QString node);

    /// The marks saved last; zero marks when the file does not exist yet (the node's first start).
    /// An error names the file when it exists but cannot be read or parsed.
    Result<LocalMarks> load() const;
    Status save(const LocalMarks &marks) const;

    const QString &path() const { return m_path; }

private:
    QString m_folder;
    QString m_node;
    QString m_path;
};

} // namespace hacmp::agent
