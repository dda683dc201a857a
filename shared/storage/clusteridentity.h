#pragma once

#include "shared/base/result.h"
#include "shared/storage/fsclusterdirectory.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

namespace hacmp {

// The identity file `cluster` of a shared directory, made once by `hacmpctl init` (docs/protocol.md rule (D)):
// {"format":1,"cluster":"<name>","created":"<UTC ISO 8601>"}. Agents and tools check it before they
// trust a directory, so that an unmounted path (an empty local folder) or another cluster's directory
// is an error, never a fresh cluster.

/// The format of the `cluster` file this version writes and reads.
inline constexpr int kClusterFormat = 1;

/// A `cluster` file larger than this is damaged.
inline constexpr qsizetype kMaxClusterFileBytes = 64 * 1024;

/// The name of the identity file at the top of the shared directory.
QString clusterFileName();

/// The folders `hacmpctl init` makes (setgid, so that the hacmp group owns what is written there).
QStringList clusterFolders();

/// Whether name is a valid cluster name: [A-Za-z0-9][A-Za-z0-9._-]{0,62}, like node names.
bool isValidClusterName(const QString &name);

/// The content of the `cluster` file for clusterName, created at created (in UTC).
QByteArray encodeClusterIdentity(const QString &clusterName, const QDateTime &created);

/// The cluster name in the content of a `cluster` file; fileDescription names the file in errors.
Result<QString> parseClusterIdentity(const QByteArray &bytes, const QString &fileDescription);

/// Makes path (an existing directory, normally the mount point of the shared storage) the directory
/// of cluster clusterName: the folders nodes/, standby/, history/ and clear/ (mode 02775) and then the file
/// `cluster`. Idempotent for the same name (creates only what is missing); an error when the
/// directory belongs to another cluster. When report is given, it receives one line per thing done,
/// for people.
Status initClusterDirectory(const QString &path, const QString &clusterName, QStringList *report = nullptr);

/// Opens the directory of cluster expectedCluster (rule (D)): an error unless its `cluster` file
/// names that cluster.
Result<std::unique_ptr<FsClusterDirectory>> openCluster(const QString &path, const QString &expectedCluster);

/// The name in the `cluster` file of directory, for tools that do not know it.
Result<QString> readClusterName(ClusterDirectory &directory);

} // namespace hacmp
