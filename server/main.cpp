// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin/admincli.h"
#include "app/serverapp.h"
#include "platform/servicemanager.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// Every TV and desk holds a WebSocket: the default soft limit of 1024 descriptors is too few
// for a network of clinics. Raise it to the hard limit the administrator allows.
void raiseDescriptorLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}
int s_signalFds[2] = { -1, -1 };

// SIGTERM/SIGINT only write a byte (async-signal-safe); the event loop reads it and quits.
void quitOnSignals(QCoreApplication &app)
{
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(s_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    struct sigaction action
    {
    };
    action.sa_handler = [](int) {
        const char byte = 1;
        [[maybe_unused]] const auto n = ::write(s_signalFds[0], &byte, 1);
    };
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}
} // namespace

int main(int argc, char *argv[])
{
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
    // Qt's own event loop instead of GLib's: GLib unregisters a socket's poll entry by walking
    // a list of every socket, so with thousands of subscribers each write cost a walk over all
    // of them (measured: 5,000 TVs, 22% of the server's time in g_slist_remove and friends).
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clinico-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLINICO_VERSION));

    const QStringList args = app.arguments();
    if (args.size() > 1 && !args[1].startsWith(u'-') && args[1] != QLatin1String("serve"))
        return clinico::server::runAdminCommand(args);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Clinico queue server. Admin commands: clinico-server "
                       "device|service|counter|setting|user|retention|demo-setup --help"));
    parser.addHelpOption();
    parser.addVersionOption();
    clinico::server::ServerConfig::addOptions(parser);
    parser.addPositionalArgument(QStringLiteral("serve"), QStringLiteral("Run the server (default)."));
    parser.process(app);

    auto config = clinico::server::ServerConfig::load(parser);
    if (!config) {
        QTextStream(stderr) << "clinico-server: " << config.error().message << Qt::endl;
        return 2;
    }
    raiseDescriptorLimit();
    quitOnSignals(app);

    clinico::SystemClock clock;
    clinico::server::ServerApp server(*config, clock);
    if (clinico::Status s = server.start(); !s) {
        QTextStream(stderr) << "clinico-server: " << s.error().message << Qt::endl;
        return 1;
    }
    // systemd (Type=notify, WatchdogSec=) restarts a server whose event loop stops turning.
    clinico::ServiceManager serviceManager;
    serviceManager.notifyReady(QStringLiteral("serving"));
    serviceManager.startWatchdog();
    QObject::connect(
        &app, &QCoreApplication::aboutToQuit, &serviceManager, &clinico::ServiceManager::notifyStopping);
    return app.exec();
}
