#include "gui/consoleoptions.h"
#include "gui/consoleresources.h"
#include "gui/directorypoll.h"
#include "gui/mainwindow.h"
#include "gui/translations.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

constexpr int kScreenshotWidth = 1280;
constexpr int kScreenshotHeight = 880;
/// How long --screenshot waits for the first snapshot before it gives up.
constexpr int kScreenshotDeadlineMs = 30000;

int fail(const QString &message, int status)
{
    std::fprintf(stderr, "hacmp-console: %s\n", qUtf8Printable(message));
    return status;
}

} // namespace

int main(int argc, char *argv[])
{
    // --screenshot renders offscreen, and --help and --version need no display: the platform must be chosen
    // before QApplication exists.
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "--screenshot" || argument.startsWith("--screenshot=") || argument == "--help"
            || argument == "-h" || argument == "--version" || argument == "-v") {
            if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("hacmp"));
    QApplication::setApplicationName(QStringLiteral("hacmp-console"));
    QApplication::setApplicationVersion(QStringLiteral(HACMP_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("hacmp-console"));
    hacmp::console::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hacmp-console.svg")));

    // The language is chosen before the command line is parsed, so that --help speaks it too.
    hacmp::console::Translations translations;
    translations.use(QSettings().value(QStringLiteral("language")).toString());
    const hacmp::Result<hacmp::console::ConsoleOptions> options
        = hacmp::console::ConsoleOptions::parse(QApplication::arguments(), QStringLiteral("/etc/hacmp/agent.conf"));
    if (!options)
        return fail(options.error(), 2);
    for (const QString &warning : options->warnings)
        fail(warning, 0);
    if (!options->language.isEmpty() && !translations.use(options->language))
        fail(QStringLiteral("no translation for language '%1' (available: %2); using English")
                 .arg(options->language, translations.languages().join(QStringLiteral(", "))),
            0);

    hacmp::console::MainWindow window(&translations, options->timing, hacmp::MonoClock(hacmp::monotonicNow));
    window.showTab(options->tab);
    hacmp::console::ClusterSource cluster = options->cluster;
    if (cluster.isEmpty() && options->screenshot.isEmpty()) {
        const QString recent = QSettings().value(QStringLiteral("recentDirectories")).toStringList().value(0);
        if (!recent.isEmpty())
            cluster = hacmp::console::ClusterSource::directory(recent);
    }
    if (!options->screenshot.isEmpty()) {
        if (cluster.isEmpty())
            return fail(QStringLiteral("--screenshot needs a cluster: give --dir DIR or --config FILE"), 2);
        window.resize(kScreenshotWidth, kScreenshotHeight);
        QObject::connect(&window, &hacmp::console::MainWindow::firstDataShown, &window, [&window, &options] {
            // One more turn of the event loop lets the views lay out what the models just got.
            QTimer::singleShot(200, &window, [&window, &options] {
                if (!window.grab().save(options->screenshot, "PNG")) {
                    fail(QStringLiteral("could not write the screenshot %1; check the folder exists and is "
                                        "writable")
                             .arg(options->screenshot),
                        0);
                    QApplication::exit(1);
                    return;
                }
                QApplication::exit(0);
            });
        });
        QTimer::singleShot(kScreenshotDeadlineMs, &window, [] {
            fail(QStringLiteral("no snapshot of the cluster within %1 s; no screenshot written")
                     .arg(kScreenshotDeadlineMs / 1000),
                0);
            QApplication::exit(1);
        });
    }
    if (!cluster.isEmpty())
        window.openCluster(cluster);
    window.show();
    return QApplication::exec();
}
