#include "agent/daemon/localmarksstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hacmp::agent {

namespace {

constexpr int kMarksFormat = 1;
constexpr qsizetype kMaxMarksBytes = 4096;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

/// Writes all of bytes to fd, retrying short writes and interruptions.
bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        done += written;
    }
    return true;
}

std::uint64_t readCount(const QJsonObject &object, const QString &key, bool *ok)
{
    const QJsonValue value = object.value(key);
    const qint64 number = value.isDouble() ? value.toInteger(-1) : -1;
    if (number < 0)
        *ok = false;
    return std::uint64_t(std::max<qint64>(number, 0));
}

} // namespace

LocalMarksStore::LocalMarksStore(QString stateDirectory, QString node)
    : m_folder(std::move(stateDirectory))
    , m_node(std::move(node))
    , m_path(m_folder + QLatin1Char('/') + m_node + QStringLiteral(".marks.json"))
{ }

Result<LocalMarks> LocalMarksStore::load() const
{
    QFile file(m_path);
    if (!file.exists())
        return LocalMarks {};
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("Could not read the agent's local state %1 (%2): fix its permissions")
                         .arg(m_path, file.errorString()));
    const QByteArray bytes = file.read(kMaxMarksBytes);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    bool ok = parseError.error == QJsonParseError::NoError && document.isObject()
        && document.object().value(QLatin1String("format")).toInt() == kMarksFormat;
    LocalMarks marks;
    if (ok) {
        marks.seqReserved = readCount(document.object(), QStringLiteral("seq_reserved"), &ok);
        marks.epoch = readCount(document.object(), QStringLiteral("epoch"), &ok);
        // R1a; a file of a version that did not keep it has none: 0, learned again from the records
        if (document.object().contains(QLatin1String("started")))
            marks.started = readCount(document.object(), QStringLiteral("started"), &ok);
    }
    if (!ok)
        return Error(
            QStringLiteral("The agent's local state %1 is damaged (it should hold {\"format\":1,"
                           "\"seq_reserved\":N,\"epoch\":N,\"started\":N}): remove it to start afresh; the agent then "
                           "learns the epochs from the shared records again")
                .arg(m_path));
    return marks;
}

Status LocalMarksStore::save(const LocalMarks &marks) const
{
    const QJsonObject object { { QStringLiteral("format"), kMarksFormat }, { QStringLiteral("node"), m_node },
        { QStringLiteral("seq_reserved"), qint64(marks.seqReserved) }, { QStringLiteral("epoch"), qint64(marks.epoch) },
        { QStringLiteral("started"), qint64(marks.started) } };
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    const QByteArray path = QFile::encodeName(m_path);
    const QByteArray temporary = path + ".tmp";
    const auto failure = [&](const QString &what) {
        const int error = errno;
        ::unlink(temporary.constData());
        return Error(QStringLiteral("Could not save the agent's local state %1: %2 (%3); check the state directory "
                                    "(free space, permissions)")
                         .arg(m_path, what, errnoText(error)));
    };
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return failure(QStringLiteral("creating the temporary file failed"));
    const bool written = writeAll(fd, bytes) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written)
        return failure(QStringLiteral("writing the temporary file failed"));
    if (::rename(temporary.constData(), path.constData()) != 0)
        return failure(QStringLiteral("renaming the temporary file failed"));
    const int folder = ::open(QFile::encodeName(m_folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0)
        return failure(QStringLiteral("opening the folder failed"));
    const bool synced = ::fsync(folder) == 0;
    ::close(folder);
    if (!synced)
        return failure(QStringLiteral("syncing the folder failed"));
    return {};
}

} // namespace hacmp::agent
