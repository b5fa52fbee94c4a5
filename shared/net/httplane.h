// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httpclient.h"

#include <QObject>
#include <QThread>

#include <chrono>
#include <functional>
#include <memory>

namespace clinico {

// libcurl blocks, a screen must not: a lane is one thread with one keep-alive connection.
// Requests on a lane run in order; each reply is delivered on the thread of `context` (the
// GUI thread), and dropped if `context` is gone by then.
class HttpLane
{
public:
    HttpLane(const QString &name, HttpOptions options);
    ~HttpLane();
    HttpLane(const HttpLane &) = delete;
    HttpLane &operator=(const HttpLane &) = delete;

    using Done = std::function<void(Result<HttpResponse>)>;
    // The connect timeout is the lane's own, at most totalTimeout.
    void send(HttpRequest request, std::chrono::milliseconds totalTimeout, QObject *context, Done done);

private:
    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread
    std::chrono::milliseconds m_connectTimeout;
    std::shared_ptr<CurlHttpClient> m_client;
};

} // namespace clinico
