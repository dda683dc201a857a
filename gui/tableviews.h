#pragma once

#include <QString>

class QTableView;
class QWidget;

namespace hacmp::console {

/// A table view as the console's panes show them: whole rows selected one at a time, alternating colours,
/// fixed row heights (no measuring of 200 000 history rows), no row numbers.
QTableView *makeTable(QWidget *parent);

/// Makes column wide enough for sample in the view's font, with some padding.
void fitColumn(QTableView *view, int column, const QString &sample);

} // namespace hacmp::console
