// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/websocketload.h"

#include <sys/resource.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <string_view>

namespace clinico::test {

namespace {
using namespace std::chrono_literals;
constexpr int kInFlightPerWorker = 256; // handshakes a worker has open at once
constexpr auto kRetryAfter = 100ms;

qint64 numberAfter(std::string_view text, std::size_t at)
{
    qint64 n = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
        n = n * 10 + (text[at++] - '0');
    return n;
}

bool endsWith(std::string_view text, std::string_view tail)
{
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}
} // namespace

struct WebSocketLoad::Connection
{
    enum class Phase { Idle, Connecting, Handshake, Upgraded, Open, Closed };
    int fd = -1;
    Phase phase = Phase::Idle;
    int sourceAddress = 1; // 127.0.0.<n>
    qint64 lastSeq = 0; // the last event (or snapshot) seq seen: where a reconnect resumes
    int round = -1; // the last waitAll() round this connection counted in
    int epoch = -1; // the last reconnectAll() epoch this connection had a hello in
    Clock::time_point retryAt {};
    std::string in; // bytes read and not yet parsed
    std::string message; // a fragmented message being put together
    std::vector<qint64> seqs; // Options::recordSeqs
};

struct WebSocketLoad::Worker
{
    int epoll = -1;
    std::vector<Connection> connections;
    std::thread thread;
    int inFlight = 0;
    int checkedRound = -1; // the last arm() whose already-delivered events this worker counted
};

int WebSocketLoad::raiseDescriptorLimit(int descriptors)
{
    rlimit limit {};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_max < rlim_t(descriptors)) {
        rlimit raised { rlim_t(descriptors), rlim_t(descriptors) };
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            return descriptors;
    }
    limit.rlim_cur = std::min(limit.rlim_max, std::max(limit.rlim_cur, rlim_t(descriptors)));
    ::setrlimit(RLIMIT_NOFILE, &limit);
    return int(limit.rlim_cur);
}

WebSocketLoad::WebSocketLoad(Options options)
    : m_options(std::move(options))
{
    const int threads = std::max(1, m_options.threads);
    for (int t = 0; t < threads; ++t) {
        auto worker = std::make_unique<Worker>();
        worker->epoll = ::epoll_create1(EPOLL_CLOEXEC);
        m_workers.push_back(std::move(worker));
    }
    for (int i = 0; i < m_options.connections; ++i) {
        Connection c;
        c.sourceAddress = 1 + i / kPerSourceAddress;
        m_workers[std::size_t(i % threads)]->connections.push_back(c);
    }
}

WebSocketLoad::~WebSocketLoad()
{
    stop();
    for (auto &w : m_workers)
        ::close(w->epoll);
}

void WebSocketLoad::stop()
{
    m_stop = true;
    for (auto &w : m_workers) {
        if (w->thread.joinable())
            w->thread.join();
        for (Connection &c : w->connections) {
            if (c.fd >= 0)
                ::close(c.fd);
            c.fd = -1;
        }
    }
}

std::vector<std::vector<qint64>> WebSocketLoad::receivedSeqs() const
{
    std::vector<std::vector<qint64>> all;
    for (const auto &w : m_workers) {
        for (const Connection &c : w->connections)
            all.push_back(c.seqs);
    }
    return all;
}

bool WebSocketLoad::waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout) const
{
    const auto deadline = Clock::now() + timeout;
    while (!done()) {
        if (Clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

bool WebSocketLoad::connectAll(std::chrono::milliseconds timeout)
{
    for (auto &w : m_workers)
        w->thread = std::thread([this, worker = w.get()] { run(*worker); });
    return waitFor([this] { return m_open.load() == m_options.connections; }, timeout);
}

void WebSocketLoad::arm(qint64 seq)
{
    m_reached = 0;
    m_lastArrival = 0;
    m_target = seq;
    ++m_round;
}

std::optional<WebSocketLoad::Clock::time_point> WebSocketLoad::waitAll(std::chrono::milliseconds timeout)
{
    if (!waitFor([this] { return m_reached.load() >= m_open.load(); }, timeout))
        return std::nullopt;
    return Clock::time_point(Clock::duration(m_lastArrival.load()));
}

bool WebSocketLoad::reconnectAll(std::chrono::milliseconds timeout)
{
    m_resumed = 0;
    ++m_epoch;
    m_reconnect = true;
    return waitFor([this] { return m_resumed.load() == m_options.connections; }, timeout);
}

bool WebSocketLoad::resumeClosed(int closedBefore, std::chrono::milliseconds timeout)
{
    m_resumed = 0;
    ++m_epoch;
    m_reconnect = true;
    return waitFor(
        [&] {
            const int lost = m_closed.load() - closedBefore;
            return lost > 0 && m_resumed.load() >= lost && m_open.load() == m_options.connections;
        },
        timeout);
}

void WebSocketLoad::run(Worker &w)
{
    std::mt19937 jitter(std::random_device {}());
    const QByteArray request
        = "GET /api/v1/events?since=%1 HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_options.port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer "
        + m_options.token + "\r\n\r\n";

    auto closeConnection = [&](Connection &c) {
        if (c.fd >= 0) {
            ::epoll_ctl(w.epoll, EPOLL_CTL_DEL, c.fd, nullptr);
            ::close(c.fd);
        }
        if (c.phase == Connection::Phase::Open) {
            --m_open;
            ++m_closed;
        } else if (c.phase != Connection::Phase::Idle && c.phase != Connection::Phase::Closed) {
            --w.inFlight;
        }
        c.fd = -1;
        c.phase = Connection::Phase::Closed;
        c.in.clear();
        c.message.clear();
        c.retryAt = Clock::now() + kRetryAfter + std::chrono::milliseconds(jitter() % 200);
    };

    auto start = [&](std::uint32_t index) {
        Connection &c = w.connections[index];
        c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        sockaddr_in local {};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl((127u << 24) | std::uint32_t(c.sourceAddress));
        ::bind(c.fd, reinterpret_cast<sockaddr *>(&local), sizeof local);
        sockaddr_in server {};
        server.sin_family = AF_INET;
        server.sin_port = htons(m_options.port);
        server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        c.phase = Connection::Phase::Connecting;
        ++w.inFlight;
        if (::connect(c.fd, reinterpret_cast<sockaddr *>(&server), sizeof server) != 0
            && errno != EINPROGRESS) {
            closeConnection(c);
            return;
        }
        epoll_event ev {};
        ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
        ev.data.u32 = index;
        ::epoll_ctl(w.epoll, EPOLL_CTL_ADD, c.fd, &ev);
    };

    auto sendAll = [](int fd, const char *data, std::size_t size) {
        while (size > 0) {
            const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
            if (n <= 0)
                return false; // tiny writes into an empty buffer: anything else is a dead peer
            data += n;
            size -= std::size_t(n);
        }
        return true;
    };

    auto countArrival = [&](Connection &c, int round) {
        c.round = round;
        const Clock::rep now = Clock::now().time_since_epoch().count();
        Clock::rep seen = m_lastArrival.load();
        while (seen < now && !m_lastArrival.compare_exchange_weak(seen, now)) { }
        ++m_reached;
    };

    auto onText = [&](Connection &c, std::string_view text) {
        if (endsWith(text, R"("type":"hello"})")) {
            if (c.phase == Connection::Phase::Open)
                return;
            if (const int epoch = m_epoch.load(); c.epoch != epoch) {
                c.epoch = epoch;
                ++m_resumed;
            }
            c.phase = Connection::Phase::Open;
            --w.inFlight;
            ++m_open;
            return;
        }
        qint64 seq = 0;
        if (endsWith(text, R"("type":"snapshot"})")) {
            const auto at = text.rfind(R"(],"seq":)");
            if (at != std::string_view::npos)
                c.lastSeq = numberAfter(text, at + 8);
            return;
        }
        if (!endsWith(text, R"("type":"event"})"))
            return;
        const auto at = text.rfind(R"("seq":)");
        seq = numberAfter(text, at + 6);
        if (m_options.checkGaps && c.lastSeq > 0 && seq != c.lastSeq + 1)
            ++m_gaps;
        c.lastSeq = seq;
        if (m_options.recordSeqs)
            c.seqs.push_back(seq);
        const int round = m_round.load();
        if (seq >= m_target.load() && c.round != round)
            countArrival(c, round);
    };

    // Frames from the server are never masked. Returns false when the connection must close.
    auto parseFrames = [&](Connection &c) {
        std::size_t at = 0;
        for (;;) {
            if (c.in.size() - at < 2)
                break;
            const auto b0 = std::uint8_t(c.in[at]), b1 = std::uint8_t(c.in[at + 1]);
            std::size_t header = 2;
            std::uint64_t length = b1 & 0x7f;
            if (length == 126) {
                if (c.in.size() - at < 4)
                    break;
                length = (std::uint64_t(std::uint8_t(c.in[at + 2])) << 8) | std::uint8_t(c.in[at + 3]);
                header = 4;
            } else if (length == 127) {
                if (c.in.size() - at < 10)
                    break;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | std::uint8_t(c.in[at + 2 + std::size_t(i)]);
                header = 10;
            }
            if (c.in.size() - at < header + length)
                break;
            const std::string_view payload(c.in.data() + at + header, std::size_t(length));
            const int opcode = b0 & 0x0f;
            const bool fin = b0 & 0x80;
            at += header + length;
            if (opcode == 0x8)
                return false;
            if (opcode == 0x9) { // ping: pong with the same payload, masked with a zero key
                std::string pong { char(0x8a), char(0x80 | payload.size()), 0, 0, 0, 0 };
                pong.append(payload);
                if (!sendAll(c.fd, pong.data(), pong.size()))
                    return false;
                continue;
            }
            if (opcode == 0x1 || opcode == 0x0) {
                if (fin && c.message.empty()) {
                    onText(c, payload);
                } else {
                    c.message.append(payload);
                    if (fin) {
                        onText(c, c.message);
                        c.message.clear();
                    }
                }
            }
        }
        c.in.erase(0, at);
        return true;
    };

    auto onReadable = [&](Connection &c) {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
            if (n == 0)
                return false;
            if (n < 0)
                return errno == EAGAIN || errno == EWOULDBLOCK;
            c.in.append(buffer, std::size_t(n));
            if (c.phase == Connection::Phase::Handshake) {
                const auto end = c.in.find("\r\n\r\n");
                if (end == std::string::npos)
                    continue;
                if (c.in.rfind("HTTP/1.1 101", 0) != 0)
                    return false;
                c.in.erase(0, end + 4); // what follows the answer is frames: the hello first
                c.phase = Connection::Phase::Upgraded;
            }
            if (!parseFrames(c))
                return false;
        }
    };

    epoll_event events[256];
    while (!m_stop) {
        const auto now = Clock::now();
        // Start new connections (first time, or reconnecting after the server went away),
        // a bounded number of handshakes at a time so the listen backlog is not the test.
        for (std::uint32_t i = 0; i < w.connections.size() && w.inFlight < kInFlightPerWorker; ++i) {
            Connection &c = w.connections[i];
            const bool fresh = c.phase == Connection::Phase::Idle;
            const bool again = c.phase == Connection::Phase::Closed && m_reconnect && c.retryAt <= now;
            if (fresh || again)
                start(i);
        }
        // A connection that had the awaited event before arm() was called counts too (its time
        // is now: a latency measurement arms before causing the event, so it never relies on this).
        if (const int round = m_round.load(); round != w.checkedRound) {
            w.checkedRound = round;
            for (Connection &c : w.connections) {
                if (c.phase == Connection::Phase::Open && c.lastSeq >= m_target.load() && c.round != round)
                    countArrival(c, round);
            }
        }
        const int ready = ::epoll_wait(w.epoll, events, 256, 20);
        for (int e = 0; e < ready; ++e) {
            Connection &c = w.connections[events[e].data.u32];
            if (c.fd < 0)
                continue;
            if (c.phase == Connection::Phase::Connecting) {
                int error = 0;
                socklen_t size = sizeof error;
                ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &size);
                if (error != 0 || (events[e].events & (EPOLLERR | EPOLLHUP))) {
                    closeConnection(c);
                    continue;
                }
                QByteArray line = request;
                line.replace("%1", QByteArray::number(c.lastSeq > 0 ? c.lastSeq : m_options.since));
                if (!sendAll(c.fd, line.constData(), std::size_t(line.size()))) {
                    closeConnection(c);
                    continue;
                }
                c.phase = Connection::Phase::Handshake;
                epoll_event ev {};
                ev.events = EPOLLIN | EPOLLRDHUP;
                ev.data.u32 = events[e].data.u32;
                ::epoll_ctl(w.epoll, EPOLL_CTL_MOD, c.fd, &ev);
                continue;
            }
            if (!onReadable(c))
                closeConnection(c);
        }
    }
}

} // namespace clinico::test
