#pragma once

#include <QString>

namespace hacmp {

/// The longest node name: 63 characters.
inline constexpr qsizetype kMaxNodeNameLength = 63;

/// Whether name is a node name of docs/protocol.md: `[A-Za-z0-9][A-Za-z0-9._-]{0,62}`. Only such names
/// are ever turned into paths of the shared directory.
bool isValidNodeName(const QString &name);

/// A message saying why name is not a valid node name and what a valid one looks like; empty when
/// the name is valid.
QString nodeNameProblem(const QString &name);

} // namespace hacmp
