// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace clinico::test {

// Thousands of event-stream subscribers for tests and benchmarks, cheap enough that the
// client side does not hide the server's figures: plain non-blocking sockets on a few epoll
// threads, no Qt object per connection. Each connection answers pings, remembers the last
// event seq it saw and, for an audience that gets every event (desks), counts any seq that
// skipped one. Connections come from 127.0.0.1, .2, ... (kPerSourceAddress each): the
// server caps connections per address, and one address has only ~28,000 local ports.
class WebSocketLoad
{
public:
    using Clock = std::chrono::steady_clock;
    static constexpr int kPerSourceAddress = 4000;

    struct Options
    {
        quint16 port = 0;
        QByteArray token; // a device token (Authorization: Bearer)
        int connections = 1000;
        int threads = 2;
        qint64 since = 1000000000; // ahead of the log: a small snapshot, then live events
        bool checkGaps = false; // true for an unfiltered audience (desk), where seqs are dense
        // Keep every event seq each connection got, in order (receivedSeqs()): for tests that
        // compare what arrived with the log, where seqs may have holes (PostgreSQL).
        bool recordSeqs = false;
    };

    // Lets this process hold `descriptors` files, within the hard limit (20,000 in this
    // project's sandbox, where root cannot raise it); returns the limit it got.
    static int raiseDescriptorLimit(int descriptors);

    explicit WebSocketLoad(Options options);
    ~WebSocketLoad();

    // Opens every connection and waits until each has had its hello; false on timeout.
    bool connectAll(std::chrono::milliseconds timeout);
    // Waits until every open connection has seen an event with at least this seq; the time the
    // last one did, or nothing on timeout. Call arm() with the seq before causing the event.
    void arm(qint64 seq);
    std::optional<Clock::time_point> waitAll(std::chrono::milliseconds timeout);
    // After the server restarted: from now on every closed connection reconnects with
    // since=<its last seq>, retrying while the server is not listening yet (including one
    // that has not noticed the restart yet); true once every one has had a new hello.
    bool reconnectAll(std::chrono::milliseconds timeout);
    // The same when only some connections lost their server (one instance of several behind a
    // proxy, killed just before): true once there are closes since `closedBefore` (closed())
    // and every connection that closed has a new hello, so all are open again.
    bool resumeClosed(int closedBefore, std::chrono::milliseconds timeout);

    // Stops every connection; what they got stays readable.
    void stop();
    // After stop(): per connection, the seq of every event it got, in order.
    std::vector<std::vector<qint64>> receivedSeqs() const;

    int open() const { return m_open.load(); }
    int closed() const { return m_closed.load(); }
    qint64 gaps() const { return m_gaps.load(); }
    int reached() const { return m_reached.load(); }

private:
    struct Connection;
    struct Worker;
    void run(Worker &worker);
    bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout) const;

    Options m_options;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_open { 0 };
    std::atomic<int> m_closed { 0 };
    std::atomic<qint64> m_gaps { 0 };
    std::atomic<qint64> m_target { 0 };
    std::atomic<int> m_round { 0 };
    std::atomic<int> m_reached { 0 };
    std::atomic<Clock::rep> m_lastArrival { 0 };
    std::atomic<bool> m_reconnect { false };
    std::atomic<int> m_epoch { 0 }; // reconnectAll() calls so far
    std::atomic<int> m_resumed { 0 }; // connections with a hello in this epoch
};

} // namespace clinico::test
