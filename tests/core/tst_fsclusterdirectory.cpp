#include "shared/storage/fsclusterdirectory.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hacmp;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

bool writeDirectly(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray readDirectly(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

/// FsClusterDirectory against real file systems: ext4 (the temporary folder), tmpfs and, as root, ramfs.
class TestFsClusterDirectory final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void openRejectsMissingPathAndFiles();
    void writeAtWritesInPlace();
    void writeAtPastTheEndFillsWithZeros();
    void readOfMissingFileIsAbsent();
    void readErrorsAreFailedAndNameTheFile();
    void readRespectsTheCap();
    void readsLargeFilesWhole();
    void readPrefixCutsLargerFiles();
    void symbolicLinksAreNotFollowed();
    void replaceWholeLeavesNoTemporaryFile();
    void appendAddsAtTheEnd();
    void listIsSortedWithoutDotEntries();
    void listOfMissingFolderFails();
    void removeOfAbsentFileSucceeds();
    void renameMovesInsideTheDirectory();
    void fileSizeOfAbsentFileIsZero();
    void errorsNameDirectoryPathAndReason();
    void invalidPathsAreRejected_data();
    void invalidPathsAreRejected();
    void createFolderSetsTheExactMode();
    void openDirectoryIgnoresAFolderMountedOverItsOldPath();
    void readsOnTmpfs();
    void fallsBackWhenDirectIoIsRefused();
    void writeFailureOnFullStorageNamesTheReason();

private:
    QString onDisk(const QString &relativePath) const { return m_temp->path() + QLatin1Char('/') + relativePath; }

    std::unique_ptr<QTemporaryDir> m_temp;
    std::unique_ptr<FsClusterDirectory> m_directory;
};

void TestFsClusterDirectory::init()
{
    m_temp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_temp->isValid());
    QVERIFY(QDir(m_temp->path()).mkpath(QStringLiteral("nodes")));
    auto opened = FsClusterDirectory::open(m_temp->path());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    m_directory = std::move(opened).value();
}

void TestFsClusterDirectory::cleanup()
{
    m_directory.reset();
    m_temp.reset();
}

void TestFsClusterDirectory::openRejectsMissingPathAndFiles()
{
    const QString missing = m_temp->path() + QStringLiteral("/absent");
    auto opened = FsClusterDirectory::open(missing);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(missing), qPrintable(opened.error()));
    QVERIFY2(opened.error().contains(errnoText(ENOENT)), qPrintable(opened.error()));

    QVERIFY(writeDirectly(onDisk(QStringLiteral("plain")), "x"));
    opened = FsClusterDirectory::open(onDisk(QStringLiteral("plain")));
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(errnoText(ENOTDIR)), qPrintable(opened.error()));

    QVERIFY(!FsClusterDirectory::open(QString()).ok());
}

void TestFsClusterDirectory::writeAtWritesInPlace()
{
    const QByteArray slot0(4096, 'a');
    const QByteArray slot1(4096, 'b');
    QVERIFY(m_directory->writeAt(QStringLiteral("nodes/n1.hb"), 0, slot0).ok());
    QVERIFY(m_directory->writeAt(QStringLiteral("nodes/n1.hb"), 4096, slot1).ok());
    QCOMPARE(readDirectly(onDisk(QStringLiteral("nodes/n1.hb"))), slot0 + slot1);

    const QByteArray newer(4096, 'c');
    QVERIFY(m_directory->writeAt(QStringLiteral("nodes/n1.hb"), 0, newer).ok());
    const FileRead read = m_directory->readFile(QStringLiteral("nodes/n1.hb"), 8192);
    QCOMPARE(read.outcome, IoOutcome::Ok);
    QCOMPARE(read.bytes, newer + slot1);
    QCOMPARE(m_directory->fileSize(QStringLiteral("nodes/n1.hb")).value(), qint64(8192));
}

void TestFsClusterDirectory::writeAtPastTheEndFillsWithZeros()
{
    QVERIFY(m_directory->writeAt(QStringLiteral("f"), 10, "xy").ok());
    QCOMPARE(readDirectly(onDisk(QStringLiteral("f"))), QByteArray(10, '\0') + "xy");
    QVERIFY(!m_directory->writeAt(QStringLiteral("f"), -1, "xy").ok());
}

void TestFsClusterDirectory::readOfMissingFileIsAbsent()
{
    const FileRead read = m_directory->readFile(QStringLiteral("nodes/ghost.hb"), 100);
    QCOMPARE(read.outcome, IoOutcome::Absent);
    QVERIFY(read.bytes.isEmpty());
}

void TestFsClusterDirectory::readErrorsAreFailedAndNameTheFile()
{
    FileRead read = m_directory->readFile(QStringLiteral("nodes"), 100);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY2(read.error.contains(onDisk(QStringLiteral("nodes"))), qPrintable(read.error));
    QVERIFY2(read.error.contains(errnoText(EISDIR)), qPrintable(read.error));

    QVERIFY(writeDirectly(onDisk(QStringLiteral("plain")), "x"));
    read = m_directory->readFile(QStringLiteral("plain/below"), 100);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY2(read.error.contains(onDisk(QStringLiteral("plain/below"))), qPrintable(read.error));
    QVERIFY2(read.error.contains(errnoText(ENOTDIR)), qPrintable(read.error));
}

void TestFsClusterDirectory::readRespectsTheCap()
{
    QVERIFY(writeDirectly(onDisk(QStringLiteral("page")), QByteArray(4096, 'p')));
    QCOMPARE(m_directory->readFile(QStringLiteral("page"), 4096).outcome, IoOutcome::Ok);
    FileRead read = m_directory->readFile(QStringLiteral("page"), 4095);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY(read.bytes.isEmpty());
    QVERIFY2(read.error.contains(onDisk(QStringLiteral("page"))), qPrintable(read.error));
    QVERIFY2(read.error.contains(QStringLiteral("4095")), qPrintable(read.error));

    // Beyond one read chunk.
    QVERIFY(writeDirectly(onDisk(QStringLiteral("big")), QByteArray(70000, 'b')));
    read = m_directory->readFile(QStringLiteral("big"), 65536);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY2(read.error.contains(QStringLiteral("65536")), qPrintable(read.error));
}

void TestFsClusterDirectory::readsLargeFilesWhole()
{
    for (const qsizetype size : { qsizetype(0), qsizetype(1), qsizetype(4095), qsizetype(65536), qsizetype(200001) }) {
        const QByteArray bytes = randomBytes(size);
        QVERIFY(writeDirectly(onDisk(QStringLiteral("data")), bytes));
        const FileRead read = m_directory->readFile(QStringLiteral("data"), 1 << 20);
        QCOMPARE(read.outcome, IoOutcome::Ok);
        QCOMPARE(read.bytes.size(), size);
        QVERIFY(read.bytes == bytes);
    }
}

void TestFsClusterDirectory::readPrefixCutsLargerFiles()
{
    const QByteArray bytes = randomBytes(200001);
    QVERIFY(writeDirectly(onDisk(QStringLiteral("data")), bytes));
    for (const qsizetype limit : { qsizetype(4096), qsizetype(65536), qsizetype(70000), qsizetype(1 << 20) }) {
        const FileRead read = m_directory->readPrefix(QStringLiteral("data"), limit);
        QCOMPARE(read.outcome, IoOutcome::Ok);
        QVERIFY(read.bytes == bytes.left(limit));
    }
    QCOMPARE(m_directory->readPrefix(QStringLiteral("missing"), 4096).outcome, IoOutcome::Absent);
}

void TestFsClusterDirectory::symbolicLinksAreNotFollowed()
{
    QTemporaryDir outside;
    QVERIFY(writeDirectly(outside.path() + QStringLiteral("/secret"), "secret"));
    QVERIFY(QFile::link(outside.path() + QStringLiteral("/secret"), onDisk(QStringLiteral("link"))));

    const FileRead read = m_directory->readFile(QStringLiteral("link"), 100);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY(!read.bytes.contains("secret"));
    QVERIFY(!m_directory->writeAt(QStringLiteral("link"), 0, "changed").ok());
    QVERIFY(!m_directory->append(QStringLiteral("link"), "changed").ok());
    QCOMPARE(readDirectly(outside.path() + QStringLiteral("/secret")), QByteArray("secret"));
}

void TestFsClusterDirectory::replaceWholeLeavesNoTemporaryFile()
{
    QVERIFY(m_directory->replaceWhole(QStringLiteral("maintenance"), "a long first version").ok());
    QVERIFY(m_directory->replaceWhole(QStringLiteral("maintenance"), "short").ok());
    QCOMPARE(readDirectly(onDisk(QStringLiteral("maintenance"))), QByteArray("short"));
    QVERIFY(m_directory->replaceWhole(QStringLiteral("nodes/x"), "in a folder").ok());
    QCOMPARE(readDirectly(onDisk(QStringLiteral("nodes/x"))), QByteArray("in a folder"));

    QCOMPARE(
        m_directory->list(QString()).value(), QStringList({ QStringLiteral("maintenance"), QStringLiteral("nodes") }));
    QCOMPARE(m_directory->list(QStringLiteral("nodes")).value(), QStringList({ QStringLiteral("x") }));

    const Status failed = m_directory->replaceWhole(QStringLiteral("absent/x"), "x");
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().contains(onDisk(QStringLiteral("absent/x"))), qPrintable(failed.error()));
}

void TestFsClusterDirectory::appendAddsAtTheEnd()
{
    QVERIFY(m_directory->append(QStringLiteral("history.jsonl"), "{\"a\":1}\n").ok());
    QVERIFY(m_directory->append(QStringLiteral("history.jsonl"), "{\"b\":2}\n").ok());
    QCOMPARE(readDirectly(onDisk(QStringLiteral("history.jsonl"))), QByteArray("{\"a\":1}\n{\"b\":2}\n"));
    QCOMPARE(m_directory->fileSize(QStringLiteral("history.jsonl")).value(), qint64(16));
}

void TestFsClusterDirectory::listIsSortedWithoutDotEntries()
{
    for (const char *name : { "nodes/c.hb", "nodes/a.hb", "nodes/B.hb", "nodes/b.hb" })
        QVERIFY(writeDirectly(onDisk(QString::fromLatin1(name)), "x"));
    const Result<QStringList> names = m_directory->list(QStringLiteral("nodes"));
    QVERIFY2(names.ok(), qPrintable(names.error()));
    QCOMPARE(names.value(),
        QStringList(
            { QStringLiteral("B.hb"), QStringLiteral("a.hb"), QStringLiteral("b.hb"), QStringLiteral("c.hb") }));
    QCOMPARE(m_directory->list(QString()).value(), QStringList({ QStringLiteral("nodes") }));
}

void TestFsClusterDirectory::listOfMissingFolderFails()
{
    const Result<QStringList> names = m_directory->list(QStringLiteral("standby"));
    QVERIFY(!names.ok());
    QVERIFY2(names.error().contains(onDisk(QStringLiteral("standby"))), qPrintable(names.error()));
    QVERIFY2(names.error().contains(errnoText(ENOENT)), qPrintable(names.error()));
}

void TestFsClusterDirectory::removeOfAbsentFileSucceeds()
{
    QVERIFY(writeDirectly(onDisk(QStringLiteral("switchover")), "x"));
    QVERIFY(m_directory->remove(QStringLiteral("switchover")).ok());
    QVERIFY(!QFile::exists(onDisk(QStringLiteral("switchover"))));
    QVERIFY(m_directory->remove(QStringLiteral("switchover")).ok());
    const Status folder = m_directory->remove(QStringLiteral("nodes"));
    QVERIFY(!folder.ok());
    QVERIFY2(folder.error().contains(onDisk(QStringLiteral("nodes"))), qPrintable(folder.error()));
}

void TestFsClusterDirectory::renameMovesInsideTheDirectory()
{
    QVERIFY(writeDirectly(onDisk(QStringLiteral("h.jsonl")), "old"));
    QVERIFY(m_directory->rename(QStringLiteral("h.jsonl"), QStringLiteral("h.jsonl.1")).ok());
    QVERIFY(!QFile::exists(onDisk(QStringLiteral("h.jsonl"))));
    QCOMPARE(readDirectly(onDisk(QStringLiteral("h.jsonl.1"))), QByteArray("old"));

    const Status missing = m_directory->rename(QStringLiteral("h.jsonl"), QStringLiteral("h.jsonl.1"));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(onDisk(QStringLiteral("h.jsonl"))), qPrintable(missing.error()));
    QCOMPARE(readDirectly(onDisk(QStringLiteral("h.jsonl.1"))), QByteArray("old"));
}

void TestFsClusterDirectory::fileSizeOfAbsentFileIsZero()
{
    QCOMPARE(m_directory->fileSize(QStringLiteral("nodes/none")).value(), qint64(0));
    QVERIFY(writeDirectly(onDisk(QStringLiteral("nodes/some")), "12345"));
    QCOMPARE(m_directory->fileSize(QStringLiteral("nodes/some")).value(), qint64(5));
    QVERIFY(!m_directory->fileSize(QStringLiteral("nodes/some/below")).ok());
}

void TestFsClusterDirectory::errorsNameDirectoryPathAndReason()
{
    const Status status = m_directory->writeAt(QStringLiteral("missing/x.hb"), 0, "x");
    QCOMPARE(status.error(),
        onDisk(QStringLiteral("missing/x.hb")) + QStringLiteral(": open for writing failed: ") + errnoText(ENOENT));
    QCOMPARE(m_directory->describe(), QDir::cleanPath(m_temp->path()));
}

void TestFsClusterDirectory::invalidPathsAreRejected_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("parent") << QStringLiteral("../x");
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
    QTest::newRow("empty component") << QStringLiteral("a//b");
    QTest::newRow("trailing slash") << QStringLiteral("nodes/");
    QTest::newRow("dot") << QStringLiteral("./a");
    QTest::newRow("inner parent") << QStringLiteral("nodes/../../x");
    QTest::newRow("empty") << QString();
}

void TestFsClusterDirectory::invalidPathsAreRejected()
{
    QFETCH(QString, path);
    const QString quoted = QLatin1Char('"') + path + QLatin1Char('"');
    auto check = [&](const QString &error, const char *operation) {
        QVERIFY2(!error.isEmpty(), operation);
        QVERIFY2(error.contains(quoted), qPrintable(QString::fromLatin1(operation) + QStringLiteral(": ") + error));
    };
    // Where "../x" would land outside the directory; a file of that name may already be there (a shared /tmp).
    const QFileInfo outside(m_temp->path() + QStringLiteral("/../x"));
    const bool outsideExisted = outside.exists();
    const QDateTime outsideModified = outside.lastModified();
    const FileRead read = m_directory->readFile(path, 100);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    check(read.error, "readFile");
    check(m_directory->writeAt(path, 0, "x").error(), "writeAt");
    check(m_directory->replaceWhole(path, "x").error(), "replaceWhole");
    check(m_directory->append(path, "x").error(), "append");
    check(m_directory->remove(path).error(), "remove");
    check(m_directory->fileSize(path).error(), "fileSize");
    check(m_directory->createFolder(path, 0775).error(), "createFolder");
    check(m_directory->rename(path, QStringLiteral("y")).error(), "rename from");
    QVERIFY(writeDirectly(onDisk(QStringLiteral("y")), "y"));
    check(m_directory->rename(QStringLiteral("y"), path).error(), "rename to");
    if (!path.isEmpty())
        check(m_directory->list(path).error(), "list");

    const QFileInfo outsideAfter(outside.filePath());
    QCOMPARE(outsideAfter.exists(), outsideExisted);
    QCOMPARE(outsideAfter.lastModified(), outsideModified);
    QCOMPARE(readDirectly(onDisk(QStringLiteral("y"))), QByteArray("y"));
}

void TestFsClusterDirectory::createFolderSetsTheExactMode()
{
    const mode_t previous = ::umask(022);
    const auto restore = qScopeGuard([previous] { ::umask(previous); });
    const Result<bool> created = m_directory->createFolder(QStringLiteral("history"), 02775);
    QVERIFY2(created.ok(), qPrintable(created.error()));
    QVERIFY(created.value());
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(onDisk(QStringLiteral("history"))).constData(), &info), 0);
    QVERIFY(S_ISDIR(info.st_mode));
    QCOMPARE(info.st_mode & 07777, mode_t(02775));

    const Result<bool> again = m_directory->createFolder(QStringLiteral("history"), 02775);
    QVERIFY(again.ok());
    QVERIFY(!again.value());

    QVERIFY(writeDirectly(onDisk(QStringLiteral("standby")), "a file"));
    const Result<bool> clash = m_directory->createFolder(QStringLiteral("standby"), 02775);
    QVERIFY(!clash.ok());
    QVERIFY2(clash.error().contains(onDisk(QStringLiteral("standby"))), qPrintable(clash.error()));
}

// Rule (D): the directory is held open, so a fresh empty folder appearing at its path (as after an
// unmount) is never mistaken for the cluster's directory.
void TestFsClusterDirectory::openDirectoryIgnoresAFolderMountedOverItsOldPath()
{
    QTemporaryDir outer;
    const QString original = outer.path() + QStringLiteral("/dir");
    const QString movedAway = outer.path() + QStringLiteral("/dir2");
    QVERIFY(QDir().mkpath(original + QStringLiteral("/nodes")));
    QVERIFY(writeDirectly(original + QStringLiteral("/cluster"), "the real one"));
    auto opened = FsClusterDirectory::open(original);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    std::unique_ptr<FsClusterDirectory> directory = std::move(opened).value();

    QVERIFY(QDir().rename(original, movedAway));
    QVERIFY(QDir().mkdir(original));

    const FileRead read = directory->readFile(QStringLiteral("cluster"), 100);
    QCOMPARE(read.outcome, IoOutcome::Ok);
    QCOMPARE(read.bytes, QByteArray("the real one"));
    QCOMPARE(directory->list(QString()).value(), QStringList({ QStringLiteral("cluster"), QStringLiteral("nodes") }));
    QVERIFY(directory->writeAt(QStringLiteral("nodes/n1.hb"), 0, "beat").ok());
    QVERIFY(directory->append(QStringLiteral("log"), "line\n").ok());
    QCOMPARE(readDirectly(movedAway + QStringLiteral("/nodes/n1.hb")), QByteArray("beat"));
    QVERIFY(QFile::exists(movedAway + QStringLiteral("/log")));
    QVERIFY(QDir(original).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
}

void TestFsClusterDirectory::readsOnTmpfs()
{
    if (!QFileInfo(QStringLiteral("/dev/shm")).isDir())
        QSKIP("/dev/shm does not exist here");
    QTemporaryDir shm(QStringLiteral("/dev/shm/tst_fsclusterdirectory-XXXXXX"));
    QVERIFY(shm.isValid());
    auto opened = FsClusterDirectory::open(shm.path());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    const QByteArray bytes = randomBytes(5000);
    QVERIFY(opened.value()->writeAt(QStringLiteral("r.hb"), 0, bytes).ok());
    const FileRead read = opened.value()->readFile(QStringLiteral("r.hb"), 8192);
    QCOMPARE(read.outcome, IoOutcome::Ok);
    QVERIFY(read.bytes == bytes);
    QCOMPARE(opened.value()->readFile(QStringLiteral("r.hb"), 4999).outcome, IoOutcome::Failed);
}

// ramfs refuses O_DIRECT with EINVAL (tmpfs accepts it since Linux 6.6): the read must fall back.
void TestFsClusterDirectory::fallsBackWhenDirectIoIsRefused()
{
    if (::geteuid() != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("mounting a ramfs needs root"));
    QTemporaryDir mountPoint;
    const QByteArray where = QFile::encodeName(mountPoint.path());
    if (::mount("ramfs", where.constData(), "ramfs", 0, "mode=0755") != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("cannot mount a ramfs: %1").arg(errnoText(errno)));
    const auto unmount = qScopeGuard([&] { ::umount2(where.constData(), MNT_DETACH); });

    const QByteArray bytes = randomBytes(9000);
    QVERIFY(writeDirectly(mountPoint.path() + QStringLiteral("/r.hb"), bytes));
    const int probe = ::open(
        QFile::encodeName(mountPoint.path() + QStringLiteral("/r.hb")).constData(), O_RDONLY | O_DIRECT | O_CLOEXEC);
    const int probeError = errno;
    if (probe >= 0) {
        ::close(probe);
        QSKIP("this kernel's ramfs accepts O_DIRECT: the fallback cannot be exercised here");
    }
    QCOMPARE(probeError, EINVAL);

    auto opened = FsClusterDirectory::open(mountPoint.path());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    const FileRead read = opened.value()->readFile(QStringLiteral("r.hb"), 16384);
    QCOMPARE(read.outcome, IoOutcome::Ok);
    QVERIFY(read.bytes == bytes);
    const FileRead capped = opened.value()->readFile(QStringLiteral("r.hb"), 8999);
    QCOMPARE(capped.outcome, IoOutcome::Failed);
    QVERIFY2(capped.error.contains(QStringLiteral("8999")), qPrintable(capped.error));
    QCOMPARE(opened.value()->readFile(QStringLiteral("none"), 100).outcome, IoOutcome::Absent);
}

void TestFsClusterDirectory::writeFailureOnFullStorageNamesTheReason()
{
    if (::geteuid() != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("mounting a small tmpfs needs root"));
    QTemporaryDir mountPoint;
    const QByteArray where = QFile::encodeName(mountPoint.path());
    if (::mount("tmpfs", where.constData(), "tmpfs", 0, "size=16k,mode=0755") != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("cannot mount a tmpfs: %1").arg(errnoText(errno)));
    const auto unmount = qScopeGuard([&] { ::umount2(where.constData(), MNT_DETACH); });

    auto opened = FsClusterDirectory::open(mountPoint.path());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    FsClusterDirectory &directory = *opened.value();
    const QByteArray tooBig(1 << 20, 'x');
    const Status written = directory.writeAt(QStringLiteral("a.hb"), 0, tooBig);
    QCOMPARE(written.error(),
        QDir::cleanPath(mountPoint.path()) + QStringLiteral("/a.hb: write failed: ") + errnoText(ENOSPC));
    QVERIFY(!directory.append(QStringLiteral("h.jsonl"), tooBig).ok());

    QVERIFY(directory.remove(QStringLiteral("a.hb")).ok());
    QVERIFY(directory.remove(QStringLiteral("h.jsonl")).ok());
    const Status replaced = directory.replaceWhole(QStringLiteral("maintenance"), tooBig);
    QVERIFY(!replaced.ok());
    QVERIFY2(replaced.error().contains(errnoText(ENOSPC)), qPrintable(replaced.error()));
    QVERIFY2(directory.list(QString()).value().isEmpty(), "the temporary file of a failed replace stays behind");
}

QTEST_GUILESS_MAIN(TestFsClusterDirectory)
#include "tst_fsclusterdirectory.moc"
