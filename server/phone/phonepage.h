// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"
#include "storage/queuestore.h"

#include <QHttpServerResponse>

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

    // pt-BR, en or es, the first of the phone's Accept-Language the page speaks (pt-BR else).
    static QString languageFor(QByteArrayView acceptLanguage);
    static QHttpServerResponse page(const QString &language);
    static QHttpServerResponse notFoundPage();
    // /phone/<file>: the page's script and style.
    static QHttpServerResponse asset(const QString &name);

private:
    QueueStore &m_store;
};

} // namespace clinico::server
