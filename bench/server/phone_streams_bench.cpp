// SPDX-License-Identifier: GPL-3.0-or-later
// What live phone pages cost the server (server/phone/phonestreams.h): a real clinico-server,
// one queue of `queue` waiting tickets, `phones` phone pages open on /t/live?token= (the last
// tickets of the queue, so every call moves every phone by one), then `calls` "call next" at
// a desk, one at a time. After each call the server works out every open phone's position and
// estimate again and sends each its new status.
//
//   build/bench/server/phone_streams_bench [phones=2000] [queue=2200] [calls=40] [server]
//
// `server`: another clinico-server binary to measure (an older build, to compare), instead of
// this build's.
// Prints the server's CPU time (user + system, /proc/PID/stat) per call, with and without the
// phones (the same calls on a second queue nobody follows; /proc counts in 10 ms ticks: read the
// mean), how long the desk waits for the call's reply, and the time from the call to the last
// phone's new frame. The server also works every phone out again every
// PhoneStreams::kRefreshMs: a call that falls on it counts it too (the max). The machine may be shared: the load average is
// printed with the figures. Asserts nothing.
#include "net/httpclient.h"
#include "support/testclients.h"
#include "support/serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

// The server's CPU time so far, in milliseconds.
double cpuMs(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the command name in parentheses: utime is the 14th, stime the 15th.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble();
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

QString loadAverage()
{
    QFile f(u"/proc/loadavg"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 2) : u"?"_s;
}

// Phone pages on a few threads of their own (Qt polls every socket of a thread on each turn
// of its loop): each socket notes the round of the last frame it got.
class Phones
{
public:
    Phones(const QUrl &server, const QStringList &tokens, int threads)
        : m_seen(std::size_t(tokens.size()))
    {
        for (auto &s : m_seen)
            s = -1;
        const qsizetype per = (tokens.size() + threads - 1) / threads;
        for (int t = 0; t < threads; ++t) {
            const qsizetype from = t * per;
            const qsizetype to = std::min(tokens.size(), from + per);
            if (from >= to)
                break;
            QThread *thread = QThread::create([this, server, tokens, from, to] { run(server, tokens, from, to); });
            m_threads.emplace_back(thread);
            thread->start();
        }
    }

    ~Phones()
    {
        m_stop = true;
        for (auto &t : m_threads)
            t->wait();
    }

    // From now on a frame counts for `round`; how many phones had one of it so far.
    void arm(int round)
    {
        m_reached = 0;
        m_round = round;
    }
    int reached() const { return m_reached.load(); }
    int connected() const { return m_connected.load(); }
    int closed() const { return m_closed.load(); }

private:
    void run(const QUrl &server, const QStringList &tokens, qsizetype from, qsizetype to)
    {
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        for (qsizetype i = from; i < to; ++i) {
            auto socket = std::make_unique<QWebSocket>();
            QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(), [this, i](const QString &) {
                const int round = m_round.load();
                if (m_seen[std::size_t(i)].exchange(round) != round)
                    ++m_reached;
            });
            QObject::connect(socket.get(), &QWebSocket::connected, socket.get(), [this] { ++m_connected; });
            QObject::connect(socket.get(), &QWebSocket::disconnected, socket.get(), [this] { ++m_closed; });
            QUrl url = server;
            url.setScheme(u"ws"_s);
            url.setPath(u"/t/live"_s);
            url.setQuery(u"token="_s + tokens[i]);
            socket->open(url);
            sockets.push_back(std::move(socket));
        }
        QTimer stop;
        QEventLoop loop;
        QObject::connect(&stop, &QTimer::timeout, &loop, [&] {
            if (m_stop)
                loop.quit();
        });
        stop.start(50);
        loop.exec();
    }

    std::vector<std::atomic<int>> m_seen;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::atomic<int> m_round { 0 };
    std::atomic<int> m_reached { 0 };
    std::atomic<int> m_connected { 0 };
    std::atomic<int> m_closed { 0 };
    std::atomic<bool> m_stop { false };
};

// `calls` calls at `counter`, one at a time: the server's CPU milliseconds for each (from
// the call to the last phone's new frame, and past the coalescing delay) and, with phones, the
// time from the call's reply to the last phone's frame. A slow server may hold the reply back
// for seconds while it works the phones out: the desk waits up to two minutes.
struct Calls
{
    std::vector<double> cpuMs;
    std::vector<double> replyMs; // the desk's wait for the reply
    std::vector<double> allPhonesMs; // from the call to the last phone's frame
};

Calls callMany(ServerProcess &server, const QString &deskToken, qint64 counter, int calls, Phones *phones,
    int phoneCount)
{
    CurlHttpClient desk(HttpOptions { std::chrono::seconds(2), std::chrono::seconds(120), deskToken, {}, {} });
    HttpRequest call;
    call.method = "POST";
    call.url = server.url().toString() + u"/api/v1/counters/%1/call-next"_s.arg(counter);
    Calls out;
    for (int k = 1; k <= calls; ++k) {
        if (phones)
            phones->arm(k);
        const double before = cpuMs(server.pid());
        QElapsedTimer sinceCall;
        sinceCall.start();
        const auto reply = desk.send(call);
        out.replyMs.push_back(double(sinceCall.nsecsElapsed()) / 1e6);
        if (!reply || reply->status != 200) {
            std::fprintf(stderr, "call %d: %s\n", k,
                reply ? qPrintable(QString::number(reply->status) + u' ' + QString::fromUtf8(reply->body))
                      : qPrintable(reply.error().message));
            continue;
        }
        if (phones) {
            if (!spinUntil([&] { return phones->reached() >= phoneCount; }, 120000))
                std::fprintf(stderr, "call %d: only %d of %d phones updated\n", k, phones->reached(), phoneCount);
            out.allPhonesMs.push_back(double(sinceCall.nsecsElapsed()) / 1e6);
        }
        // Past the coalescing delay, so each call is worked out on its own.
        spinUntil([] { return false; }, 300);
        out.cpuMs.push_back(cpuMs(server.pid()) - before);
    }
    return out;
}

double mean(const std::vector<double> &v)
{
    double sum = 0;
    for (double x : v)
        sum += x;
    return v.empty() ? 0 : sum / double(v.size());
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::size_t(std::clamp(p * double(v.size() - 1), 0.0, double(v.size() - 1)))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int phoneCount = args.value(1, u"2000"_s).toInt();
    const int queue = std::max(args.value(2, u"2200"_s).toInt(), phoneCount);
    const int calls = std::min(args.value(3, u"40"_s).toInt(), queue - phoneCount);
    if (calls <= 0) {
        std::fprintf(stderr, "the queue must be longer than the phones by the calls\n");
        return 2;
    }

    rlimit limit { rlim_t(phoneCount + 1000), rlim_t(phoneCount + 1000) };
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ServerProcess server;
    if (args.size() > 4)
        server.program = args[4];
    server.descriptorLimit = phoneCount + 1000;
    server.extraArgs << u"--max-connections-per-loopback-address"_s << QString::number(phoneCount + 100);
    const qint64 followed = server.addService(u"R"_s, u"Recepção"_s);
    const qint64 quiet = server.addService(u"Q"_s, u"Sem celulares"_s);
    const qint64 desk1 = server.addCounter(u"Guichê 1"_s, { followed });
    const qint64 desk2 = server.addCounter(u"Guichê 2"_s, { quiet });
    const QString totemToken = server.addDevice(u"totem"_s);
    const QString deskToken = server.addDevice(u"desk"_s);
    if (!server.start()) {
        std::fprintf(stderr, "the server did not start:\n%s\n", qPrintable(server.log()));
        return 1;
    }

    ApiClient totem(server.url(), totemToken);
    QStringList tokens;
    for (int i = 0; i < queue; ++i) {
        tokens << totem.issue(validCpf(10000 + i), followed, PriorityClass::Normal, u"bench-r-%1"_s.arg(i)).statusToken;
        totem.issue(validCpf(50000 + i), quiet, PriorityClass::Normal, u"bench-q-%1"_s.arg(i));
    }
    const QStringList phoneTokens = tokens.mid(queue - phoneCount);

    const Calls without = callMany(server, deskToken, desk2, calls, nullptr, 0);

    Phones phones(server.url(), phoneTokens, 4);
    phones.arm(0);
    if (!spinUntil([&] { return phones.reached() >= phoneCount; }, 60000)) {
        std::fprintf(stderr, "only %d of %d phones connected (%d closed)\n", phones.reached(), phoneCount,
            phones.closed());
        return 1;
    }
    const Calls with = callMany(server, deskToken, desk1, calls, &phones, phoneCount);

    std::printf("phone_streams_bench: %d phones on a queue of %d, %d calls (load average %s)\n", phoneCount, queue,
        calls, qPrintable(loadAverage()));
    const auto row = [](const char *what, const std::vector<double> &v) {
        std::printf("  %-44s mean %8.1f ms, p50 %8.1f ms, max %8.1f ms\n", what, mean(v), percentile(v, 0.5),
            percentile(v, 1.0));
    };
    row("server CPU per call, no phones:", without.cpuMs);
    row(qPrintable(u"server CPU per call, %1 phones:"_s.arg(phoneCount)), with.cpuMs);
    row("desk's wait for the call's reply, no phones:", without.replyMs);
    row(qPrintable(u"desk's wait for the call's reply, %1 phones:"_s.arg(phoneCount)), with.replyMs);
    row("call to the last phone's new frame:", with.allPhonesMs);
    std::printf("  phones still open at the end: %d of %d\n", phones.connected() - phones.closed(), phoneCount);
    return 0;
}
