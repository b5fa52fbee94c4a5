// SPDX-License-Identifier: GPL-3.0-or-later
#include "link/serverlink.h"

#include <QJsonDocument>

namespace clinico::totem {

HttpLane::HttpLane(const QString &name, HttpOptions options)
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
        m_client->options().connectTimeout = std::min(totalTimeout, std::chrono::milliseconds(1000));
        auto result = m_client->send(request);
        if (receiver)
            QMetaObject::invokeMethod(receiver, [result = std::move(result), done] { done(result); });
    });
}

ServerLink::ServerLink(Options options)
    : m_options(std::move(options))
    , m_interactive(QStringLiteral("http-interactive"), m_options.http)
    , m_advisory(QStringLiteral("http-advisory"), m_options.http)
    , m_background(QStringLiteral("http-background"), m_options.http)
{ }

HttpRequest ServerLink::request(const QByteArray &method, const QString &path, const QJsonObject &body) const
{
    HttpRequest r;
    r.method = method;
    r.url = m_options.serverUrl.resolved(QUrl(path)).toString();
    if (method != "GET")
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

void ServerLink::interactive(const QByteArray &method, const QString &path, const QJsonObject &body,
    std::chrono::milliseconds timeout, QObject *context, Done done)
{
    m_interactive.send(request(method, path, body), timeout, context, std::move(done));
}

void ServerLink::background(
    const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context, Done done)
{
    m_background.send(request(method, path, body), std::chrono::milliseconds(5000), context, std::move(done));
}

void ServerLink::advisory(const QByteArray &method, const QString &path, const QJsonObject &body,
    std::chrono::milliseconds timeout, QObject *context, Done done)
{
    m_advisory.send(request(method, path, body), timeout, context, std::move(done));
}

QString ServerLink::statusUrl(const QString &statusToken) const
{
    return m_options.serverUrl.resolved(QUrl(QStringLiteral("/t/") + statusToken)).toString();
}

} // namespace clinico::totem
