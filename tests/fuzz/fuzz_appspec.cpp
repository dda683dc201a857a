// The guard's parser of the START spec (agent/guard/appspec.h), a strict JSON reader of its own that must
// agree with the agent's writer, QJsonDocument (agent/daemon/startspec.cpp). Invariants: an accepted spec
// has a program, KEY=VALUE environment entries, no NUL and a grace in range; written again by
// QJsonDocument it parses to the same spec.
#include "tests/fuzz/fuzzsupport.h"

#include "agent/guard/appspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace hacmp::guard;

namespace {

bool isUtf8(const std::string &text)
{
    return QString::fromStdString(text).toStdString() == text;
}

QJsonArray array(const std::vector<std::string> &items)
{
    QJsonArray out;
    for (const std::string &item : items)
        out.append(QString::fromStdString(item));
    return out;
}

QByteArray writtenByTheAgent(const AppSpec &spec)
{
    const QJsonObject object { { QStringLiteral("argv"), array(spec.argv) }, { QStringLiteral("env"), array(spec.env) },
        { QStringLiteral("user"), QString::fromStdString(spec.user) },
        { QStringLiteral("group"), QString::fromStdString(spec.group) },
        { QStringLiteral("cwd"), QString::fromStdString(spec.cwd) },
        { QStringLiteral("stop_grace_ms"), spec.stopGraceMs },
        { QStringLiteral("node"), QString::fromStdString(spec.node) },
        { QStringLiteral("cluster_dir"), QString::fromStdString(spec.clusterDir) } };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool same(const AppSpec &a, const AppSpec &b)
{
    return a.argv == b.argv && a.env == b.env && a.user == b.user && a.group == b.group && a.cwd == b.cwd
        && a.stopGraceMs == b.stopGraceMs && a.node == b.node && a.clusterDir == b.clusterDir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Outcome<AppSpec> parsed = parseAppSpec(std::string_view(reinterpret_cast<const char *>(data), size));
    if (!parsed.ok())
        return 0;
    const AppSpec &spec = parsed.value();
    FUZZ_CHECK(!spec.argv.empty() && !spec.argv.front().empty());
    FUZZ_CHECK(spec.stopGraceMs >= 0);
    std::vector<std::string> texts = spec.argv;
    texts.insert(texts.end(), spec.env.begin(), spec.env.end());
    texts.insert(texts.end(), { spec.user, spec.group, spec.cwd, spec.node, spec.clusterDir });
    bool utf8 = true;
    for (const std::string &text : texts) {
        FUZZ_CHECK(text.find('\0') == std::string::npos);
        utf8 = utf8 && isUtf8(text);
    }
    for (const std::string &entry : spec.env)
        FUZZ_CHECK(entry.find('=') != std::string::npos && entry.front() != '=');
    if (utf8) {
        const QByteArray again = writtenByTheAgent(spec);
        const Outcome<AppSpec> reparsed = parseAppSpec(std::string_view(again.constData(), size_t(again.size())));
        FUZZ_CHECK(reparsed.ok() && same(reparsed.value(), spec));
    }
    return 0;
}
