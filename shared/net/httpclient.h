// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace clinico {

struct HttpRequest
{
    QByteArray method = "GET";
    QString url;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const;
    bool isSuccess() const { return status >= 200 && status < 300; }
    // The server's {"code","message"} turned into an Error (or a generic one).
    Error error() const;
};

struct HttpOptions
{
    std::chrono::milliseconds connectTimeout { 1000 };
    std::chrono::milliseconds totalTimeout { 5000 };
    QString bearerToken;
    QString caFile; // trust only this CA bundle (empty: the system's)
    QString pinnedPublicKey; // "sha256//base64==" (empty: no pinning)
    // A reply body longer than this is cut off where it arrives, and the request fails
    // ("response_too_large"): a broken or hostile server cannot fill a kiosk's memory.
    qsizetype maxResponseBytes = 4 * 1024 * 1024;
};

// The one seam through which Clinico clients speak HTTP: tests inject faults behind it,
// the real thing is CurlHttpClient.
class HttpClient
{
public:
    virtual ~HttpClient() = default;
    // Transport failures (refused, timed out, TLS) are errors; any HTTP status is a response.
    virtual Result<HttpResponse> send(const HttpRequest &request) = 0;
};

// libcurl, one easy handle reused so keep-alive connections are reused. Not thread-safe:
// one instance per thread.
class CurlHttpClient final : public HttpClient
{
public:
    explicit CurlHttpClient(HttpOptions options = {});
    ~CurlHttpClient() override;
    Result<HttpResponse> send(const HttpRequest &request) override;
    HttpOptions &options() { return m_options; }

private:
    HttpOptions m_options;
    void *m_curl = nullptr;
};

struct RetryPolicy
{
    int maxAttempts = 4;
    std::chrono::milliseconds baseDelay { 200 };
    std::chrono::milliseconds maxDelay { 3000 };
    // Whether to retry after a given outcome: by default transport errors, 5xx and 429.
    static bool isRetryable(const Result<HttpResponse> &outcome);
    // Full jitter: uniform in [0, min(maxDelay, baseDelay * 2^attempt)].
    std::chrono::milliseconds delayBefore(int attempt) const;
};

// Sends the same request (same idempotency key in its body) until it succeeds, fails in a
// way a retry cannot fix, or the attempts run out. `sleep` is injectable for tests.
Result<HttpResponse> sendWithRetry(HttpClient &client, const HttpRequest &request, const RetryPolicy &policy,
    const std::function<void(std::chrono::milliseconds)> &sleep = {});

} // namespace clinico
