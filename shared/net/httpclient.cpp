// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/httpclient.h"

#include "protocol/messages.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <curl/curl.h>

#include <thread>

namespace clinico {

namespace {

struct BodySink
{
    QByteArray *body;
    qsizetype max;
    bool overflowed = false;
};

size_t appendBody(char *data, size_t size, size_t count, void *userdata)
{
    auto *sink = static_cast<BodySink *>(userdata);
    const qsizetype n = qsizetype(size * count);
    if (sink->body->size() + n > sink->max) {
        sink->overflowed = true;
        return 0; // libcurl stops the transfer: CURLE_WRITE_ERROR
    }
    sink->body->append(data, n);
    return size * count;
}

struct CurlGlobal
{
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

} // namespace

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

Error HttpResponse::error() const
{
    const auto parsed = protocol::ErrorBody::fromJson(json());
    if (!parsed.code.isEmpty())
        return makeError(parsed.code, parsed.message, status);
    return makeError(QStringLiteral("http_%1").arg(status),
        QStringLiteral("O servidor respondeu %1.").arg(status), status);
}

CurlHttpClient::CurlHttpClient(HttpOptions options)
    : m_options(std::move(options))
{
    static CurlGlobal global;
    m_curl = curl_easy_init();
}

CurlHttpClient::~CurlHttpClient()
{
    curl_easy_cleanup(static_cast<CURL *>(m_curl));
}

Result<HttpResponse> CurlHttpClient::send(const HttpRequest &request)
{
    CURL *curl = static_cast<CURL *>(m_curl);
    if (!curl)
        return makeError(QStringLiteral("network_error"), QStringLiteral("libcurl não inicializou."), 0);
    curl_easy_reset(curl);

    const QByteArray url = request.url.toUtf8();
    HttpResponse response;
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(m_options.connectTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(m_options.totalTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &appendBody);
    BodySink sink { &response.body, m_options.maxResponseBytes };
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(m_options.maxResponseBytes));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    const QByteArray caFile = m_options.caFile.toUtf8();
    if (!caFile.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.constData());
    const QByteArray pinned = m_options.pinnedPublicKey.toUtf8();
    if (!pinned.isEmpty())
        curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, pinned.constData());

    if (request.method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    }

    curl_slist *headers = nullptr;
    QList<QByteArray> headerLines;
    headerLines << "Expect:"; // no 100-continue round trip for small bodies
    if (!request.body.isEmpty() || request.method != "GET")
        headerLines << "Content-Type: " + request.contentType;
    if (!m_options.bearerToken.isEmpty())
        headerLines << "Authorization: Bearer " + m_options.bearerToken.toUtf8();
    for (const auto &[name, value] : request.headers)
        headerLines << name + ": " + value;
    for (const QByteArray &line : headerLines)
        headers = curl_slist_append(headers, line.constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (sink.overflowed || rc == CURLE_FILESIZE_EXCEEDED)
        return makeError(QStringLiteral("response_too_large"),
            QStringLiteral("Resposta do servidor grande demais (mais de %1 KiB).")
                .arg(m_options.maxResponseBytes / 1024),
            0);
    if (rc != CURLE_OK) {
        const QString code
            = rc == CURLE_OPERATION_TIMEDOUT ? QStringLiteral("timeout") : QStringLiteral("network_error");
        return makeError(code,
            QStringLiteral("Sem resposta do servidor: %1").arg(QString::fromUtf8(curl_easy_strerror(rc))), 0);
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = int(status);
    return response;
}

bool RetryPolicy::isRetryable(const Result<HttpResponse> &outcome)
{
    if (!outcome)
        return true;
    return outcome->status >= 500 || outcome->status == 429;
}

std::chrono::milliseconds RetryPolicy::delayBefore(int attempt) const
{
    const qint64 cap = std::min<qint64>(maxDelay.count(), baseDelay.count() << std::min(attempt, 16));
    return std::chrono::milliseconds(QRandomGenerator::global()->bounded(cap + 1));
}

Result<HttpResponse> sendWithRetry(HttpClient &client, const HttpRequest &request, const RetryPolicy &policy,
    const std::function<void(std::chrono::milliseconds)> &sleep)
{
    Result<HttpResponse> outcome = client.send(request);
    for (int attempt = 1; attempt < policy.maxAttempts && RetryPolicy::isRetryable(outcome); ++attempt) {
        const auto delay = policy.delayBefore(attempt);
        if (sleep)
            sleep(delay);
        else
            std::this_thread::sleep_for(delay);
        outcome = client.send(request);
    }
    return outcome;
}

} // namespace clinico
