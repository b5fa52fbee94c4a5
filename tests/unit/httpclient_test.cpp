// SPDX-License-Identifier: GPL-3.0-or-later
// The client side of "limits are enforced where bytes arrive": a server (broken, or not ours)
// that answers with an endless body cannot fill a totem's or a TV's memory.
#include "net/httpclient.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

using namespace clinico;
using namespace Qt::StringLiterals;

namespace {

// One connection on a loopback port: reads the request, sends `head`, then `bodyBytes` of
// 'x' (or until the client hangs up). Counts what it managed to send.
class StreamingServer
{
public:
    StreamingServer(QByteArray head, qint64 bodyBytes)
    {
        std::signal(SIGPIPE, SIG_IGN);
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::listen(m_listen, 1);
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this, head = std::move(head), bodyBytes] {
            const int c = ::accept(m_listen, nullptr, nullptr);
            if (c < 0)
                return;
            char buf[4096];
            (void)::read(c, buf, sizeof buf);
            bool ok = ::write(c, head.constData(), size_t(head.size())) == head.size();
            const QByteArray chunk(64 * 1024, 'x');
            for (qint64 left = bodyBytes; ok && left > 0; left -= chunk.size()) {
                const ssize_t n = ::write(c, chunk.constData(), size_t(std::min<qint64>(left, chunk.size())));
                ok = n > 0;
                if (ok)
                    sent += n;
            }
            ::close(c);
        });
    }
    ~StreamingServer()
    {
        ::shutdown(m_listen, SHUT_RDWR);
        m_thread.join();
        ::close(m_listen);
    }
    QString url() const { return u"http://127.0.0.1:%1/api/v1/services"_s.arg(m_port); }
    std::atomic<qint64> sent { 0 };

private:
    int m_listen = -1;
    quint16 m_port = 0;
    std::thread m_thread;
};

Result<HttpResponse> get(const QString &url, qsizetype maxBytes)
{
    HttpOptions o;
    o.totalTimeout = std::chrono::milliseconds(20000);
    o.maxResponseBytes = maxBytes;
    CurlHttpClient client(o);
    HttpRequest r;
    r.url = url;
    return client.send(r);
}

TEST(HttpClientLimits, AnEndlessBodyIsCutOffAtTheLimitAndTheRequestFails)
{
    StreamingServer server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
        qint64(1) << 30); // 1 GiB, no length declared
    const auto reply = get(server.url(), 1024 * 1024);
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error().code, u"response_too_large"_s);
    EXPECT_EQ(reply.error().message, u"Resposta do servidor grande demais (mais de 1024 KiB)."_s);
    EXPECT_LT(server.sent.load(), qint64(64) << 20) << "the client stopped reading long before 1 GiB";
}

TEST(HttpClientLimits, ADeclaredLengthOverTheLimitIsRefusedBeforeTheBody)
{
    StreamingServer server("HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n", qint64(1) << 30);
    const auto reply = get(server.url(), 1024 * 1024);
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error().code, u"response_too_large"_s);
}

TEST(HttpClientLimits, ABodyUnderTheLimitArrivesWhole)
{
    StreamingServer server("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", 100000);
    const auto reply = get(server.url(), 1024 * 1024);
    ASSERT_TRUE(reply.ok()) << reply.error().message.toStdString();
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body.size(), 100000);
}

} // namespace
