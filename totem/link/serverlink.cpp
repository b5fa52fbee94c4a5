// SPDX-License-Identifier: GPL-3.0-or-later
#include "link/serverlink.h"

#include <QJsonDocument>

namespace clinico::totem {

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
