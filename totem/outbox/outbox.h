// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "protocol/messages.h"
#include "storage/sqlitedatabase.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace clinico::totem {

// Where a ticket request stands, as far as this totem knows.
enum class OutboxState {
    Pending, // committed, the server's answer not known yet (or the totem died waiting)
    Offline, // the totem issued it itself (leased number or tagged code); the server must file it
    Done, // the server has it; kept for the reprint window, without the CPF
    Rejected, // the server refused to file it (kept, with the reason, for staff to see)
};

struct OutboxEntry
{
    qint64 id = 0;
    QString idempotencyKey;
    QString cpf; // digits; erased once the server has the ticket
    qint64 serviceId = 0;
    PriorityClass priority = PriorityClass::Normal;
    qint64 createdMs = 0;
    OutboxState state = OutboxState::Pending;
    QString code;
    std::optional<qint64> leaseId;
    std::optional<int> number;
    std::optional<QString> offlineCode;
    QString statusToken;
    int attempts = 0;
    QString lastError;

    // The request that files this entry with the server, the same on every retry.
    protocol::IssueTicketRequest request() const;
};

// The totem's durable memory (SQLite, WAL, synchronous=FULL): every ticket request is
// committed here before anything is printed, so a crash, a power cut or a dead network loses
// nothing. It also holds the numbers leased from the server for offline issuing and the
// cached clinic catalogue so the totem starts with no network at all.
class Outbox
{
public:
    Status open(const QString &path);

    Result<OutboxEntry> add(const QString &cpfDigits, qint64 serviceId, PriorityClass priority, qint64 nowMs,
        const QString &idempotencyKey);
    // The server answered: remember the code, forget the CPF.
    Status markDone(qint64 id, const QString &code, const QString &statusToken);
    // The server did not answer: give the entry a code of our own, from a lease for `day`
    // when one has numbers left, else "<prefix><marker>-<tag>-NNN". Returns the updated entry.
    Result<OutboxEntry> issueOffline(
        qint64 id, const QString &day, const QString &servicePrefix, const QString &deviceTag);
    // The server refused the request for good (invalid CPF, inactive service): forget it.
    Status discard(qint64 id);
    Status markRejected(qint64 id, const QString &reason);
    Status noteAttempt(qint64 id, const QString &error);

    std::optional<OutboxEntry> entry(qint64 id);
    // What still has to reach the server, oldest first.
    QList<OutboxEntry> unsent();
    int depth();
    // The same patient, same service, within the window: reprint instead of issuing again.
    std::optional<OutboxEntry> recentFor(const QString &cpfDigits, qint64 serviceId, qint64 sinceMs);
    Status purgeDoneBefore(qint64 ms);

    Status addLease(const protocol::Lease &lease);
    int numbersLeft(const QString &day, qint64 serviceId, PriorityClass priority);
    Status dropLeasesBefore(const QString &day);

    Status putCache(const QString &key, const QJsonObject &value);
    QJsonObject cache(const QString &key);

private:
    std::optional<OutboxEntry> read(QSqlQuery &q);
    QString cpfKey(const QString &digits) const;
    SqliteDatabase m_db;
    QString m_salt;
};

} // namespace clinico::totem
