// SPDX-License-Identifier: GPL-3.0-or-later
// What one client can make the server hold: memory for a request, time, connections.
#include "integration/serverfixture.h"
#include "support/rawconnection.h"

#include <QElapsedTimer>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kPiece = 64 * 1024;
// Far under what QHttpServer alone takes for these requests (over 400 MiB for the bodies).
constexpr qint64 kMaxGrowthKiB = 64 * 1024;

class ConnectionLimits : public ServerFixture
{
protected:
    ConnectionLimits()
    {
        server.extraArgs = { u"--header-timeout"_s, u"1"_s, u"--idle-timeout"_s, u"1"_s,
            u"--max-connections-per-loopback-address"_s, u"20"_s };
        server.descriptorLimit = 128;
    }
    std::unique_ptr<RawConnection> connect(const char *from = "127.0.0.1")
    {
        auto c = RawConnection::open(server.port(), from);
        EXPECT_TRUE(c);
        return c;
    }
    QByteArray post(qint64 contentLength)
    {
        return "POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + totemToken.toLatin1() + "\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(contentLength) + "\r\n\r\n";
    }
    void expectRefused(const QByteArray &answer, int status, const char *code)
    {
        EXPECT_EQ(RawConnection::status(answer), status) << answer.left(200).constData();
        EXPECT_TRUE(RawConnection::body(answer).contains(code)) << answer.left(300).constData();
        EXPECT_TRUE(answer.contains("Connection: close"));
    }
    void expectStillServes() { expectOk(totem->get(u"/api/v1/services"_s)); }
    void expectLittleGrowthSince(qint64 baselineKiB)
    {
        const qint64 growth = server.peakMemoryKiB() - baselineKiB;
        RecordProperty("peakGrowthKiB", int(growth));
        EXPECT_LT(growth, kMaxGrowthKiB);
    }
    qint64 baselineKiB()
    {
        expectStillServes();
        return server.peakMemoryKiB();
    }
};
} // namespace

TEST_F(ConnectionLimits, StreamedBodyOverTheLimitIsAnswered413WithoutBeingBuffered)
{
    const qint64 before = baselineKiB();
    auto c = connect();
    const QByteArray answer
        = c->sendUntilAnswered(post(200 * kMiB), QByteArray(kPiece, 'x'), 200 * kMiB / kPiece, {}, 30000);
    expectRefused(answer, 413, "body_too_large");
    EXPECT_TRUE(c->waitClosed(5000));
    expectLittleGrowthSince(before);
    expectStillServes();
}

TEST_F(ConnectionLimits, DeclaredContentLengthOverTheLimitIsAnswered413BeforeAnyBody)
{
    auto c = connect();
    ASSERT_TRUE(c->send(post(64 * 1024 + 1)));
    expectRefused(c->readAnswer(), 413, "body_too_large");
    EXPECT_TRUE(c->waitClosed(5000));
}

TEST_F(ConnectionLimits, ChunkedBodyOverTheLimitIsAnswered413WithoutBeingBuffered)
{
    const qint64 before = baselineKiB();
    auto c = connect();
    QByteArray head = post(0).replace("Content-Length: 0", "Transfer-Encoding: chunked");
    const QByteArray chunk = QByteArray::number(kPiece, 16) + "\r\n" + QByteArray(kPiece, 'x') + "\r\n";
    const QByteArray answer = c->sendUntilAnswered(head, chunk, 200 * kMiB / kPiece, "0\r\n\r\n", 30000);
    expectRefused(answer, 413, "body_too_large");
    expectLittleGrowthSince(before);
    expectStillServes();
}

TEST_F(ConnectionLimits, HeaderLineOverTheLimitIsAnswered431WithoutBeingBuffered)
{
    const qint64 before = baselineKiB();
    auto c = connect();
    const QByteArray answer = c->sendUntilAnswered(
        "GET /api/v1/services HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ", QByteArray(kPiece, 'a'),
        64 * kMiB / kPiece, "\r\n\r\n", 30000);
    expectRefused(answer, 431, "headers_too_large");
    expectLittleGrowthSince(before);
    expectStillServes();
}

TEST_F(ConnectionLimits, AmbiguousFramingIsAnswered400)
{
    auto c = connect();
    ASSERT_TRUE(c->send("POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n"));
    expectRefused(c->readAnswer(), 400, "malformed_request");
}

TEST_F(ConnectionLimits, PipelinedRequestsUnderTheLimitsAreAllAnswered)
{
    auto c = connect();
    const QByteArray get = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    // A body just under the limit, in one write with the requests around it.
    const QByteArray nearLimit = post(64 * 1024) + QByteArray(64 * 1024, ' ');
    ASSERT_TRUE(c->send(get + nearLimit + get + get));
    EXPECT_EQ(RawConnection::status(c->readAnswer()), 200);
    EXPECT_EQ(RawConnection::status(c->readAnswer()), 400); // blanks are not JSON, and fit
    EXPECT_EQ(RawConnection::status(c->readAnswer()), 200);
    EXPECT_EQ(RawConnection::status(c->readAnswer()), 200);
}

TEST_F(ConnectionLimits, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout)
{
    auto c = connect();
    ASSERT_TRUE(c->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    EXPECT_EQ(RawConnection::status(c->readAnswer()), 200);
    QElapsedTimer t;
    t.start();
    EXPECT_TRUE(c->waitClosed(5000));
    EXPECT_GE(t.elapsed(), 900);
}

TEST_F(ConnectionLimits, HeadersNotFinishedInTimeAreAnswered408)
{
    auto c = connect();
    ASSERT_TRUE(c->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    expectRefused(c->readAnswer(5000), 408, "request_timeout");
    EXPECT_TRUE(c->waitClosed(5000));
}

TEST_F(ConnectionLimits, IdleConnectionsFromOneAddressDoNotLockOutAnother)
{
    // More than the server's 128 descriptors, all idle, from 127.0.0.1.
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 150; ++i) {
        if (auto c = RawConnection::open(server.port()))
            idle.push_back(std::move(c));
    }
    auto other = connect("127.0.0.2");
    ASSERT_TRUE(other);
    QElapsedTimer t;
    t.start();
    const QByteArray body = R"({"cpf":"529.982.247-25","serviceId":)" + QByteArray::number(consulta)
        + R"(,"priority":"normal","idempotencyKey":"idle-lockout-1"})";
    ASSERT_TRUE(other->send(post(body.size()) + body));
    const QByteArray answer = other->readAnswer(1000);
    EXPECT_EQ(RawConnection::status(answer), 201) << answer.constData();
    EXPECT_LT(t.elapsed(), 1000);
}

TEST_F(ConnectionLimits, ClosedEventStreamsGiveTheirPlaceBackUnderTheCap)
{
    // Twice the cap of 20, one after the other: each closed stream frees its place. The
    // stream's I/O thread notices the close a moment after the client made it, so the next
    // one may be refused at first; a place that is never given back refuses for good.
    for (int i = 0; i < 40; ++i) {
        QNetworkRequest request(EventStreamClient::eventsUrl(server.url(), -1));
        request.setRawHeader("Authorization", "Bearer " + tvToken.toUtf8());
        ASSERT_TRUE(spinUntil([&] { return !subscribeOnce(request).hello.isEmpty(); }, 3000)) << "stream " << i;
    }
    expectStillServes();
}
