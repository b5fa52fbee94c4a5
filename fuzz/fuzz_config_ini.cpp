// SPDX-License-Identifier: GPL-3.0-or-later
// The configuration reader (ConfigSource over an INI file, as every program reads
// /etc/clinico/*.conf), on any file contents. The file is a memfd: no disk I/O per input.
#include "core/configsource.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <sys/mman.h>
#include <unistd.h>

using namespace clinico;

namespace {
constexpr ConfigKey kKeys[] = {
    { "server/url", "server", "", "url" },
    { "server/token", "token", "", "token" },
    { "display/clinicName", "clinic-name", "", "name" },
    { "printer/queue", "printer", "", "queue" },
    { "sound/quietHours", "quiet-hours", "", "from-to" },
    { "windowed", "windowed", "", "" },
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char arg0[] = "fuzz_config_ini";
    static char *argv[] = { arg0, nullptr };
    static QCoreApplication app(argc, argv); // QSettings wants an application
    const int fd = memfd_create("config", 0);
    if (fd < 0)
        return 0;
    if (size > 0 && ::write(fd, data, size) != ssize_t(size)) {
        ::close(fd);
        return 0;
    }
    const QString path = QStringLiteral("/proc/self/fd/%1").arg(fd);
    QCommandLineParser parser;
    ConfigSource::addOptions(parser, kKeys);
    parser.parse({ QStringLiteral("fuzz"), QStringLiteral("--config"), path });
    if (auto source = ConfigSource::open(parser, {})) {
        for (const ConfigKey &k : kKeys) {
            (void)source->value(k, QStringLiteral("default"));
            bool ok = false;
            (void)source->intValue(k, 1, &ok);
            (void)source->contains(k);
        }
    }
    ::close(fd);
    return 0;
}
