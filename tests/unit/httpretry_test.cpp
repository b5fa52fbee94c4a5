// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/httpclient.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

using namespace clinico;

namespace {
// Fails with the given outcomes in turn, and records every body it was sent.
class ScriptedClient final : public HttpClient
{
public:
    QList<Result<HttpResponse>> outcomes;
    QList<QByteArray> sent;
    Result<HttpResponse> send(const HttpRequest &request) override
    {
        sent << request.body;
        return outcomes.takeFirst();
    }
};
Result<HttpResponse> status(int s)
{
    return HttpResponse { s, {} };
}
} // namespace

TEST(HttpRetry, RetriesTransportErrorsAndServerErrorsWithTheSameBody)
{
    ScriptedClient client;
    client.outcomes = { makeError(u"timeout"_s, u"t"_s, 0), status(503), status(201) };
    QList<std::chrono::milliseconds> sleeps;
    RetryPolicy policy;
    auto r = sendWithRetry(client, { "POST", u"http://x"_s, "{\"idempotencyKey\":\"k1\"}" }, policy,
        [&](std::chrono::milliseconds d) { sleeps << d; });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(client.sent.size(), 3);
    EXPECT_EQ(client.sent.count(client.sent.first()), 3); // same idempotency key every time
    ASSERT_EQ(sleeps.size(), 2);
    for (auto d : sleeps)
        EXPECT_LE(d, policy.maxDelay);
}

TEST(HttpRetry, DoesNotRetryClientErrors)
{
    ScriptedClient client;
    client.outcomes = { status(400) };
    auto r = sendWithRetry(client, { "POST", u"http://x"_s, "{}" }, RetryPolicy {}, [](auto) {});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(client.sent.size(), 1);
}

TEST(HttpRetry, GivesUpAfterMaxAttempts)
{
    ScriptedClient client;
    for (int i = 0; i < 4; ++i)
        client.outcomes << makeError(u"network_error"_s, u"refused"_s, 0);
    auto r = sendWithRetry(client, { "GET", u"http://x"_s, {} }, RetryPolicy {}, [](auto) {});
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(client.sent.size(), 4);
}

TEST(HttpRetry, BackoffIsCappedAndJittered)
{
    RetryPolicy p;
    for (int attempt = 0; attempt < 30; ++attempt) {
        const auto d = p.delayBefore(attempt);
        EXPECT_GE(d.count(), 0);
        EXPECT_LE(d, p.maxDelay);
    }
}

TEST(CurlHttpClient, ConnectionRefusedIsAnErrorNotACrash)
{
    CurlHttpClient client(
        { .connectTimeout = std::chrono::milliseconds(300), .totalTimeout = std::chrono::milliseconds(500) });
    auto r = client.send({ "GET", u"http://127.0.0.1:1/healthz"_s, {} });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"network_error"_s);
}
