#pragma once

#include "agent/ctl/terminalstyle.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hacmp::ctl {

/// A table of text in aligned columns for a terminal, with an optional tone per cell: cells are padded
/// before they are coloured, so escape sequences never disturb the alignment.
class TextTable final
{
public:
    struct Cell
    {
        QString text;
        Tone tone = Tone::Plain;
    };

    explicit TextTable(QStringList headers);

    void addRow(const QList<Cell> &cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    /// The lines of the table (headers first), two spaces between columns, no trailing spaces.
    QStringList render(const TerminalStyle &style) const;

private:
    QStringList m_headers;
    QList<QList<Cell>> m_rows;
};

} // namespace hacmp::ctl
