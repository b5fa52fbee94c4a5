// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "protocol/messages.h"
#include "cpf/cpf.h"
#include "ticket/businessday.h"
#include "ticket/priorityclass.h"

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>
#include <optional>

namespace clinico::totem {

class Catalog;
class Outbox;
class ServerLink;

// A ticket as the patient will hold it.
struct IssuedTicket
{
    qint64 outboxId = 0;
    QString code;
    qint64 serviceId = 0;
    QString serviceName;
    PriorityClass priority = PriorityClass::Normal;
    QDateTime issuedAt;
    int peopleAhead = -1; // -1: not known (offline)
    int estimatedWaitMinutes = -1; // -1: not known
    QString statusUrl; // for the QR code; empty offline
    bool offline = false; // issued by this totem, to be filed with the server later
    bool reprint = false; // the patient already had this ticket
};

// Issues one ticket: commit the request to the outbox, ask the server (for at most
// onlineTimeout), and if the server cannot answer, issue it from this totem's leased numbers.
// A patient always leaves with a ticket unless the request itself is wrong.
class TicketIssuer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::chrono::milliseconds onlineTimeout { 1500 };
        std::chrono::milliseconds knownOfflineTimeout { 400 }; // when the link is already known to be down
        std::chrono::minutes reprintWindow { 10 };
        QString deviceTag = QStringLiteral("T1");
    };
    TicketIssuer(Outbox &outbox, ServerLink &link, Catalog &catalog, const Clock &clock, Options options,
        QObject *parent = nullptr);

    using Done = std::function<void(Result<IssuedTicket>)>;
    void issue(const Cpf &cpf, qint64 serviceId, PriorityClass priority, Done done);
    // What the server knows of the CPF: the class the registry suggests from the birth date
    // (80+ / 60+) and today's appointment to check in for. Nothing when the server cannot tell
    // in time: the patient then goes the usual way.
    void lookup(const Cpf &cpf, std::function<void(protocol::PatientLookup)> done);

    void setLinkKnownDown(bool down) { m_linkKnownDown = down; }
    QString today() const; // by the server's calendar (Catalog::businessDay)

Q_SIGNALS:
    // Every interactive exchange tells whether the server answered.
    void linkObserved(bool reachable, const QString &error);

private:
    IssuedTicket fromOutbox(const qint64 outboxId, bool reprint);
    static Error storageFailure();
    Outbox &m_outbox;
    ServerLink &m_link;
    Catalog &m_catalog;
    const Clock &m_clock;
    Options m_options;
    bool m_linkKnownDown = false;
};

} // namespace clinico::totem
