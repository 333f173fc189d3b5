#include "rdkafkalibrary.h"

#include <QLibrary>

namespace kafkalab::live::detail {

namespace {

RdKafkaLibrary load()
{
    RdKafkaLibrary lib;
    // KAFKALAB_RDKAFKA_LIBRARY names another build (a path or a library name); without it, the
    // system's librdkafka.so.1 (rdkafka.dll, librdkafka.1.dylib). Never unloaded (a QLibrary
    // leaves its library loaded when it is destroyed): librdkafka's threads may outlive a client.
    static QLibrary library;
    const QString chosen = qEnvironmentVariable("KAFKALAB_RDKAFKA_LIBRARY");
    if (chosen.isEmpty())
        library.setFileNameAndVersion(QStringLiteral("rdkafka"), 1);
    else
        library.setFileName(chosen);
    if (!library.load()) {
        lib.error = QStringLiteral("Live mode needs librdkafka (librdkafka1 on Debian and Ubuntu), which could "
                                   "not be loaded: %1")
                        .arg(library.errorString());
        return lib;
    }
    QStringList missing;
#define KAFKALAB_RDKAFKA_RESOLVE(name)                                                                                 \
    lib.name = reinterpret_cast<decltype(lib.name)>(library.resolve(#name));                                           \
    if (lib.name == nullptr)                                                                                           \
        missing << QStringLiteral(#name);
    KAFKALAB_RDKAFKA_FUNCTIONS(KAFKALAB_RDKAFKA_RESOLVE)
#undef KAFKALAB_RDKAFKA_RESOLVE
    if (!missing.isEmpty()) {
        lib = RdKafkaLibrary {};
        lib.error = QStringLiteral("Live mode needs a newer librdkafka: %1 lacks %2")
                        .arg(library.fileName(), missing.join(QStringLiteral(", ")));
    }
    return lib;
}

} // namespace

const RdKafkaLibrary &rdkafka()
{
    static const RdKafkaLibrary library = load();
    return library;
}

bool isRdKafkaLoaded(QString *why)
{
    const RdKafkaLibrary &lib = rdkafka();
    if (why != nullptr)
        *why = lib.error;
    return lib.error.isEmpty();
}

} // namespace kafkalab::live::detail
