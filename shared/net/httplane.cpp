// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/httplane.h"

#include <QPointer>

namespace clinico {

HttpLane::HttpLane(const QString &name, HttpOptions options)
    : m_connectTimeout(options.connectTimeout)
{
    m_thread.setObjectName(name);
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    // The curl handle is created and used on the lane's thread only.
    QMetaObject::invokeMethod(
        m_worker, [this, options] { m_client = std::make_shared<CurlHttpClient>(options); },
        Qt::BlockingQueuedConnection);
}

HttpLane::~HttpLane()
{
    QMetaObject::invokeMethod(
        m_worker, [this] { m_client.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void HttpLane::send(HttpRequest request, std::chrono::milliseconds totalTimeout, QObject *context, Done done)
{
    QPointer<QObject> receiver(context);
    QMetaObject::invokeMethod(m_worker, [this, request = std::move(request), totalTimeout, receiver, done] {
        m_client->options().totalTimeout = totalTimeout;
        m_client->options().connectTimeout = std::min(totalTimeout, m_connectTimeout);
        auto result = m_client->send(request);
        if (receiver)
            QMetaObject::invokeMethod(receiver, [result = std::move(result), done] { done(result); });
    });
}

} // namespace clinico
