// SPDX-License-Identifier: GPL-3.0-or-later
// Totem figures (issue 3). Prints them; asserts nothing.
//
//   build/bench/totem/totem_bench flow [tickets=40]
//       the patient's last tap (the priority answer) -> the ticket's job accepted by CUPS,
//       with the real server up (online) and stopped (offline), through a private cupsd with
//       a network thermal printer queue. p50/p95.
//   build/bench/totem/totem_bench startup [runs=5]
//       clinico-totem as a process, server unreachable, services from its cache:
//       spawn -> "first frame shown", and its resident memory 2 s after start.
#include "app/totemapp.h"
#include "catalog/catalog.h"
#include "flow/totemflow.h"
#include "issuing/serversync.h"
#include "printing/ticketprinter.h"
#include "privatecupsd.h"
#include "support/serverprocess.h"
#include "support/testclients.h"

#include "support/percentile.h"
#include "support/residentmemory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Clinico_TotemPlugin)

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;

using clinico::bench::percentile;
using clinico::bench::residentKiB;

namespace {

struct Clinic
{
    ServerProcess server;
    qint64 service = 0;
    QString totemToken;
    bool start()
    {
        service = server.addService(QStringLiteral("C"), QStringLiteral("Consulta"));
        server.addCounter(QStringLiteral("Consultório 1"), { service });
        totemToken = server.addDevice(QStringLiteral("totem"));
        return server.start();
    }
};

int benchFlow(int tickets)
{
    Clinic clinic;
    PrivateCupsd cupsd;
    ThermalPrinterListener thermal;
    if (!clinic.start() || !cupsd.start()
        || !cupsd.addSocketQueue(QStringLiteral("balcao"), thermal.port())) {
        std::fprintf(stderr, "could not start the server or cupsd\n");
        return 1;
    }
    QTemporaryDir dir;
    TotemConfig config;
    config.serverUrl = clinic.server.url();
    config.token = clinic.totemToken;
    config.dataDir = dir.path();
    config.printer.queue = QStringLiteral("balcao");
    config.printer.cupsServer = cupsd.server();
    auto printer = std::make_unique<printing::CupsTicketPrinter>(config.printer);
    auto *cups = printer.get();
    TotemApp app(config, std::move(printer));
    if (!app.start()
        || !spinUntil([&] { return app.catalog().count() == 1 && app.sync().isOnline(); }, 5000)) {
        std::fprintf(stderr, "the totem did not come up\n");
        return 1;
    }
    spinUntil([] { return false; }, 1000); // leases
    QElapsedTimer clock;
    bool accepted = false;
    QObject::connect(cups, &printing::TicketPrinter::jobAccepted, [&] { accepted = true; });

    auto run = [&](const char *label, int seed) {
        QList<double> ms;
        auto &flow = app.flow();
        for (int i = 0; i < tickets; ++i) {
            flow.restart();
            for (QChar c : validCpf(seed + i))
                if (c.isDigit())
                    flow.typeDigit(c.digitValue());
            flow.confirmCpf();
            accepted = false;
            clock.start();
            flow.choosePriority(QStringLiteral("normal")); // one service: the service screen is skipped
            if (!spinUntil([&] { return accepted; }, 10000)) {
                std::fprintf(stderr, "%s: ticket %d was not accepted by CUPS\n", label, i);
                continue;
            }
            ms << double(clock.nsecsElapsed()) / 1e6;
            spinUntil([&] { return flow.printState() != TotemFlow::PrintState::Printing; }, 10000);
            thermal.takeJob(2000);
        }
        std::printf(
            "flow %-8s %d tickets: confirm -> job accepted by CUPS p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
            label, int(ms.size()), percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 1.0));
    };
    run("online", 1000);
    clinic.server.stop();
    run("offline", 5000);
    return 0;
}

int benchStartup(int runs)
{
    QTemporaryDir dir;
    // First run with a server so the cache is filled, as on a totem that has been used before.
    Clinic clinic;
    if (!clinic.start())
        return 1;
    const QString binary = QStringLiteral(CLINICO_TOTEM_BINARY);
    auto launch = [&](QProcess &p) {
        p.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("clinico.*.info=true"));
        p.setProcessEnvironment(env);
        p.start(binary,
            { QStringLiteral("--server"), clinic.server.url().toString(), QStringLiteral("--token"),
                clinic.totemToken, QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--windowed") });
    };
    {
        QProcess warm;
        launch(warm);
        spinUntil(
            [&] {
                return warm.readAll().contains("server reachable") || warm.state() == QProcess::NotRunning;
            },
            5000);
        spinUntil([] { return false; }, 1500);
        warm.kill();
        warm.waitForFinished();
    }
    clinic.server.stop();
    QList<double> ms;
    QList<double> rssMiB;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        QElapsedTimer t;
        t.start();
        launch(p);
        QByteArray out;
        const bool shown = spinUntil(
            [&] {
                out += p.readAll();
                return out.contains("first frame shown") || p.state() == QProcess::NotRunning;
            },
            10000);
        if (!shown || !out.contains("first frame shown")) {
            std::fprintf(stderr, "no first frame: %s\n", out.constData());
            return 1;
        }
        ms << double(t.nsecsElapsed()) / 1e6;
        spinUntil([] { return false; }, 2000);
        rssMiB << double(residentKiB(p.processId())) / 1024.0;
        p.kill();
        p.waitForFinished();
    }
    std::printf("startup %d runs, server down, from cache: spawn -> first frame p50 %.0f ms, max %.0f ms; "
                "resident memory 2 s after start p50 %.1f MiB, max %.1f MiB\n",
        runs, percentile(ms, 0.5), percentile(ms, 1.0), percentile(rssMiB, 0.5), percentile(rssMiB, 1.0));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString what = args.value(1, QStringLiteral("flow"));
    if (what == u"flow")
        return benchFlow(args.value(2, QStringLiteral("40")).toInt());
    if (what == u"startup")
        return benchStartup(args.value(2, QStringLiteral("5")).toInt());
    std::fprintf(stderr, "usage: totem_bench flow [tickets] | startup [runs]\n");
    return 2;
}
