#include "shared/config/agentconfig.h"

#include "shared/config/commandline.h"
#include "shared/config/duration.h"
#include "shared/config/inifile.h"
#include "shared/config/nodename.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QSysInfo>

#include <algorithm>
#include <optional>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>

namespace hacmp {

namespace {

const QList<std::pair<QString, QStringList>> &schema()
{
    static const QList<std::pair<QString, QStringList>> sections {
        { QStringLiteral("cluster"),
            { QStringLiteral("backend"), QStringLiteral("directory"), QStringLiteral("name"),
                QStringLiteral("allow_world_writable"), QStringLiteral("endpoints"), QStringLiteral("prefix"),
                QStringLiteral("ca_file"), QStringLiteral("cert_file"), QStringLiteral("key_file"),
                QStringLiteral("user"), QStringLiteral("password_file"), QStringLiteral("election_timeout") } },
        { QStringLiteral("node"),
            { QStringLiteral("name"), QStringLiteral("priority"), QStringLiteral("state_directory") } },
        { QStringLiteral("timing"),
            { QStringLiteral("interval"), QStringLiteral("io_timeout"), QStringLiteral("failover_timeout"),
                QStringLiteral("renew_limit"), QStringLiteral("stop_grace") } },
        { QStringLiteral("application"),
            { QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("check"),
                QStringLiteral("check_interval"), QStringLiteral("check_timeout"), QStringLiteral("detect"),
                QStringLiteral("user"), QStringLiteral("group"), QStringLiteral("working_directory"),
                QStringLiteral("environment"), QStringLiteral("restart_limit"), QStringLiteral("restart_window") } },
        { QStringLiteral("notify"), { QStringLiteral("command"), QStringLiteral("webhook") } },
        { QStringLiteral("metrics"), { QStringLiteral("listen") } },
    };
    return sections;
}

// Levenshtein distance, for "did you mean" hints on misspelt keys.
qsizetype editDistance(const QString &a, const QString &b)
{
    QList<qsizetype> previous(b.size() + 1);
    QList<qsizetype> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype substitution = previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, substitution });
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString suggestion(const QString &word, const QStringList &candidates)
{
    QString best;
    qsizetype bestDistance = 3; // only close matches
    for (const QString &candidate : candidates) {
        const qsizetype distance = editDistance(word.toLower(), candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best.isEmpty() ? QString() : QStringLiteral(" (did you mean %1?)").arg(best);
}

bool isAbsolute(const QString &path)
{
    return path.startsWith(QLatin1Char('/'));
}

/// Reads the keys of one IniFile into an AgentConfig, collecting every problem.
class ConfigReader final
{
public:
    explicit ConfigReader(const IniFile &ini)
        : m_ini(ini)
    { }

    QStringList errors;
    bool requiredKeysReported = true;

    const IniEntry *entry(const QString &section, const QString &key) const { return m_ini.find(section, key); }

    QString location(const IniEntry &entry) const { return m_ini.location(entry.line); }

    void fail(const IniEntry &entry, const QString &problem)
    {
        errors << QStringLiteral("%1: [%2] %3: %4").arg(location(entry), entry.section, entry.key, problem);
    }

    void failValue(const IniEntry &entry, const QString &problem, const QString &expected)
    {
        fail(entry, QStringLiteral("\"%1\" %2; expected %3").arg(entry.value, problem, expected));
    }

    void missing(const QString &section, const QString &key, const QString &expected)
    {
        if (!requiredKeysReported)
            return;
        const int line = m_ini.sectionLine(section);
        errors << QStringLiteral("%1: [%2] %3 is required but not set; add %3 = %4%5")
                      .arg(m_ini.location(line), section, key, expected,
                          line > 0 ? QString() : QStringLiteral(" under a new [%1] section").arg(section));
    }

    void checkKnownKeys()
    {
        QStringList sectionNames;
        for (const auto &[name, keys] : schema())
            sectionNames << name;
        QSet<QString> reportedSections;
        for (const IniSection &header : m_ini.sections()) {
            if (sectionNames.contains(header.name) || reportedSections.contains(header.name))
                continue;
            reportedSections.insert(header.name);
            errors << QStringLiteral("%1: unknown section [%2]%3; known sections: %4")
                          .arg(m_ini.location(header.line), header.name, suggestion(header.name, sectionNames),
                              sectionNames.join(QStringLiteral(", ")));
        }
        for (const IniEntry &item : m_ini.entries()) {
            if (!sectionNames.contains(item.section))
                continue;
            const QStringList keys = AgentConfig::knownKeys(item.section);
            if (keys.contains(item.key))
                continue;
            errors << QStringLiteral("%1: unknown key [%2] %3%4; known keys: %5")
                          .arg(location(item), item.section, item.key, suggestion(item.key, keys),
                              keys.join(QStringLiteral(", ")));
        }
    }

    /// The value with one pair of surrounding double quotes removed (backslash escapes " and \ inside them).
    std::optional<QString> scalar(const IniEntry &entry)
    {
        const QString &value = entry.value;
        if (!value.startsWith(QLatin1Char('"')))
            return value;
        const Result<QStringList> words = splitCommandLine(value);
        if (!words || words->size() != 1 || !value.endsWith(QLatin1Char('"')) || value.size() < 2) {
            failValue(entry, QStringLiteral("starts with a double quote but is not one quoted string"),
                QStringLiteral("either no quotes or the whole value in \"...\""));
            return std::nullopt;
        }
        return words->constFirst();
    }

    void readPositiveDuration(const QString &section, const QString &key, Millis &target)
    {
        const IniEntry *item = entry(section, key);
        if (!item)
            return;
        const Result<Millis> duration = parseDuration(item->value);
        if (!duration) {
            fail(*item, duration.error());
            m_timingBroken = m_timingBroken || section == QLatin1String("timing");
            return;
        }
        if (duration->count() <= 0) {
            failValue(*item, QStringLiteral("is not greater than zero"),
                QStringLiteral("a positive duration such as %1").arg(formatDuration(target)));
            m_timingBroken = m_timingBroken || section == QLatin1String("timing");
            return;
        }
        target = *duration;
    }

    void readInt(const QString &section, const QString &key, int &target, int minimum, int maximum)
    {
        const IniEntry *item = entry(section, key);
        if (!item)
            return;
        bool ok = false;
        const int value = item->value.toInt(&ok, 10);
        if (!ok || value < minimum || value > maximum) {
            failValue(*item, ok ? QStringLiteral("is out of range") : QStringLiteral("is not a whole number"),
                QStringLiteral("a whole number from %1 to %2").arg(minimum).arg(maximum));
            return;
        }
        target = value;
    }

    void readBool(const QString &section, const QString &key, bool &target)
    {
        const IniEntry *item = entry(section, key);
        if (!item)
            return;
        const QString value = item->value.toLower();
        static const QStringList yes { QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on"),
            QStringLiteral("1") };
        static const QStringList no { QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("off"),
            QStringLiteral("0") };
        if (yes.contains(value)) {
            target = true;
        } else if (no.contains(value)) {
            target = false;
        } else {
            failValue(
                *item, QStringLiteral("is not a boolean"), QStringLiteral("true, false, yes, no, on, off, 1 or 0"));
        }
    }

    /// An absolute path; returns the entry when one was read, so callers can point at its line.
    const IniEntry *readPath(
        const QString &section, const QString &key, QString &target, bool required, const QString &what)
    {
        const IniEntry *item = entry(section, key);
        if (!item || item->value.isEmpty()) {
            if (required && !item)
                missing(section, key, what);
            else if (required)
                failValue(*item, QStringLiteral("is empty"), what);
            return nullptr;
        }
        const std::optional<QString> value = scalar(*item);
        if (!value)
            return nullptr;
        if (!isAbsolute(*value)) {
            failValue(*item, QStringLiteral("is not an absolute path"), what);
            return nullptr;
        }
        target = QDir::cleanPath(*value);
        return item;
    }

    void readCommand(const QString &section, const QString &key, QStringList &target, bool required)
    {
        const QString expected
            = QStringLiteral("a program and its arguments, such as /usr/local/bin/myapp --port 8080 (no shell; quote "
                             "arguments with spaces)");
        const IniEntry *item = entry(section, key);
        if (!item) {
            if (required)
                missing(section, key, QStringLiteral("/path/to/program and its arguments"));
            return;
        }
        const Result<QStringList> words = splitCommandLine(item->value);
        if (!words) {
            failValue(*item, QStringLiteral("cannot be split into arguments (%1)").arg(words.error()), expected);
            return;
        }
        if (words->isEmpty()) {
            if (required)
                failValue(*item, QStringLiteral("is empty"), expected);
            return;
        }
        target = *words;
    }

    void readOptionalString(const QString &section, const QString &key, QString &target)
    {
        const IniEntry *item = entry(section, key);
        if (!item)
            return;
        if (const std::optional<QString> value = scalar(*item))
            target = *value;
    }

    void readAccountName(const QString &section, const QString &key, QString &target)
    {
        static const QRegularExpression pattern(QStringLiteral("^(?:[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?|[0-9]{1,10})$"));
        const IniEntry *item = entry(section, key);
        if (!item || item->value.isEmpty())
            return;
        const std::optional<QString> value = scalar(*item);
        if (!value)
            return;
        if (!pattern.match(*value).hasMatch()) {
            failValue(*item, QStringLiteral("is not a valid %1 name").arg(key),
                QStringLiteral("a %1 name such as myapp (letters, digits, '_', '.', '-', starting with a letter "
                               "or '_'), or a numeric id")
                    .arg(key));
            return;
        }
        target = *value;
    }

    bool timingBroken() const { return m_timingBroken; }

private:
    const IniFile &m_ini;
    bool m_timingBroken = false;
};

/// The keys of [cluster] that only one backend has.
const QStringList &directoryOnlyKeys()
{
    static const QStringList keys { QStringLiteral("directory"), QStringLiteral("allow_world_writable") };
    return keys;
}

const QStringList &etcdOnlyKeys()
{
    static const QStringList keys { QStringLiteral("endpoints"), QStringLiteral("prefix"), QStringLiteral("ca_file"),
        QStringLiteral("cert_file"), QStringLiteral("key_file"), QStringLiteral("user"),
        QStringLiteral("password_file"), QStringLiteral("election_timeout") };
    return keys;
}

void readBackend(ConfigReader &reader, AgentConfig::Cluster &cluster)
{
    const QString section = QStringLiteral("cluster");
    const IniEntry *item = reader.entry(section, QStringLiteral("backend"));
    if (!item)
        return;
    const std::optional<QString> value = reader.scalar(*item);
    if (!value)
        return;
    if (*value == QLatin1String("directory")) {
        cluster.backend = AgentConfig::Cluster::Backend::Directory;
    } else if (*value == QLatin1String("etcd")) {
        cluster.backend = AgentConfig::Cluster::Backend::Etcd;
    } else {
        reader.failValue(*item, QStringLiteral("is not a known backend"),
            QStringLiteral("directory (a shared directory, the default) or etcd"));
    }
}

/// An etcd endpoint: an http or https URL with a host and no path (the same rule as EtcdClient's).
bool isEtcdEndpoint(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty() && (url.path().isEmpty() || url.path() == QLatin1String("/")) && !url.hasQuery()
        && !url.hasFragment() && url.userInfo().isEmpty();
}

void readEtcd(ConfigReader &reader, AgentConfig::Cluster &cluster)
{
    const QString section = QStringLiteral("cluster");
    AgentConfig::Etcd &etcd = cluster.etcd;
    const QString endpointsKey = QStringLiteral("endpoints");
    if (const IniEntry *item = reader.entry(section, endpointsKey)) {
        const QString expected = QStringLiteral("the client URLs of the etcd members separated by spaces or commas, "
                                                "such as https://10.0.1.5:2379 https://10.0.2.5:2379 "
                                                "https://10.0.3.5:2379");
        const QStringList urls = item->value.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
        QStringList bad;
        QStringList normalized;
        for (const QString &url : urls) {
            if (isEtcdEndpoint(url))
                normalized << QUrl(url, QUrl::StrictMode).toString();
            else
                bad << url;
        }
        if (urls.isEmpty()) {
            reader.failValue(*item, QStringLiteral("is empty"), expected);
        } else if (!bad.isEmpty()) {
            reader.failValue(*item,
                QStringLiteral("has %1 that %2 not an http:// or https:// URL without a path")
                    .arg(
                        bad.join(QStringLiteral(", ")), bad.size() == 1 ? QStringLiteral("is") : QStringLiteral("are")),
                expected);
        } else if (QStringList(normalized).removeDuplicates() > 0) {
            reader.failValue(*item, QStringLiteral("names a member twice"), expected);
        } else {
            etcd.endpoints = normalized;
        }
    } else {
        reader.missing(section, endpointsKey,
            QStringLiteral("the client URLs of the etcd members (backend = etcd), such as https://10.0.1.5:2379"));
    }

    etcd.prefix = cluster.name.isEmpty() ? QString() : QStringLiteral("/hacmp/%1/").arg(cluster.name);
    if (const IniEntry *item = reader.entry(section, QStringLiteral("prefix"))) {
        if (const std::optional<QString> prefix = reader.scalar(*item)) {
            const bool valid = prefix->startsWith(QLatin1Char('/')) && prefix->endsWith(QLatin1Char('/'))
                && !prefix->contains(QLatin1String("//")) && !prefix->contains(QChar(0))
                && !prefix->contains(QRegularExpression(QStringLiteral("\\s")));
            if (valid)
                etcd.prefix = *prefix;
            else
                reader.failValue(*item, QStringLiteral("is not a key prefix"),
                    QStringLiteral("a prefix that starts and ends with \"/\", without spaces or \"//\", such as "
                                   "/hacmp/%1/ (the default)")
                        .arg(cluster.name.isEmpty() ? QStringLiteral("<name>") : cluster.name));
        }
    }

    const QString pem = QStringLiteral("the absolute path of a PEM file");
    const IniEntry *certEntry = reader.readPath(section, QStringLiteral("cert_file"), etcd.certFile, false, pem);
    const IniEntry *keyEntry = reader.readPath(section, QStringLiteral("key_file"), etcd.keyFile, false, pem);
    reader.readPath(section, QStringLiteral("ca_file"), etcd.caFile, false, pem);
    // A key that is set but wrong has its own message already.
    const auto unset = [&](const QString &key) {
        const IniEntry *item = reader.entry(section, key);
        return !item || item->value.isEmpty();
    };
    if (certEntry && unset(QStringLiteral("key_file")))
        reader.fail(
            *certEntry, QStringLiteral("is set without key_file; set both (the client certificate and its key)"));
    if (keyEntry && unset(QStringLiteral("cert_file")))
        reader.fail(
            *keyEntry, QStringLiteral("is set without cert_file; set both (the client certificate and its key)"));

    const IniEntry *userEntry = reader.entry(section, QStringLiteral("user"));
    if (userEntry) {
        if (const std::optional<QString> user = reader.scalar(*userEntry)) {
            if (user->isEmpty() || user->contains(QRegularExpression(QStringLiteral("\\s"))))
                reader.failValue(*userEntry, QStringLiteral("is not an etcd user name"),
                    QStringLiteral("the name of an etcd user, without spaces"));
            else
                etcd.user = *user;
        }
    }
    const IniEntry *passwordEntry = reader.readPath(section, QStringLiteral("password_file"), etcd.passwordFile, false,
        QStringLiteral("the absolute path of a file readable by root only that holds the etcd user's password"));
    if (userEntry && !etcd.user.isEmpty() && unset(QStringLiteral("password_file")))
        reader.fail(*userEntry,
            QStringLiteral("is set without password_file; set password_file to the file that holds "
                           "the user's password"));
    if (passwordEntry && unset(QStringLiteral("user")))
        reader.fail(
            *passwordEntry, QStringLiteral("is set without user; set user to the etcd user the password is for"));
    reader.readPositiveDuration(section, QStringLiteral("election_timeout"), etcd.electionTimeout);
}

/// The etcd backend's timing rule (docs/protocol.md, The etcd backend): a write may wait for a new etcd leader
/// for [cluster] election_timeout, so [timing] io_timeout must cover it and a round trip more; otherwise every
/// etcd leader change would cost the master its lease.
void checkEtcdTiming(ConfigReader &reader, const IniFile &ini, const AgentConfig &config)
{
    if (!config.cluster.usesEtcd() || reader.timingBroken())
        return;
    const Millis least = config.cluster.etcd.electionTimeout + AgentConfig::kEtcdElectionMargin;
    if (config.timing.ioTimeout >= least)
        return;
    const IniEntry *item = reader.entry(QStringLiteral("timing"), QStringLiteral("io_timeout"));
    const QString where = item ? reader.location(*item) : ini.location(ini.sectionLine(QStringLiteral("timing")));
    reader.errors << QStringLiteral("%1: [timing] io_timeout = %2 is shorter than [cluster] election_timeout (%3) + "
                                    "%4: a write that waits for a new etcd leader would fail and cost the master its "
                                    "lease; set io_timeout to at least %5, or set election_timeout to the members' "
                                    "--election-timeout if it is shorter")
                         .arg(where, formatDuration(config.timing.ioTimeout),
                             formatDuration(config.cluster.etcd.electionTimeout),
                             formatDuration(AgentConfig::kEtcdElectionMargin), formatDuration(least));
}

void readCluster(ConfigReader &reader, AgentConfig::Cluster &cluster)
{
    const QString section = QStringLiteral("cluster");
    readBackend(reader, cluster);
    const bool etcd = cluster.backend == AgentConfig::Cluster::Backend::Etcd;
    const QStringList &foreignKeys = etcd ? directoryOnlyKeys() : etcdOnlyKeys();
    for (const QString &key : foreignKeys) {
        if (const IniEntry *item = reader.entry(section, key))
            reader.fail(*item,
                etcd ? QStringLiteral("is only for backend = directory; an etcd cluster is reached through endpoints")
                     : QStringLiteral("is only for backend = etcd; add backend = etcd or remove %1").arg(key));
    }
    if (!etcd) {
        reader.readPath(section, QStringLiteral("directory"), cluster.directory, true,
            QStringLiteral("the absolute path of the shared cluster directory"));
    }
    const QString nameKey = QStringLiteral("name");
    if (const IniEntry *item = reader.entry(section, nameKey)) {
        if (const std::optional<QString> name = reader.scalar(*item)) {
            if (isValidNodeName(*name)) {
                cluster.name = *name;
            } else {
                reader.failValue(*item, QStringLiteral("is not a valid cluster name"),
                    QStringLiteral("1 to 63 letters, digits, '.', '_' or '-', starting with a letter or "
                                   "digit (the name given to hacmpctl init)"));
            }
        }
    } else {
        reader.missing(section, nameKey, QStringLiteral("the cluster's name (as given to hacmpctl init)"));
    }
    if (etcd)
        readEtcd(reader, cluster);
    else
        reader.readBool(section, QStringLiteral("allow_world_writable"), cluster.allowWorldWritable);
}

void readNode(ConfigReader &reader, AgentConfig &config, const QString &nodeNameOverride)
{
    const QString section = QStringLiteral("node");
    if (!nodeNameOverride.isEmpty()) {
        if (isValidNodeName(nodeNameOverride))
            config.node.name = nodeNameOverride;
        else
            reader.errors << QStringLiteral("the node name given on the command line is not valid: %1")
                                 .arg(nodeNameProblem(nodeNameOverride));
    } else if (const IniEntry *item = reader.entry(section, QStringLiteral("name"))) {
        if (const std::optional<QString> name = reader.scalar(*item)) {
            if (isValidNodeName(*name))
                config.node.name = *name;
            else
                reader.fail(*item, nodeNameProblem(*name));
        }
    } else {
        const QString host = AgentConfig::hostNodeName();
        if (isValidNodeName(host))
            config.node.name = host;
        else
            reader.errors << QStringLiteral("%1: [node] name is not set and the host name does not give a valid "
                                            "one (%2); set [node] name")
                                 .arg(config.path, nodeNameProblem(host));
    }
    reader.readInt(section, QStringLiteral("priority"), config.node.priority, 0, 1000000);

    const IniEntry *stateEntry = reader.readPath(section, QStringLiteral("state_directory"), config.node.stateDirectory,
        false, QStringLiteral("an absolute path of a local directory, such as /var/lib/hacmp"));
    const QString &shared = config.cluster.directory;
    const QString &state = config.node.stateDirectory;
    if (!shared.isEmpty()
        && (state == shared
            || state.startsWith(shared.endsWith(QLatin1Char('/')) ? shared : shared + QLatin1Char('/')))) {
        const QString problem = QStringLiteral("is inside the shared [cluster] directory %1; the state directory "
                                               "must be local to this host, such as /var/lib/hacmp")
                                    .arg(shared);
        if (stateEntry)
            reader.fail(*stateEntry, QStringLiteral("\"%1\" %2").arg(state, problem));
        else
            reader.errors
                << QStringLiteral("%1: [node] state_directory (default %2) %3").arg(config.path, state, problem);
    }
}

void readTiming(ConfigReader &reader, const IniFile &ini, Timing &timing)
{
    const QString section = QStringLiteral("timing");
    reader.readPositiveDuration(section, QStringLiteral("interval"), timing.interval);
    reader.readPositiveDuration(section, QStringLiteral("io_timeout"), timing.ioTimeout);
    reader.readPositiveDuration(section, QStringLiteral("failover_timeout"), timing.failoverTimeout);
    reader.readPositiveDuration(section, QStringLiteral("renew_limit"), timing.renewLimit);
    reader.readPositiveDuration(section, QStringLiteral("stop_grace"), timing.stopGrace);
    if (reader.timingBroken())
        return;
    const Status status = timing.validate();
    if (status)
        return;
    const QString where = ini.location(ini.sectionLine(section));
    const QStringList lines = status.error().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        reader.errors << QStringLiteral("%1: %2").arg(where, line);
}

void readEnvironment(ConfigReader &reader, QStringList &environment)
{
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    const IniEntry *item = reader.entry(QStringLiteral("application"), QStringLiteral("environment"));
    if (!item)
        return;
    const QString expected = QStringLiteral("KEY=VALUE pairs separated by spaces, KEY made of letters, digits and "
                                            "'_' not starting with a digit; quote values with spaces: "
                                            "KEY=\"a b\"");
    const Result<QStringList> words = splitCommandLine(item->value);
    if (!words) {
        reader.failValue(*item, QStringLiteral("cannot be split (%1)").arg(words.error()), expected);
        return;
    }
    QSet<QString> seen;
    QStringList result;
    bool ok = true;
    for (const QString &word : *words) {
        const qsizetype equals = word.indexOf(QLatin1Char('='));
        const QString key = word.left(equals);
        if (equals < 0 || !keyPattern.match(key).hasMatch()) {
            reader.failValue(*item, QStringLiteral("has an invalid entry \"%1\"").arg(word), expected);
            ok = false;
        } else if (seen.contains(key)) {
            reader.failValue(
                *item, QStringLiteral("sets variable %1 twice").arg(key), QStringLiteral("each variable set once"));
            ok = false;
        } else {
            seen.insert(key);
            result << word;
        }
    }
    if (ok)
        environment = result;
}

void readApplication(ConfigReader &reader, AgentConfig::Application &application)
{
    const QString section = QStringLiteral("application");
    reader.readCommand(section, QStringLiteral("start"), application.start, true);
    reader.readCommand(section, QStringLiteral("stop"), application.stop, false);
    reader.readCommand(section, QStringLiteral("check"), application.check, false);
    reader.readPositiveDuration(section, QStringLiteral("check_interval"), application.checkInterval);
    reader.readPositiveDuration(section, QStringLiteral("check_timeout"), application.checkTimeout);
    reader.readOptionalString(section, QStringLiteral("detect"), application.detect);
    if (const IniEntry *item = reader.entry(section, QStringLiteral("detect"));
        item && !QRegularExpression(application.detect).isValid())
        reader.failValue(*item,
            QStringLiteral("is not a valid regular expression (%1)")
                .arg(QRegularExpression(application.detect).errorString()),
            QStringLiteral("a regular expression matched against each process's command line, as pgrep -f"));
    reader.readAccountName(section, QStringLiteral("user"), application.user);
    reader.readAccountName(section, QStringLiteral("group"), application.group);
    reader.readPath(section, QStringLiteral("working_directory"), application.workingDirectory, false,
        QStringLiteral("an absolute path, such as /srv/myapp"));
    readEnvironment(reader, application.environment);
    reader.readInt(section, QStringLiteral("restart_limit"), application.restartLimit, 0, 1000);
    reader.readPositiveDuration(section, QStringLiteral("restart_window"), application.restartWindow);
}

void readNotify(ConfigReader &reader, AgentConfig::Notify &notify)
{
    const QString section = QStringLiteral("notify");
    reader.readCommand(section, QStringLiteral("command"), notify.command, false);
    const IniEntry *item = reader.entry(section, QStringLiteral("webhook"));
    if (!item || item->value.isEmpty())
        return;
    const std::optional<QString> text = reader.scalar(*item);
    if (!text)
        return;
    const QUrl url(*text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        reader.failValue(*item, QStringLiteral("is not a valid http or https URL"),
            QStringLiteral("a URL such as https://alerts.example.com/hooks/hacmp"));
        return;
    }
    notify.webhook = url;
}

void readMetrics(ConfigReader &reader, AgentConfig::Metrics &metrics)
{
    const IniEntry *item = reader.entry(QStringLiteral("metrics"), QStringLiteral("listen"));
    if (!item || item->value.isEmpty())
        return;
    const std::optional<QString> text = reader.scalar(*item);
    if (!text)
        return;
    const QString expected = QStringLiteral("an IP address and a port, such as 127.0.0.1:9631 or [::1]:9631 "
                                            "(0.0.0.0:9631 for every interface); leave it out for no metrics");
    const qsizetype colon = text->lastIndexOf(QLatin1Char(':'));
    QString address = colon > 0 ? text->left(colon) : QString();
    bool portOk = false;
    const uint port = colon > 0 ? text->mid(colon + 1).toUInt(&portOk) : 0;
    const bool bracketed = address.startsWith(QLatin1Char('[')) && address.endsWith(QLatin1Char(']'));
    if (bracketed)
        address = address.mid(1, address.size() - 2);
    in6_addr any {};
    const QByteArray host = address.toLatin1();
    const bool valid = bracketed ? ::inet_pton(AF_INET6, host.constData(), &any) == 1
                                 : ::inet_pton(AF_INET, host.constData(), &any) == 1;
    if (!valid) {
        reader.failValue(*item, QStringLiteral("is not an IP address and port"), expected);
        return;
    }
    if (!portOk || port == 0 || port > 65535) {
        reader.failValue(*item, QStringLiteral("has no port between 1 and 65535"), expected);
        return;
    }
    metrics.address = address;
    metrics.port = quint16(port);
}

} // namespace

QString AgentConfig::Metrics::listen() const
{
    if (!enabled())
        return {};
    const bool v6 = address.contains(QLatin1Char(':'));
    return (v6 ? QLatin1Char('[') + address + QLatin1Char(']') : address) + QLatin1Char(':') + QString::number(port);
}

Result<AgentConfig> AgentConfig::load(const QString &path, const QString &nodeNameOverride)
{
    const Result<QByteArray> text = IniFile::readText(path);
    if (!text)
        return Error(QStringLiteral("%1; the agent needs its configuration file").arg(text.error()));
    return parse(*text, path, nodeNameOverride);
}

Result<AgentConfig> AgentConfig::parse(const QByteArray &text, const QString &path, const QString &nodeNameOverride)
{
    QStringList syntaxErrors;
    const IniFile ini = IniFile::parsePartial(text, path, syntaxErrors);

    AgentConfig config;
    config.path = path;
    ConfigReader reader(ini);
    reader.errors = syntaxErrors;
    // A malformed line may be the required key itself; do not add a second, misleading message for it.
    reader.requiredKeysReported = syntaxErrors.isEmpty();

    reader.checkKnownKeys();
    readCluster(reader, config.cluster);
    readNode(reader, config, nodeNameOverride);
    readTiming(reader, ini, config.timing);
    readApplication(reader, config.application);
    readNotify(reader, config.notify);
    readMetrics(reader, config.metrics);
    checkEtcdTiming(reader, ini, config);

    if (!reader.errors.isEmpty())
        return Error(reader.errors.join(QLatin1Char('\n')));
    return config;
}

QStringList AgentConfig::knownSections()
{
    QStringList names;
    for (const auto &[name, keys] : schema())
        names << name;
    return names;
}

QStringList AgentConfig::knownKeys(const QString &section)
{
    for (const auto &[name, keys] : schema()) {
        if (name == section)
            return keys;
    }
    return {};
}

QString AgentConfig::hostNodeName()
{
    return QSysInfo::machineHostName().section(QLatin1Char('.'), 0, 0);
}

} // namespace hacmp
