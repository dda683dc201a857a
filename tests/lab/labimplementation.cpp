#include "tests/lab/labimplementation.h"

#include "tests/lab/hacmpimplementation.h"
#include "tests/lab/prototypeimplementation.h"

namespace hacmp::lab {

QStringList LabImplementation::names()
{
    return { QStringLiteral("hacmp"), QStringLiteral("hacmp-etcd"), QStringLiteral("prototype") };
}

Result<std::unique_ptr<LabImplementation>> LabImplementation::create(const QString &name)
{
    if (name == QLatin1String("hacmp"))
        return std::unique_ptr<LabImplementation>(std::make_unique<HacmpImplementation>());
    if (name == QLatin1String("hacmp-etcd"))
        return std::unique_ptr<LabImplementation>(
            std::make_unique<HacmpImplementation>(HacmpImplementation::Store::EtcdSites));
    if (name == QLatin1String("prototype"))
        return std::unique_ptr<LabImplementation>(std::make_unique<PrototypeImplementation>());
    return Error(
        QStringLiteral("unknown implementation \"%1\": use one of %2").arg(name, names().join(QStringLiteral(", "))));
}

} // namespace hacmp::lab
