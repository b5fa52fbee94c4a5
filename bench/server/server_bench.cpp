// SPDX-License-Identifier: GPL-3.0-or-later
// Queue server benchmarks, against the real clinico-server binary on loopback.
//
//   build/bench/server/server_bench issue   [seconds=10] [clients=8]
//       durable tickets issued per second over HTTP (libcurl, keep-alive), N concurrent clients
//   build/bench/server/server_bench callout [subscribers=1,100,1000] [calls=200]
//       call-next request -> ticket.called event received by every subscriber, p50/p99
//   build/bench/server/server_bench soak [tickets=100000] [clients=8] [services=20]
//       issue rate per 10,000 tickets and the size of the database and its WAL: a rate that
//       falls as the WAL grows means nothing checkpoints it. Nobody is called, so every
//       service's queue grows too (tickets / services): each ticket's "people ahead" count
//       costs time in proportion
//   build/bench/server/server_bench snapshot [open=20000] [desks=10]
//       with that many open tickets: how long one TV and then N desks at once wait for their
//       snapshot (built on the server's event loop, so everyone else waits as long)
//
// Prints its figures; it asserts nothing. Targets (issue 2): >= 1000 tickets/s with 8
// clients; call-out p99 <= 50 ms at 1000 subscribers.
#include "support/issueload.h"
#include "support/serverprocess.h"
#include "support/testclients.h"

#include "support/percentile.h"
#include <QCoreApplication>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QUuid>
#include <QWebSocket>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace clinico;
using namespace clinico::test;
using Clock = std::chrono::steady_clock;

using clinico::bench::percentile;

namespace {

struct Clinic
{
    ServerProcess server;
    qint64 service = 0;
    qint64 counter = 0;
    QString totem, tv, desk;
    bool setUp()
    {
        service = server.addService(QStringLiteral("C"), QStringLiteral("Consulta"));
        counter = server.addCounter(QStringLiteral("Consultório 1"), { service });
        totem = server.addDevice(QStringLiteral("totem"));
        tv = server.addDevice(QStringLiteral("tv"));
        desk = server.addDevice(QStringLiteral("desk"));
        return server.start();
    }
};

int benchIssue(int seconds, int clients)
{
    Clinic clinic;
    if (!clinic.setUp())
        return 1;
    std::atomic<int> ok { 0 }, failed { 0 };
    std::atomic<bool> stop { false };
    QList<double> latenciesMs[64];
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            CurlHttpClient http(HttpOptions {
                std::chrono::milliseconds(2000), std::chrono::milliseconds(10000), clinic.totem, {}, {} });
            int i = 0;
            while (!stop) {
                protocol::IssueTicketRequest r { validCpf(c * 1000003 + i++), clinic.service,
                    PriorityClass::Normal, QUuid::createUuid().toString(QUuid::Id128), {}, {}, {}, {} };
                HttpRequest req { "POST", clinic.server.url().toString() + QStringLiteral("/api/v1/tickets"),
                    QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact), "application/json", {} };
                const auto t0 = Clock::now();
                auto resp = http.send(req);
                latenciesMs[c] << std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                if (resp && resp->status == 201) {
                    ++ok;
                } else if (failed++ < 5) {
                    std::fprintf(stderr, "failed: %s\n",
                        resp ? (QByteArray::number(resp->status) + ' ' + resp->body).constData()
                             : resp.error().message.toUtf8().constData());
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto &t : threads)
        t.join();
    QList<double> all;
    for (int c = 0; c < clients; ++c)
        all += latenciesMs[c];
    std::printf("issue: %d clients, %d s: %d tickets (%d failed) = %.0f tickets/s; latency p50 %.2f ms, p99 "
                "%.2f ms\n",
        clients, seconds, ok.load(), failed.load(), ok.load() / double(seconds), percentile(all, 0.5),
        percentile(all, 0.99));
    return 0;
}

int benchCallout(int subscribers, int calls)
{
    Clinic clinic;
    if (!clinic.setUp())
        return 1;
    ApiClient totem(clinic.server.url(), clinic.totem);
    for (int i = 0; i < calls; ++i)
        totem.issue(validCpf(500000 + i), clinic.service);

    // Plain sockets, not EventRecorder: 1000 of them must stay cheap on the client side.
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    int connected = 0;
    qint64 wantedSeq = 0;
    int arrived = 0;
    Clock::time_point lastArrival;
    for (int i = 0; i < subscribers; ++i) {
        auto ws = std::make_unique<QWebSocket>();
        QObject::connect(ws.get(), &QWebSocket::connected, [&] { ++connected; });
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, [&](const QString &m) {
            if (!m.startsWith(QLatin1String("{\"atMs\"")) && !m.contains(QLatin1String("\"type\":\"event\"")))
                return;
            const auto o = QJsonDocument::fromJson(m.toUtf8()).object();
            if (o.value(QStringLiteral("seq")).toInteger() == wantedSeq) {
                ++arrived;
                lastArrival = Clock::now();
            }
        });
        QNetworkRequest req(
            EventStreamClient::eventsUrl(clinic.server.url(), 1000000000)); // ahead: snapshot, tiny
        req.setRawHeader("Authorization", "Bearer " + clinic.tv.toUtf8());
        ws->open(req);
        sockets.push_back(std::move(ws));
        if (i % 50 == 49)
            spinUntil([&] { return connected > i - 10; }, 5000);
    }
    if (!spinUntil([&] { return connected == subscribers; }, 30000)) {
        std::printf("callout: only %d of %d subscribers connected\n", connected, subscribers);
        return 1;
    }
    spinUntil([] { return false; }, 500); // let snapshots drain

    QList<double> firstMs, allMs;
    CurlHttpClient desk(HttpOptions {
        std::chrono::milliseconds(2000), std::chrono::milliseconds(10000), clinic.desk, {}, {} });
    const QString callUrl = clinic.server.url().toString()
        + QStringLiteral("/api/v1/counters/%1/call-next").arg(clinic.counter);
    qint64 seq = calls; // one ticket.issued event per ticket so far
    for (int i = 0; i < calls; ++i) {
        wantedSeq = ++seq;
        arrived = 0;
        Clock::time_point firstArrival {};
        QMetaObject::Connection c;
        const auto t0 = Clock::now();
        std::thread caller([&] { (void)desk.send({ "POST", callUrl, {}, "application/json", {} }); });
        const bool all = spinUntil(
            [&] {
                if (arrived > 0 && firstArrival == Clock::time_point {})
                    firstArrival = lastArrival;
                return arrived == subscribers;
            },
            10000);
        caller.join();
        if (!all) {
            std::printf("callout: call %d reached only %d of %d subscribers\n", i, arrived, subscribers);
            return 1;
        }
        firstMs << std::chrono::duration<double, std::milli>(firstArrival - t0).count();
        allMs << std::chrono::duration<double, std::milli>(lastArrival - t0).count();
    }
    std::printf("callout: %4d subscribers, %d calls: first subscriber p50 %.2f ms p99 %.2f ms; "
                "all subscribers p50 %.2f ms p99 %.2f ms\n",
        subscribers, calls, percentile(firstMs, 0.5), percentile(firstMs, 0.99), percentile(allMs, 0.5),
        percentile(allMs, 0.99));
    return 0;
}

int benchSoak(int tickets, int clients, int serviceCount)
{
    Clinic clinic;
    if (!clinic.setUp())
        return 1;
    QList<qint64> services { clinic.service };
    for (int i = 1; i < serviceCount; ++i)
        services << clinic.server.addService(
            QStringLiteral("S") + QChar(u'A' + i - 1), QStringLiteral("Serviço %1").arg(i));
    constexpr int kRound = 10000;
    const QString db = clinic.server.dataDir() + QStringLiteral("/clinico.sqlite");
    auto mib = [](const QString &path) { return QFileInfo(path).size() / (1024.0 * 1024.0); };
    IssueLoad load(clinic.server.url(), clinic.totem, services, clients);
    for (int done = 0; done < tickets; done += kRound) {
        const int count = std::min(kRound, tickets - done);
        const IssueLoadResult r = load.run(count);
        std::printf(
            "soak: tickets %6d-%6d: %6.0f tickets/s, %d not issued; database %.1f MiB, WAL %.1f MiB\n",
            done + 1, done + count, r.created / r.seconds, count - r.created, mib(db),
            mib(db + QStringLiteral("-wal")));
        std::fflush(stdout);
    }
    return 0;
}

int benchSnapshot(int open, int desks)
{
    Clinic clinic;
    if (!clinic.setUp())
        return 1;
    IssueLoad load(clinic.server.url(), clinic.totem, { clinic.service }, 8);
    if (load.run(open).created != open) {
        std::printf("snapshot: could not issue %d tickets\n", open);
        return 1;
    }
    // Subscribers that ask for a snapshot (since=-1) and time its arrival.
    auto subscribe = [&](const QString &token, int count) {
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        QList<double> ms;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < count; ++i) {
            auto socket = std::make_unique<QWebSocket>();
            QObject::connect(
                socket.get(), &QWebSocket::textMessageReceived, socket.get(), [&ms, &t](const QString &text) {
                    if (text.contains(QLatin1String("\"type\":\"snapshot\"")))
                        ms << double(t.elapsed());
                });
            QNetworkRequest r(EventStreamClient::eventsUrl(clinic.server.url(), -1)); // from nothing
            r.setRawHeader("Authorization", "Bearer " + token.toUtf8());
            socket->open(r);
            sockets.push_back(std::move(socket));
        }
        spinUntil([&] { return ms.size() == count; }, 60000);
        return ms;
    };
    const QList<double> tv = subscribe(clinic.tv, 1);
    const QList<double> desk = subscribe(clinic.desk, desks);
    std::printf("snapshot: %d open tickets: 1 TV waits %.0f ms; %d desks at once: the last waits %.0f ms\n",
        open, tv.value(0, -1), desks, desk.isEmpty() ? -1.0 : *std::max_element(desk.begin(), desk.end()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1, QStringLiteral("issue"));
    if (mode == QLatin1String("issue"))
        return benchIssue(args.value(2, QStringLiteral("10")).toInt(),
            std::clamp(args.value(3, QStringLiteral("8")).toInt(), 1, 64));
    if (mode == QLatin1String("soak"))
        return benchSoak(args.value(2, QStringLiteral("100000")).toInt(),
            std::clamp(args.value(3, QStringLiteral("8")).toInt(), 1, 64),
            std::clamp(args.value(4, QStringLiteral("20")).toInt(), 1, 27));
    if (mode == QLatin1String("snapshot"))
        return benchSnapshot(args.value(2, QStringLiteral("20000")).toInt(),
            std::clamp(args.value(3, QStringLiteral("10")).toInt(), 1, 100));
    if (mode == QLatin1String("callout")) {
        int rc = 0;
        for (const QString &n : args.value(2, QStringLiteral("1,100,1000")).split(u','))
            rc |= benchCallout(n.toInt(), args.value(3, QStringLiteral("200")).toInt());
        return rc;
    }
    std::fprintf(stderr,
        "usage: server_bench issue [seconds] [clients] | callout [1,100,1000] [calls] | soak [tickets] "
        "[clients] [services] | snapshot [open] [desks]\n");
    return 2;
}
