#include "shared/storage/controlfiles.h"

#include "shared/config/nodename.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

namespace hacmp {

namespace {

/// What a present but unusable note file means and how to get rid of it.
QString noteConsequence(const QString &path)
{
    const QString name = path.section(QLatin1Char('/'), -1);
    const QString folder = path.section(QLatin1Char('/'), -2, -2);
    if (folder == standbyFolder())
        return QStringLiteral("treated as standby ON for node %1 — remove it with 'hacmpctl standby off %1' or fix it")
            .arg(name);
    if (name == maintenancePath())
        return QStringLiteral("treated as ON — remove it with 'hacmpctl maintenance off' or fix it");
    return QStringLiteral("treated as present — remove it or fix it");
}

QString appRequestConsequence()
{
    return QStringLiteral("the agent refuses this request and removes it");
}

QString switchoverConsequence()
{
    return QStringLiteral("the master will refuse this request and remove it");
}

QString unreadableProblem(const FileRead &read, const QString &path)
{
    QString problem = QStringLiteral("%1: could not be read (%2").arg(path, ioOutcomeName(read.outcome));
    if (!read.error.isEmpty())
        problem += QStringLiteral(": ") + read.error;
    return problem + QStringLiteral("); not known to be absent");
}

/// Parses a control file into a JSON object, or says in a few words why it cannot be parsed.
std::optional<QJsonObject> parseObject(const QByteArray &bytes, QString *why)
{
    if (bytes.size() > kControlFileMaxBytes) {
        *why = QStringLiteral("larger than %1 bytes").arg(kControlFileMaxBytes);
        return std::nullopt;
    }
    if (bytes.trimmed().isEmpty()) {
        *why = QStringLiteral("empty");
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = QStringLiteral("not valid JSON (garbage?)");
        return std::nullopt;
    }
    if (!document.isObject()) {
        *why = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    return document.object();
}

/// Reads an optional string field; false (and why) when it has another type.
bool optionalString(const QJsonObject &object, const QString &key, QString *value, QString *why)
{
    const QJsonValue field = object.value(key);
    if (field.isUndefined() || field.isNull())
        return true;
    if (!field.isString()) {
        *why = QStringLiteral("field '%1' is not a string").arg(key);
        return false;
    }
    *value = field.toString();
    return true;
}

QString whoKey()
{
    return QStringLiteral("who");
}
QString whenKey()
{
    return QStringLiteral("when");
}
QString whyKey()
{
    return QStringLiteral("why");
}
QString targetKey()
{
    return QStringLiteral("target");
}
QString epochKey()
{
    return QStringLiteral("epoch");
}
QString actionKey()
{
    return QStringLiteral("action");
}

Status checkNodeName(const QString &node, const QString &what)
{
    if (isValidNodeName(node))
        return {};
    return Error(QStringLiteral("Could not %1: %2; use the node name of the agent's configuration")
                     .arg(what, nodeNameProblem(node)));
}

/// A temporary file of ClusterDirectory::replaceWhole in progress or left behind ("<name>.tmp.<pid>.<hex>").
bool isTemporaryName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("\\.tmp\\.[0-9]+\\.[0-9a-f]+$"));
    return pattern.match(name).hasMatch();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

QString presenceName(Presence presence)
{
    switch (presence) {
    case Presence::Absent:
        return QStringLiteral("absent");
    case Presence::Present:
        return QStringLiteral("present");
    case Presence::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

QString maintenancePath()
{
    return QStringLiteral("maintenance");
}

QString standbyFolder()
{
    return QStringLiteral("standby");
}

QString standbyPath(const QString &node)
{
    return standbyFolder() + QLatin1Char('/') + node;
}

QString switchoverPath()
{
    return QStringLiteral("switchover");
}

QString clearFolder()
{
    return QStringLiteral("clear");
}

QString clearPath(const QString &node)
{
    return clearFolder() + QLatin1Char('/') + node;
}

QString appRequestFolder()
{
    return QStringLiteral("app");
}

QString appRequestPath(const QString &node)
{
    return appRequestFolder() + QLatin1Char('/') + node;
}

QString appActionName(AppRequest::Action action)
{
    return action == AppRequest::Action::Run ? QStringLiteral("run") : QStringLiteral("stop");
}

namespace {

/// Sets a control read's presence (and the problem of a file that could not be read); true when there
/// are bytes to parse.
template <typename ControlRead>
bool readPresence(const FileRead &read, const QString &pathForMessages, ControlRead &result)
{
    if (read.outcome == IoOutcome::Absent) {
        result.presence = Presence::Absent;
        return false;
    }
    if (!read.ok()) {
        result.presence = Presence::Unknown;
        result.problem = unreadableProblem(read, pathForMessages);
        return false;
    }
    result.presence = Presence::Present;
    return true;
}

} // namespace

NoteRead interpretNote(const FileRead &read, const QString &pathForMessages)
{
    NoteRead result;
    if (!readPresence(read, pathForMessages, result))
        return result;
    QString reason;
    const std::optional<QJsonObject> object = parseObject(read.bytes, &reason);
    ControlNote note;
    if (object && optionalString(*object, whoKey(), &note.who, &reason)
        && optionalString(*object, whenKey(), &note.when, &reason)
        && optionalString(*object, whyKey(), &note.why, &reason)) {
        result.note = note;
        return result;
    }
    result.problem = QStringLiteral("%1: %2; %3").arg(pathForMessages, reason, noteConsequence(pathForMessages));
    return result;
}

SwitchoverRead interpretSwitchover(const FileRead &read, const QString &pathForMessages)
{
    SwitchoverRead result;
    if (!readPresence(read, pathForMessages, result))
        return result;
    QString reason;
    const std::optional<QJsonObject> object = parseObject(read.bytes, &reason);
    SwitchoverRequest request;
    if (object) {
        const QJsonValue targetValue = object->value(targetKey());
        const QJsonValue epochValue = object->value(epochKey());
        const qint64 epochNumber = epochValue.isDouble() ? epochValue.toInteger(-1) : -1;
        if (!targetValue.isString())
            reason = QStringLiteral("field 'target' is missing or not a string");
        else if (!isValidNodeName(targetValue.toString()))
            reason = QStringLiteral("target '%1' is not a valid node name").arg(targetValue.toString());
        else if (epochNumber < 0)
            reason = QStringLiteral("field 'epoch' is missing or not a non-negative integer");
        else if (optionalString(*object, whoKey(), &request.who, &reason)
            && optionalString(*object, whenKey(), &request.when, &reason)) {
            request.target = targetValue.toString();
            request.epoch = quint64(epochNumber);
            result.request = request;
            return result;
        }
    }
    result.problem = QStringLiteral("%1: %2; %3").arg(pathForMessages, reason, switchoverConsequence());
    return result;
}

AppRequestRead interpretAppRequest(const FileRead &read, const QString &pathForMessages)
{
    AppRequestRead result;
    if (!readPresence(read, pathForMessages, result))
        return result;
    QString reason;
    const std::optional<QJsonObject> object = parseObject(read.bytes, &reason);
    if (object) {
        const QString action = object->value(actionKey()).toString();
        AppRequest request;
        request.action = action == QLatin1String("stop") ? AppRequest::Action::Stop : AppRequest::Action::Run;
        if (action != QLatin1String("run") && action != QLatin1String("stop"))
            reason = QStringLiteral("field 'action' is missing or neither \"run\" nor \"stop\"");
        else if (optionalString(*object, whoKey(), &request.note.who, &reason)
            && optionalString(*object, whenKey(), &request.note.when, &reason)
            && optionalString(*object, whyKey(), &request.note.why, &reason)) {
            result.request = request;
            return result;
        }
    }
    result.problem = QStringLiteral("%1: %2; %3").arg(pathForMessages, reason, appRequestConsequence());
    return result;
}

QByteArray encodeNote(const ControlNote &note)
{
    return compact(QJsonObject { { whoKey(), note.who }, { whenKey(), note.when }, { whyKey(), note.why } });
}

QByteArray encodeSwitchover(const SwitchoverRequest &request)
{
    return compact(QJsonObject { { targetKey(), request.target }, { epochKey(), qint64(request.epoch) },
        { whoKey(), request.who }, { whenKey(), request.when } });
}

QByteArray encodeAppRequest(const AppRequest &request)
{
    return compact(QJsonObject { { actionKey(), appActionName(request.action) }, { whoKey(), request.note.who },
        { whenKey(), request.note.when }, { whyKey(), request.note.why } });
}

ControlFiles::ControlFiles(ClusterDirectory &directory)
    : m_directory(directory)
{ }

Status ControlFiles::write(const QString &path, const QByteArray &bytes, const QString &what)
{
    const Status status = m_directory.replaceWhole(path, bytes);
    if (status)
        return status;
    return Error(QStringLiteral("Could not %1: writing %2 in %3 failed (%4); check that the directory is mounted "
                                "and writable, then try again")
                     .arg(what, path, m_directory.describe(), status.error()));
}

Status ControlFiles::removeFile(const QString &path, const QString &what)
{
    const Status status = m_directory.remove(path);
    if (status)
        return status;
    return Error(QStringLiteral("Could not %1: removing %2 in %3 failed (%4); check that the directory is mounted "
                                "and writable, then try again")
                     .arg(what, path, m_directory.describe(), status.error()));
}

Status ControlFiles::setMaintenance(const ControlNote &note)
{
    return write(maintenancePath(), encodeNote(note), QStringLiteral("turn maintenance on"));
}

Status ControlFiles::clearMaintenance()
{
    return removeFile(maintenancePath(), QStringLiteral("turn maintenance off"));
}

NoteRead ControlFiles::maintenance()
{
    return interpretNote(m_directory.readFile(maintenancePath(), kControlFileReadLimit), maintenancePath());
}

Status ControlFiles::setStandby(const QString &node, const ControlNote &note)
{
    const QString what = QStringLiteral("put node %1 in standby").arg(node);
    if (const Status valid = checkNodeName(node, what); !valid)
        return valid;
    return write(standbyPath(node), encodeNote(note), what);
}

Status ControlFiles::clearStandby(const QString &node)
{
    const QString what = QStringLiteral("take node %1 out of standby").arg(node);
    if (const Status valid = checkNodeName(node, what); !valid)
        return valid;
    return removeFile(standbyPath(node), what);
}

Status ControlFiles::requestClear(const QString &node, const ControlNote &note)
{
    const QString what = QStringLiteral("ask node %1 to clear its failures").arg(node);
    if (const Status valid = checkNodeName(node, what); !valid)
        return valid;
    return write(clearPath(node), encodeNote(note), what);
}

Status ControlFiles::requestApp(const QString &node, const AppRequest &request)
{
    const QString what
        = QStringLiteral("ask node %1 to %2 the application")
              .arg(node, request.action == AppRequest::Action::Run ? QStringLiteral("start") : QStringLiteral("stop"));
    if (const Status valid = checkNodeName(node, what); !valid)
        return valid;
    return write(appRequestPath(node), encodeAppRequest(request), what);
}

Status ControlFiles::withdrawAppRequest(const QString &node)
{
    const QString what = QStringLiteral("withdraw the request to node %1").arg(node);
    if (const Status valid = checkNodeName(node, what); !valid)
        return valid;
    return removeFile(appRequestPath(node), what);
}

AppRequestRead ControlFiles::appRequest(const QString &node)
{
    if (!isValidNodeName(node)) {
        AppRequestRead result;
        result.problem = checkNodeName(node, QStringLiteral("read the application request")).error();
        return result;
    }
    return interpretAppRequest(m_directory.readFile(appRequestPath(node), kControlFileReadLimit), appRequestPath(node));
}

NoteRead ControlFiles::standby(const QString &node)
{
    if (!isValidNodeName(node)) {
        NoteRead result;
        result.problem = checkNodeName(node, QStringLiteral("read the standby state")).error();
        return result;
    }
    return interpretNote(m_directory.readFile(standbyPath(node), kControlFileReadLimit), standbyPath(node));
}

Result<QMap<QString, ControlNote>> ControlFiles::standbyNodes()
{
    const Result<QStringList> names = m_directory.list(standbyFolder());
    if (!names)
        return Error(QStringLiteral("Could not list %1 in %2 (%3); check that the directory is mounted and readable")
                         .arg(standbyFolder(), m_directory.describe(), names.error()));
    QMap<QString, ControlNote> nodes;
    for (const QString &name : *names) {
        if (!isValidNodeName(name) || isTemporaryName(name))
            continue;
        const NoteRead read = standby(name);
        if (read.presence == Presence::Unknown)
            return Error(
                QStringLiteral("Could not read the standby state in %1: %2").arg(m_directory.describe(), read.problem));
        if (read.presence == Presence::Present)
            nodes.insert(name, read.note.value_or(ControlNote {}));
    }
    return nodes;
}

Status ControlFiles::requestSwitchover(const SwitchoverRequest &request)
{
    const QString what = QStringLiteral("request a switchover to %1").arg(request.target);
    if (const Status valid = checkNodeName(request.target, what); !valid)
        return valid;
    if (request.epoch == 0)
        return Error(QStringLiteral("Could not %1: the request names no master epoch; a switchover is addressed to "
                                    "the current master, and there is none yet")
                         .arg(what));
    return write(switchoverPath(), encodeSwitchover(request), what);
}

Status ControlFiles::clearSwitchover()
{
    return removeFile(switchoverPath(), QStringLiteral("cancel the switchover request"));
}

SwitchoverRead ControlFiles::switchover()
{
    return interpretSwitchover(m_directory.readFile(switchoverPath(), kControlFileReadLimit), switchoverPath());
}

} // namespace hacmp
