#include "shared/storage/fsclusterdirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hacmp {

namespace {

constexpr std::size_t kDirectAlignment = 4096;
constexpr std::size_t kReadChunk = 64 * 1024;

/// Repeats a system call interrupted by a signal.
template <typename Call> auto retrying(Call call)
{
    decltype(call()) result;
    do {
        result = call();
    } while (result == -1 && errno == EINTR);
    return result;
}

/// Closes a descriptor on every path out of a function; close() reports the error of an explicit close
/// (NFS reports failed write-back there).
class Descriptor
{
public:
    explicit Descriptor(int fd)
        : m_fd(fd)
    { }
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(Descriptor)
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    void reset(int fd)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }
    /// 0, or the errno of a failed close.
    int close() { return ::close(std::exchange(m_fd, -1)) == 0 ? 0 : errno; }

private:
    int m_fd;
};

struct FreeDeleter
{
    void operator()(void *pointer) const { std::free(pointer); }
};

/// Writes all bytes at offset (or at the file position when offset < 0); 0 or an errno.
int writeAll(int fd, const QByteArray &bytes, qint64 offset)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = retrying([&] {
            return offset >= 0 ? ::pwrite(fd, data, std::size_t(left), off_t(offset))
                               : ::write(fd, data, std::size_t(left));
        });
        if (written < 0)
            return errno;
        if (written == 0)
            return EIO;
        data += written;
        left -= written;
        if (offset >= 0)
            offset += written;
    }
    return 0;
}

/// The folder part of a relative path, empty for a file at the top of the directory.
QString folderOf(const QString &relativePath)
{
    const qsizetype slash = relativePath.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : relativePath.left(slash);
}

} // namespace

FsClusterDirectory::FsClusterDirectory(QString path, int fd)
    : m_path(std::move(path))
    , m_fd(fd)
{ }

FsClusterDirectory::~FsClusterDirectory()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<std::unique_ptr<FsClusterDirectory>> FsClusterDirectory::open(const QString &path)
{
    if (path.isEmpty())
        return Error(QStringLiteral("no cluster directory given: name the shared directory of the cluster"));
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const int fd
        = retrying([&] { return ::open(QFile::encodeName(absolute).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); });
    if (fd < 0) {
        const int error = errno;
        QString hint;
        if (error == ENOENT || error == ENOTDIR)
            hint = QStringLiteral(" (is the shared storage mounted there?)");
        return Error(
            QStringLiteral("%1: cannot open the cluster directory: %2%3").arg(absolute, qt_error_string(error), hint));
    }
    return std::unique_ptr<FsClusterDirectory>(new FsClusterDirectory(absolute, fd));
}

Result<QByteArray> FsClusterDirectory::checkedPath(const QString &relativePath) const
{
    if (const QString problem = invalidPathProblem(relativePath, m_path); !problem.isEmpty())
        return Error(problem);
    return QFile::encodeName(relativePath);
}

QString FsClusterDirectory::where(const QString &relativePath) const
{
    if (relativePath.isEmpty())
        return m_path;
    if (m_path.endsWith(QLatin1Char('/')))
        return m_path + relativePath;
    return m_path + QLatin1Char('/') + relativePath;
}

Error FsClusterDirectory::failure(const QString &relativePath, const QString &what, int error) const
{
    return Error(QStringLiteral("%1: %2: %3").arg(where(relativePath), what, qt_error_string(error)));
}

FileRead FsClusterDirectory::readFile(const QString &relativePath, qsizetype maxBytes)
{
    return readBounded(relativePath, maxBytes, false);
}

FileRead FsClusterDirectory::readPrefix(const QString &relativePath, qsizetype maxBytes)
{
    return readBounded(relativePath, maxBytes, true);
}

FileRead FsClusterDirectory::readBounded(const QString &relativePath, qsizetype maxBytes, bool prefix)
{
    const Result<QByteArray> path = checkedPath(relativePath);
    if (!path)
        return { IoOutcome::Failed, {}, path.error() };

    const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC;
    bool direct = !m_directRefused.load(std::memory_order_relaxed);
    int fd = retrying([&] { return ::openat(m_fd, path->constData(), direct ? flags | O_DIRECT : flags); });
    if (fd < 0 && errno == EINVAL && direct) {
        direct = false;
        fd = retrying([&] { return ::openat(m_fd, path->constData(), flags); });
        struct stat info = {};
        if (fd >= 0 && ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) // folders refuse O_DIRECT everywhere
            m_directRefused.store(true, std::memory_order_relaxed);
    }
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return { IoOutcome::Absent, {}, {} };
        return { IoOutcome::Failed, {}, failure(relativePath, QStringLiteral("open failed"), error).message() };
    }
    Descriptor file(fd);

    std::unique_ptr<char, FreeDeleter> buffer;
    {
        void *memory = nullptr;
        if (::posix_memalign(&memory, kDirectAlignment, kReadChunk) != 0)
            return { IoOutcome::Failed, {}, failure(relativePath, QStringLiteral("read failed"), ENOMEM).message() };
        buffer.reset(static_cast<char *>(memory));
    }

    const qsizetype cap = qMax<qsizetype>(maxBytes, 0);
    QByteArray bytes;
    qint64 offset = 0;
    for (;;) {
        ssize_t got = retrying([&] { return ::pread(file.get(), buffer.get(), kReadChunk, off_t(offset)); });
        if (got < 0 && errno == EINVAL && direct && offset == 0) {
            // The file system accepted O_DIRECT at open but refuses the transfer: read through the cache.
            direct = false;
            m_directRefused.store(true, std::memory_order_relaxed);
            const int buffered = retrying([&] { return ::openat(m_fd, path->constData(), flags); });
            if (buffered < 0)
                return { IoOutcome::Failed, {}, failure(relativePath, QStringLiteral("open failed"), errno).message() };
            file.reset(buffered);
            continue;
        }
        if (got < 0)
            return { IoOutcome::Failed, {}, failure(relativePath, QStringLiteral("read failed"), errno).message() };
        bytes.append(buffer.get(), qsizetype(got));
        offset += got;
        if (bytes.size() > cap && prefix) {
            bytes.truncate(cap);
            break;
        }
        if (bytes.size() > cap)
            return { IoOutcome::Failed, {},
                QStringLiteral("%1: the file is larger than the limit of %2 bytes: it was not written by this "
                               "version of hacmp or is damaged")
                    .arg(where(relativePath))
                    .arg(cap) };
        if (got == 0 || (direct && std::size_t(got) < kReadChunk))
            break;
    }
    return { IoOutcome::Ok, bytes, {} };
}

Status FsClusterDirectory::writeAt(const QString &relativePath, qint64 offset, const QByteArray &bytes)
{
    const Result<QByteArray> path = checkedPath(relativePath);
    if (!path)
        return Error(path.error());
    if (offset < 0)
        return Error(QStringLiteral("%1: cannot write at negative offset %2").arg(where(relativePath)).arg(offset));
    Descriptor file(
        retrying([&] { return ::openat(m_fd, path->constData(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0664); }));
    if (!file.valid())
        return failure(relativePath, QStringLiteral("open for writing failed"), errno);
    if (const int error = writeAll(file.get(), bytes, offset))
        return failure(relativePath, QStringLiteral("write failed"), error);
    if (retrying([&] { return ::fdatasync(file.get()); }) != 0)
        return failure(relativePath, QStringLiteral("sync failed"), errno);
    if (const int error = file.close())
        return failure(relativePath, QStringLiteral("close failed"), error);
    return {};
}

Status FsClusterDirectory::replaceWhole(const QString &relativePath, const QByteArray &bytes)
{
    const Result<QByteArray> path = checkedPath(relativePath);
    if (!path)
        return Error(path.error());
    const QString temporary = QStringLiteral("%1.tmp.%2.%3")
                                  .arg(relativePath)
                                  .arg(::getpid())
                                  .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    const QByteArray temporaryPath = QFile::encodeName(temporary);

    Descriptor file(retrying([&] {
        return ::openat(m_fd, temporaryPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0664);
    }));
    if (!file.valid())
        return failure(temporary, QStringLiteral("create failed"), errno);
    auto discard = [&](const QString &what, int error) -> Status {
        ::unlinkat(m_fd, temporaryPath.constData(), 0);
        return failure(temporary, what, error);
    };
    if (const int error = writeAll(file.get(), bytes, 0))
        return discard(QStringLiteral("write failed"), error);
    if (retrying([&] { return ::fsync(file.get()); }) != 0)
        return discard(QStringLiteral("sync failed"), errno);
    if (const int error = file.close())
        return discard(QStringLiteral("close failed"), error);
    if (::renameat(m_fd, temporaryPath.constData(), m_fd, path->constData()) != 0) {
        const int error = errno;
        ::unlinkat(m_fd, temporaryPath.constData(), 0);
        return failure(relativePath, QStringLiteral("rename of %1 over it failed").arg(temporary), error);
    }
    return syncFolderOf(relativePath);
}

Status FsClusterDirectory::syncFolderOf(const QString &relativePath)
{
    const QString folder = folderOf(relativePath);
    int fd = m_fd;
    Descriptor opened(-1);
    if (!folder.isEmpty()) {
        opened.reset(retrying([&] {
            return ::openat(
                m_fd, QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }));
        if (!opened.valid())
            return failure(folder, QStringLiteral("open of the folder for sync failed"), errno);
        fd = opened.get();
    }
    if (retrying([&] { return ::fsync(fd); }) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
        return failure(folder, QStringLiteral("folder sync failed"), errno);
    return {};
}

Status FsClusterDirectory::remove(const QString &relativePath)
{
    const Result<QByteArray> path = checkedPath(relativePath);
    if (!path)
        return Error(path.error());
    if (retrying([&] { return ::unlinkat(m_fd, path->constData(), 0); }) != 0 && errno != ENOENT)
        return failure(relativePath, QStringLiteral("remove failed"), errno);
    return {};
}

Status FsClusterDirectory::append(const QString &relativePath, const QByteArray &bytes)
{
    const Result<QByteArray> path = checkedPath(relativePath);
    if (!path)
        return Error(path.error());
    Descriptor file(retrying([&] {
        return ::openat(m_fd, path->constData(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0664);
    }));
    if (!file.valid())
        return failure(relativePath, QStringLiteral("open for appending failed"), errno);
    if (const int error = writeAll(file.get(), bytes, -1))
        return failure(relativePath, QStringLiteral("append failed"), error);
    if (retrying([&] { return ::fdatasync(file.get()); }) != 0)
        return failure(relativePath, QStringLiteral("sync failed"), errno);
    if (const int error = file.close())
        return failure(relativePath, QStringLiteral("close failed"), error);
    return {};
}

Status FsClusterDirectory::rename(const QString &fromRelativePath, const QString &toRelativePath)
{
    const Result<QByteArray> from = checkedPath(fromRelativePath);
    if (!from)
        return Error(from.error());
    const Result<QByteArray> to = checkedPath(toRelativePath);
    if (!to)
        return Error(to.error());
    if (retrying([&] { return ::renameat(m_fd, from->constData(), m_fd, to->constData()); }) != 0)
        return failure(fromRelativePath, QStringLiteral("rename to %1 failed").arg(toRelativePath), errno);
    return {};
}

Result<qint64> FsClusterDirectory::fileSize(const QString &relativePath)
{
    const Result<QByteArray> path = checkedPath(relativePath);
    if (!path)
        return Error(path.error());
    struct stat info = {};
    if (retrying([&] { return ::fstatat(m_fd, path->constData(), &info, AT_SYMLINK_NOFOLLOW); }) != 0) {
        if (errno == ENOENT)
            return qint64(0);
        return failure(relativePath, QStringLiteral("stat failed"), errno);
    }
    return qint64(info.st_size);
}

Result<QStringList> FsClusterDirectory::list(const QString &relativeFolder)
{
    QByteArray path = QByteArrayLiteral(".");
    if (!relativeFolder.isEmpty()) {
        const Result<QByteArray> checked = checkedPath(relativeFolder);
        if (!checked)
            return Error(checked.error());
        path = checked.value();
    }
    const int fd
        = retrying([&] { return ::openat(m_fd, path.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC); });
    if (fd < 0)
        return failure(relativeFolder, QStringLiteral("open of the folder failed"), errno);
    DIR *folder = ::fdopendir(fd);
    if (!folder) {
        const int error = errno;
        ::close(fd);
        return failure(relativeFolder, QStringLiteral("listing failed"), error);
    }
    QStringList names;
    int error = 0;
    for (;;) {
        errno = 0;
        const dirent *entry = ::readdir(folder);
        if (!entry) {
            error = errno;
            break;
        }
        const QByteArray name(entry->d_name);
        if (name == "." || name == "..")
            continue;
        names.append(QFile::decodeName(name));
    }
    ::closedir(folder);
    if (error != 0)
        return failure(relativeFolder, QStringLiteral("listing failed"), error);
    names.sort();
    return names;
}

Result<bool> FsClusterDirectory::createFolder(const QString &relativePath, mode_t mode)
{
    const Result<QByteArray> path = checkedPath(relativePath);
    if (!path)
        return Error(path.error());
    if (retrying([&] { return ::mkdirat(m_fd, path->constData(), mode); }) != 0) {
        const int error = errno;
        if (error != EEXIST)
            return failure(relativePath, QStringLiteral("creating the folder failed"), error);
        struct stat info = {};
        if (::fstatat(m_fd, path->constData(), &info, AT_SYMLINK_NOFOLLOW) != 0)
            return failure(relativePath, QStringLiteral("stat failed"), errno);
        if (!S_ISDIR(info.st_mode))
            return Error(
                QStringLiteral("%1 exists but is not a folder: move it away and try again").arg(where(relativePath)));
        return false;
    }
    // mkdir applies the umask and may drop the setgid bit; set the mode exactly.
    Descriptor folder(
        retrying([&] { return ::openat(m_fd, path->constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC); }));
    if (!folder.valid())
        return failure(relativePath, QStringLiteral("open of the new folder failed"), errno);
    if (::fchmod(folder.get(), mode) != 0)
        return failure(relativePath, QStringLiteral("setting the mode of the new folder failed"), errno);
    const Status synced = syncFolderOf(relativePath);
    if (!synced)
        return Error(synced.error());
    return true;
}

} // namespace hacmp
