#include "gui/clusterassessor.h"
#include "gui/consoleresources.h"
#include "gui/mainwindow.h"
#include "gui/nodetablemodel.h"
#include "gui/translations.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace hacmp;
using namespace hacmp::console;

namespace {

/// One message of a .ts file.
struct Message
{
    QString context;
    QString source;
    QStringList translations; ///< one, or the numerus forms
    bool unfinished = false;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            current = Message { context, QString(), {}, false };
        } else if (xml.name() == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            current.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished")
                || xml.attributes().value(QLatin1String("type")) == QLatin1String("obsolete")
                || xml.attributes().value(QLatin1String("type")) == QLatin1String("vanished");
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!text.trimmed().isEmpty() && current.translations.isEmpty())
                current.translations.append(text);
            messages.append(current);
        } else if (xml.name() == QLatin1String("numerusform")) {
            messages.last().translations.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

/// The %1, %2, %n markers of a text, sorted.
QStringList markers(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

QString tsPath(const QString &language)
{
    return QStringLiteral(HACMP_SOURCE_DIR "/translations/hacmp_%1.ts").arg(language);
}

} // namespace

/// The Swedish and German translations are complete and correct in form, load, and switch a running window.
class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void tsFilesCoverEverySourceString();
    void languagesAreFound();
    void translationsLoadAndSwitch();

private:
    std::unique_ptr<Translations> m_translations;
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    initResources();
    m_translations = std::make_unique<Translations>(QStringLiteral(HACMP_CONSOLE_QM_DIR));
}

void TestTranslations::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("Swedish") << QStringLiteral("sv");
    QTest::newRow("German") << QStringLiteral("de");
}

void TestTranslations::tsFilesAreComplete()
{
    QFETCH(QString, language);
    QString error;
    const QList<Message> messages = readTs(tsPath(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 200);
    for (const Message &message : messages) {
        const QString where = QStringLiteral("%1: \"%2\"").arg(message.context, message.source);
        QVERIFY2(!message.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
        QVERIFY2(!message.translations.isEmpty(), qPrintable(QStringLiteral("not translated: ") + where));
        for (const QString &translation : message.translations) {
            QVERIFY2(!translation.trimmed().isEmpty(), qPrintable(QStringLiteral("empty form: ") + where));
            QCOMPARE(markers(translation), markers(message.source));
            // A mnemonic in the source has one in the translation (keyboard users need it).
            const bool sourceMnemonic = message.source.contains(QRegularExpression(QStringLiteral("&[^&\\s]")));
            const bool translatedMnemonic = translation.contains(QRegularExpression(QStringLiteral("&[^&\\s]")));
            QVERIFY2(sourceMnemonic == translatedMnemonic, qPrintable(QStringLiteral("mnemonic: ") + where));
        }
    }
}

void TestTranslations::tsFilesCoverEverySourceString()
{
    const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    if (!QFile::exists(lupdate))
        HACMP_MISSING_PREREQUISITE(QStringLiteral("lupdate is not installed (qt6-l10n-tools)"));
    QTemporaryDir temp;
    const QString copy = temp.filePath(QStringLiteral("hacmp_sv.ts"));
    QVERIFY(QFile::copy(tsPath(QStringLiteral("sv")), copy));
    QStringList arguments { QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
        QStringLiteral("-silent"), QStringLiteral("-I"), QStringLiteral(HACMP_SOURCE_DIR) };
    const QDir gui(QStringLiteral(HACMP_SOURCE_DIR "/gui"));
    for (const QString &file : gui.entryList({ QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files))
        arguments.append(gui.filePath(file));
    arguments << QStringLiteral("-ts") << copy;
    QCOMPARE(QProcess::execute(lupdate, arguments), 0);
    QString error;
    const QList<Message> messages = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(messages.size(), readTs(tsPath(QStringLiteral("sv")), &error).size());
    for (const Message &message : messages)
        QVERIFY2(!message.unfinished,
            qPrintable(QStringLiteral("the source has a string the .ts files lack (run lupdate, then translate): ")
                + message.source));
}

void TestTranslations::languagesAreFound()
{
    QCOMPARE(
        m_translations->languages(), QStringList({ QStringLiteral("de"), QStringLiteral("en"), QStringLiteral("sv") }));
    QCOMPARE(Translations::nativeName(QStringLiteral("sv")), QStringLiteral("Svenska"));
    QCOMPARE(Translations::nativeName(QStringLiteral("de")), QStringLiteral("Deutsch"));
    QVERIFY(!m_translations->use(QStringLiteral("xx")));
    QCOMPARE(m_translations->current(), QStringLiteral("en"));
}

void TestTranslations::translationsLoadAndSwitch()
{
    MainWindow window(m_translations.get(), Timing::fast(), MonoClock(monotonicNow));
    QCOMPARE(window.maintenanceButton()->text(), QStringLiteral("Turn Maintenance On…"));

    QVERIFY(m_translations->use(QStringLiteral("sv")));
    QCOMPARE(m_translations->current(), QStringLiteral("sv"));
    QCOMPARE(clusterStateLabel(ClusterState::Degraded), QStringLiteral("FÖRSÄMRAT"));
    QCoreApplication::sendPostedEvents();
    QCOMPARE(window.maintenanceButton()->text(), QStringLiteral("Slå på underhåll…"));
    // Q_DECLARE_TR_FUNCTIONS contexts are found too.
    ClusterAssessor assessor(QStringLiteral("/x"), Timing::defaults());
    PollResult failed;
    const ClusterSnapshot &snapshot = assessor.apply(failed, Millis(1));
    QVERIFY2(snapshot.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("kan inte läsas")),
        qPrintable(snapshot.reasons.join(QLatin1Char(' '))));

    QVERIFY(m_translations->use(QStringLiteral("de")));
    QCoreApplication::sendPostedEvents();
    QCOMPARE(window.maintenanceButton()->text(), QStringLiteral("Wartung einschalten…"));
    QCOMPARE(window.nodeModel()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Heartbeat"));
    QCOMPARE(window.nodeModel()->headerData(5, Qt::Horizontal).toString(), QStringLiteral("Alter"));

    QVERIFY(m_translations->use(QStringLiteral("en")));
    QCoreApplication::sendPostedEvents();
    QCOMPARE(window.maintenanceButton()->text(), QStringLiteral("Turn Maintenance On…"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
