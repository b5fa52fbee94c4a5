// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/requestframing.h"

#include <gtest/gtest.h>

using namespace clinico::server;
using Phase = RequestFraming::Phase;
using Refusal = RequestFraming::Refusal;

namespace {
constexpr qint64 kHead = 1024;
constexpr qint64 kBody = 4096;

// Feeds `bytes` in one go and byte by byte: both must end the same way.
std::pair<Phase, Refusal> follow(const QByteArray &bytes)
{
    RequestFraming whole(kHead, kBody);
    whole.feed(bytes);
    RequestFraming byByte(kHead, kBody);
    for (char c : bytes)
        byByte.feed(QByteArrayView(&c, 1));
    EXPECT_EQ(whole.phase(), byByte.phase()) << bytes.left(80).constData();
    EXPECT_EQ(whole.refusal(), byByte.refusal()) << bytes.left(80).constData();
    return { whole.phase(), whole.refusal() };
}

QByteArray post(const QByteArray &headers, const QByteArray &body = {})
{
    return "POST /x HTTP/1.1\r\nHost: h\r\n" + headers + "\r\n" + body;
}
} // namespace

TEST(RequestFraming, CompleteRequestsEndIdleAndPartOnesSayWhere)
{
    EXPECT_EQ(follow("GET / HTTP/1.1\r\nHost: h\r\n\r\n").first, Phase::Idle);
    EXPECT_EQ(follow("GET / HTTP/1.1\nHost: h\n\n").first, Phase::Idle); // LF only, as QHttpServer
    EXPECT_EQ(follow("\r\n\r\nGET / HTTP/1.1\r\n\r\n").first, Phase::Idle);
    EXPECT_EQ(follow("GET / HTTP/1.1\r\nHost: h\r\n").first, Phase::Head);
    EXPECT_EQ(follow(post("Content-Length: 5\r\n", "12")).first, Phase::Body);
    EXPECT_EQ(follow(post("Content-Length: 5\r\n", "12345") + "GET / HTTP/1.1\r\n\r\n").first, Phase::Idle);
    EXPECT_EQ(
        follow(post("Transfer-Encoding: chunked\r\n", "5;x=y\r\nhello\r\n0\r\n\r\n")).first, Phase::Idle);
    EXPECT_EQ(follow(post("Transfer-Encoding: chunked\r\n", "5\r\nhel")).first, Phase::Body);
    EXPECT_EQ(follow("GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\x81\x05").first,
        Phase::Upgraded);
}

TEST(RequestFraming, LimitsHoldToTheByte)
{
    const QByteArray line = "GET / HTTP/1.1\r\n";
    const QByteArray filler = "X: " + QByteArray(kHead - line.size() - 3 - 4, 'a') + "\r\n\r\n";
    EXPECT_EQ(follow(line + filler), std::pair(Phase::Idle, Refusal::None));
    EXPECT_EQ(follow(line + "X" + filler).second, Refusal::HeadTooLarge);
    EXPECT_EQ(follow(post("Content-Length: 4096\r\n", QByteArray(kBody, 'x'))).second, Refusal::None);
    EXPECT_EQ(follow(post("Content-Length: 4097\r\n")).second, Refusal::BodyTooLarge);
    EXPECT_EQ(
        follow(post("Transfer-Encoding: chunked\r\n", "800\r\n" + QByteArray(0x800, 'x') + "\r\n800\r\n"))
            .second,
        Refusal::None);
    EXPECT_EQ(
        follow(post("Transfer-Encoding: chunked\r\n", "800\r\n" + QByteArray(0x800, 'x') + "\r\n801\r\n"))
            .second,
        Refusal::BodyTooLarge);
}

TEST(RequestFraming, FramingQHttpServerWouldReadDifferentlyIsMalformed)
{
    for (const QByteArray &bytes : {
             post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
             post("Content-Length: 5\r\nContent-Length: 6\r\n"),
             post("Content-Length: -1\r\n"),
             post("Content-Length: 5x\r\n"),
             post("Transfer-Encoding: gzip, chunked\r\n"),
             post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"),
             post("Transfer-Encoding: chunked\r\n", "5\nhello\r\n"),
             post("Transfer-Encoding: chunked\r\n", "5\r\nhelloXX"),
             post("Transfer-Encoding: chunked\r\n", "zz\r\n"),
             post("Transfer-Encoding: chunked\r\n", "0\r\nTrailer: x\r\n\r\n"),
             post("Transfer-Encoding: chunked\r\n", QByteArray(100, '1')),
         })
        EXPECT_EQ(follow(bytes).second, Refusal::Malformed) << bytes.constData();
    EXPECT_EQ(follow(post("Content-Length: 5\r\ncontent-length: 5\r\n", "12345")).second, Refusal::None);
}
