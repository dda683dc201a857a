#include "agent/ctl/texttable.h"

namespace hacmp::ctl {

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{ }

void TextTable::addRow(const QList<Cell> &cells)
{
    Q_ASSERT(cells.size() == m_headers.size());
    m_rows.append(cells);
}

QStringList TextTable::render(const TerminalStyle &style) const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QList<Cell> &row : m_rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths.at(i), row.at(i).text.size());
    }
    const auto line = [&](const QList<Cell> &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const Cell &cell = cells.at(i);
            text += cell.text.isEmpty() ? cell.text : style.paint(cell.text, cell.tone);
            if (i + 1 < cells.size())
                text += QString(widths.at(i) + 2 - cell.text.size(), QLatin1Char(' '));
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text;
    };
    QList<Cell> headerCells;
    for (const QString &header : m_headers)
        headerCells.append({ header, Tone::Plain });
    QStringList lines { line(headerCells) };
    for (const QList<Cell> &row : m_rows)
        lines.append(line(row));
    return lines;
}

} // namespace hacmp::ctl
