// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <atomic>

namespace clinico::test {

struct IssueLoadResult
{
    int created = 0; // 201
    QMap<int, int> byStatus; // HTTP status -> replies; 0: no reply at all
    QStringList firstFailures; // the first few replies that were not 201, for the test's message
    double seconds = 0;
    QHash<QString, qint64> acknowledged; // idempotency key -> ticket id, for every 200/201
    int serverErrors() const;
};

// Totems issuing tickets as fast as they can: `clients` threads with their own keep-alive
// connection (libcurl), each ticket for a new patient and idempotency key, the services
// taken in turn.
class IssueLoad
{
public:
    IssueLoad(QUrl server, QString totemToken, QList<qint64> serviceIds, int clients);
    // A ticket with no answer, or a 5xx, is asked for again with the same idempotency key up to
    // this many times, 100 ms apart, as a totem's outbox does (an instance died under it).
    int retriesPerTicket = 0;
    // Blocks until `count` tickets were asked for, spread over the clients.
    IssueLoadResult run(int count);

private:
    QUrl m_server;
    QString m_token;
    QList<qint64> m_serviceIds;
    int m_clients;
    std::atomic<int> m_nextPatient { 0 };
};

} // namespace clinico::test
