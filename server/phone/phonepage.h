// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "storage/queuestore.h"

#include <QHttpServerResponse>

#include <QHash>

#include <functional>
#include <optional>

namespace clinico::server {

// The patient's phone page, /t/<token> (the QR code on the ticket): one HTML page, its script
// and style (phone/web/, Qt resources, served as api/staticfile.h says), and the status it
// shows, which only the ticket's own unguessable token opens.
class PhonePage
{
public:
    explicit PhonePage(QueueStore &store)
        : m_store(store)
    { }

    // Nothing when no ticket has this token.
    std::optional<protocol::PhoneStatus> status(const QString &token);
    // The statuses of many tickets at once (the live pages), the same as status() gives each
    // but with every stage's queue worked out once (WaitEstimator::positionsIn); the tokens no
    // ticket has are left out.
    QHash<QString, protocol::PhoneStatus> statuses(const QList<QString> &tokens);

    // pt-BR, en or es, the first of the phone's Accept-Language the page speaks (pt-BR else).
    static QString languageFor(QByteArrayView acceptLanguage);
    static QHttpServerResponse page(const QString &language);
    static QHttpServerResponse notFoundPage();
    // /phone/<file>: the page's script and style.
    static QHttpServerResponse asset(const QString &name);

private:
    // What every status shares: the clinic's name and its stages (read once for many phones).
    struct Clinic
    {
        QString name;
        QList<protocol::Service> services;
    };
    Clinic clinic();
    // The ticket's status; `position` is asked only when it waits.
    static protocol::PhoneStatus describe(
        const protocol::Ticket &t, const Clinic &clinic, const std::function<QueuePosition()> &position);

    QueueStore &m_store;
};

} // namespace clinico::server
