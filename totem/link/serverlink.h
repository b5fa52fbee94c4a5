// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httplane.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace clinico::totem {

// An answer that means "the request is wrong", as opposed to "the server could not answer":
// retrying will not help and the patient must be told. An unauthorised totem still serves its
// patients offline while IT fixes the token, so 401 and 403 are not refusals.
inline bool isRefusal(const HttpResponse &r)
{
    return r.status >= 400 && r.status < 500 && r.status != 401 && r.status != 403 && r.status != 408
        && r.status != 429;
}

// The totem's view of the queue server: the interactive lane carries what a patient waits
// for (issuing) so it never queues behind the advisory lane's registry lookup or the background lane's
// outbox drain, lease top-ups, catalogue refresh and status reports.
class ServerLink
{
public:
    struct Options
    {
        QUrl serverUrl;
        HttpOptions http;
    };
    explicit ServerLink(Options options);

    using Done = HttpLane::Done;
    void interactive(const QByteArray &method, const QString &path, const QJsonObject &body,
        std::chrono::milliseconds timeout, QObject *context, Done done);
    void background(
        const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context, Done done);
    // Nice-to-have questions asked while the patient is still choosing (the registry's age
    // class): their own lane, so a slow answer never delays a ticket.
    void advisory(const QByteArray &method, const QString &path, const QJsonObject &body,
        std::chrono::milliseconds timeout, QObject *context, Done done);
    QUrl serverUrl() const { return m_options.serverUrl; }
    // The address printed in the ticket's QR code.
    QString statusUrl(const QString &statusToken) const;

private:
    HttpRequest request(const QByteArray &method, const QString &path, const QJsonObject &body) const;
    Options m_options;
    HttpLane m_interactive;
    HttpLane m_advisory;
    HttpLane m_background;
};

} // namespace clinico::totem
