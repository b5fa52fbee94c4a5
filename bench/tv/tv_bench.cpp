// SPDX-License-Identifier: GPL-3.0-or-later
// TV benchmarks against the real clinico-server on loopback. Prints figures; not a test.
//
//   build/bench/tv/tv_bench latency [tvs=100] [calls=200]
//       call-to-TV-model latency: a desk clicks "call next" (HTTP, from its own thread) and
//       every one of `tvs` in-process TVs (TvApp: event stream, call model, SQLite cache,
//       speech queue, screen state) has the call in its model. p50/p99/max over all TVs.
//   build/bench/tv/tv_bench coldstart [runs=5]
//       the real clinico-tv process (offscreen), its cache holding a day's calls and no
//       server reachable: process start to first frame (it logs "first frame after N ms").
//   build/bench/tv/tv_bench memory [events=50000]
//       the real clinico-tv process (offscreen, rendering) while the server produces
//       `events` events (tickets issued and called): its resident memory along the way.
#include "app/tvapp.h"
#include "feed/callfeed.h"
#include "feed/tvcache.h"
#include "net/eventstreamclient.h"
#include "support/percentile.h"
#include "support/residentmemory.h"
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::tv;
using namespace Qt::StringLiterals;

using clinico::bench::percentile;
using clinico::bench::residentKiB;

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Clinic
{
    ServerProcess server;
    qint64 service = 0;
    QList<qint64> rooms;
    QString tvToken, totemToken, deskToken;

    bool start(int roomCount = 4)
    {
        service = server.addService(u"C"_s, u"Consulta"_s);
        for (int i = 1; i <= roomCount; ++i)
            rooms << server.addCounter(u"Consultório %1"_s.arg(i), { service });
        tvToken = server.addDevice(u"tv"_s, u"TV bench"_s);
        totemToken = server.addDevice(u"totem"_s, u"Totem bench"_s);
        deskToken = server.addDevice(u"desk"_s, u"Desk bench"_s);
        return server.start();
    }
};

int latency(int tvCount, int calls)
{
    Clinic clinic;
    if (!clinic.start())
        return 1;
    QTemporaryDir dir;
    std::vector<std::unique_ptr<TvApp>> tvs;
    for (int i = 0; i < tvCount; ++i) {
        TvConfig c;
        c.serverUrl = clinic.server.url();
        c.token = clinic.tvToken;
        c.dataDir = dir.filePath(u"tv%1"_s.arg(i));
        c.speech = false;
        c.chime = false;
        c.highlightSeconds = 0;
        TvApp::Seams seams;
        seams.reportStatus = false;
        tvs.push_back(std::make_unique<TvApp>(c, seams));
        if (!tvs.back()->start().ok())
            return 1;
    }
    if (!spinUntil(
            [&] {
                return std::all_of(tvs.begin(), tvs.end(), [](auto &t) { return t->feed().lastSeq() >= 0; });
            },
            20000)) {
        std::fprintf(stderr, "not every TV connected\n");
        return 1;
    }
    ApiClient totem(clinic.server.url(), clinic.totemToken);
    for (int i = 0; i < calls; ++i)
        totem.issue(validCpf(i + 1), clinic.service);

    // Arrival time of call i on each TV.
    std::vector<SteadyClock::time_point> arrived(static_cast<size_t>(tvCount));
    std::vector<int> seen(size_t(tvCount), 0);
    for (int t = 0; t < tvCount; ++t) {
        QObject::connect(&tvs[size_t(t)]->feed(), &CallFeed::callAdded, [&, t] {
            arrived[size_t(t)] = SteadyClock::now();
            ++seen[size_t(t)];
        });
    }
    QList<double> samples, spread, firstTv;
    samples.reserve(size_t(calls * tvCount));
    const QUrl url = clinic.server.url();
    const QString deskToken = clinic.deskToken;
    for (int i = 0; i < calls; ++i) {
        const qint64 room = clinic.rooms[i % clinic.rooms.size()];
        const SteadyClock::time_point t0 = SteadyClock::now();
        auto post = std::async(std::launch::async, [url, deskToken, room] {
            ApiClient desk(url, deskToken);
            auto r = desk.post(u"/api/v1/counters/%1/call-next"_s.arg(room));
            return r.ok() && r->isSuccess();
        });
        const bool all = spinUntil(
            [&] { return std::all_of(seen.begin(), seen.end(), [&](int s) { return s > i; }); }, 10000);
        if (!post.get() || !all) {
            std::fprintf(stderr, "call %d did not reach every TV\n", i);
            return 1;
        }
        const SteadyClock::time_point first = *std::min_element(arrived.begin(), arrived.end());
        firstTv.push_back(std::chrono::duration<double, std::milli>(first - t0).count());
        for (int t = 0; t < tvCount; ++t) {
            samples.push_back(std::chrono::duration<double, std::milli>(arrived[size_t(t)] - t0).count());
            spread.push_back(std::chrono::duration<double, std::milli>(arrived[size_t(t)] - first).count());
        }
    }
    std::printf("call-to-TV-model latency, %d TVs subscribed, %d calls (%lld samples):\n", tvCount, calls,
        static_cast<long long>(samples.size()));
    std::printf("  click -> every TV's model:   p50 %.1f ms   p99 %.1f ms   max %.1f ms\n",
        percentile(samples, 0.5), percentile(samples, 0.99), percentile(samples, 1.0));
    std::printf("  click -> first TV (server commit + HTTP + WebSocket): p50 %.1f ms   p99 %.1f ms\n",
        percentile(firstTv, 0.5), percentile(firstTv, 0.99));
    std::printf("  first TV -> each TV (the %d models share one thread here): p50 %.1f ms   p99 %.1f ms\n",
        tvCount, percentile(spread, 0.5), percentile(spread, 0.99));
    return 0;
}

// A TV's cache as after a busy morning: settings and a full history.
void seedCache(const QString &dataDir)
{
    TvCache cache;
    if (!cache.open(QDir(dataDir).filePath(u"tv-cache.sqlite"_s)).ok())
        return;
    protocol::DisplaySettings s;
    s.clinicName = u"Clínica Boa Saúde"_s;
    s.notice = u"Use máscara nas dependências da clínica."_s;
    (void)cache.saveSettings(s);
    for (int i = 1; i <= 30; ++i) {
        protocol::CallAnnouncement c;
        c.ticketId = i;
        c.code = u"CN%1"_s.arg(i, 3, 10, QLatin1Char('0'));
        c.serviceId = 1;
        c.serviceName = u"Consulta"_s;
        c.counterId = 1 + i % 4;
        c.counterName = u"Consultório %1"_s.arg(1 + i % 4);
        c.calledAtMs = 1700000000000 + i * 60000;
        (void)cache.recordCall(c, 100 + i, 30);
    }
}

QProcessEnvironment tvEnvironment(const QString &runtimeDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_RUNTIME_DIR"_s, runtimeDir);
    return env;
}

int coldStart(int runs)
{
    QTemporaryDir dir;
    const QString data = dir.filePath(u"tv"_s);
    const QString runtime = dir.filePath(u"run"_s);
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    seedCache(data);
    QList<double> wall;
    QList<double> reported;
    for (int r = 0; r < runs; ++r) {
        QProcess tv;
        tv.setProcessEnvironment(tvEnvironment(runtime));
        tv.setProcessChannelMode(QProcess::MergedChannels);
        QElapsedTimer t;
        t.start();
        // Port 9 (discard) on loopback: nothing listens, as with the network down.
        tv.start(QStringLiteral(CLINICO_TV_BINARY),
            { u"--server"_s, u"http://127.0.0.1:9"_s, u"--token"_s, u"x"_s, u"--data-dir"_s, data,
                u"--config"_s, u"/dev/null"_s, u"--windowed"_s });
        QByteArray out;
        qint64 firstFrameMs = -1;
        while (t.elapsed() < 15000 && firstFrameMs < 0) {
            tv.waitForReadyRead(50);
            out += tv.readAll();
            if (out.contains("first frame after"))
                firstFrameMs = t.elapsed();
        }
        const int at = int(out.indexOf("first frame after "));
        const double inside = at >= 0 ? out.mid(at + 18).split(' ').value(0).toDouble() : -1;
        tv.kill();
        tv.waitForFinished(3000);
        if (firstFrameMs < 0) {
            std::fprintf(stderr, "no first frame:\n%s\n", out.constData());
            return 1;
        }
        wall.push_back(double(firstFrameMs));
        reported.push_back(inside);
    }
    std::printf("cold start to first frame from cache (no server), %d runs:\n", runs);
    std::printf("  process start -> first frame: first run %.0f ms, median %.0f ms, max %.0f ms\n",
        wall.front(), percentile(wall, 0.5), percentile(wall, 1.0));
    std::printf("  (main() -> first frame as the TV logs it: median %.0f ms)\n", percentile(reported, 0.5));
    return 0;
}

qint64 cachedSeq(const QString &cachePath)
{
    // Read-only peek at the TV's own cache: the last event it applied.
    const QString name = u"bench-peek"_s;
    qint64 seq = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(cachePath);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=1000"_s);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"SELECT value FROM meta WHERE key = 'lastSeq'"_s) && q.next())
                seq = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return seq;
}

int memory(int events)
{
    Clinic clinic;
    if (!clinic.start(4))
        return 1;
    QTemporaryDir dir;
    const QString data = dir.filePath(u"tv"_s);
    const QString runtime = dir.filePath(u"run"_s);
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcess tv;
    tv.setProcessEnvironment(tvEnvironment(runtime));
    tv.setStandardOutputFile(dir.filePath(u"tv.log"_s));
    tv.setProcessChannelMode(QProcess::MergedChannels);
    // No sound card here: the speech queue runs (silently) through its whole path.
    tv.start(QStringLiteral(CLINICO_TV_BINARY),
        { u"--server"_s, clinic.server.url().toString(), u"--token"_s, clinic.tvToken, u"--data-dir"_s, data,
            u"--config"_s, u"/dev/null"_s, u"--windowed"_s, u"--speech"_s, u"false"_s, u"--chime"_s,
            u"false"_s, u"--highlight-seconds"_s, u"0"_s });
    if (!tv.waitForStarted(5000))
        return 1;
    const QString cache = QDir(data).filePath(u"tv-cache.sqlite"_s);
    if (!spinUntil([&] { return cachedSeq(cache) >= 0; }, 10000)) {
        std::fprintf(stderr, "the TV did not connect\n");
        return 1;
    }
    QThread::msleep(1000);
    const qint64 startKb = residentKiB(tv.processId());

    // Four desks-and-totems in parallel: each issues a ticket and calls it (2 events a round).
    std::atomic<int> produced { 0 };
    std::atomic<bool> failed { false };
    const QUrl url = clinic.server.url();
    std::vector<std::thread> workers;
    for (int w = 0; w < 4; ++w) {
        workers.emplace_back([&, w] {
            ApiClient totem(url, clinic.totemToken);
            ApiClient desk(url, clinic.deskToken);
            int i = 0;
            while (produced.fetch_add(2) + 2 <= events) {
                if (totem.issue(validCpf(1000000 + w * 100000 + i++), clinic.service).ticket.id == 0)
                    failed = true;
                auto r = desk.post(u"/api/v1/counters/%1/call-next"_s.arg(clinic.rooms[w]));
                if (!r.ok() || !r->isSuccess())
                    failed = true;
            }
        });
    }
    QElapsedTimer t;
    t.start();
    std::printf("resident memory of clinico-tv (offscreen, rendering) over %d events:\n", events);
    std::printf("  %8s %10s\n", "events", "RSS MB");
    std::printf("  %8d %10.1f\n", 0, double(startKb) / 1024);
    qint64 peakKb = startKb;
    int nextMark = 5000;
    qint64 lastSeq = 0;
    while (true) {
        QThread::msleep(200);
        lastSeq = cachedSeq(cache);
        const qint64 kb = residentKiB(tv.processId());
        peakKb = std::max(peakKb, kb);
        if (lastSeq >= nextMark) {
            std::printf("  %8lld %10.1f\n", static_cast<long long>(lastSeq), double(kb) / 1024);
            std::fflush(stdout);
            nextMark += 5000;
        }
        if (lastSeq >= events || t.elapsed() > 900000)
            break;
    }
    for (auto &w : workers)
        w.join();
    spinUntil([&] { return cachedSeq(cache) >= events; }, 30000);
    QThread::msleep(2000);
    const qint64 endKb = residentKiB(tv.processId());
    tv.terminate();
    tv.waitForFinished(5000);
    std::printf("  start %.1f MB, end %.1f MB, peak %.1f MB, growth %.1f MB over %lld events in %.0f s%s\n",
        double(startKb) / 1024, double(endKb) / 1024, double(peakKb) / 1024, double(endKb - startKb) / 1024,
        static_cast<long long>(cachedSeq(cache)), double(t.elapsed()) / 1000,
        failed ? " (some requests failed)" : "");
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1, u"all"_s);
    int rc = 0;
    if (mode == u"latency"_s || mode == u"all"_s)
        rc |= latency(args.value(2, u"100"_s).toInt(), args.value(3, u"200"_s).toInt());
    if (mode == u"coldstart"_s || mode == u"all"_s)
        rc |= coldStart(args.value(2, u"5"_s).toInt() > 0 && mode != u"all"_s ? args.value(2).toInt() : 5);
    if (mode == u"memory"_s || mode == u"all"_s)
        rc |= memory(mode == u"memory"_s ? args.value(2, u"50000"_s).toInt() : 50000);
    return rc;
}
