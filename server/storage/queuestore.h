// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "cpf/cpf.h"
#include "patients/patientvault.h"
#include "policy/callpolicy.h"
#include "protocol/messages.h"
#include "storage/sqlitedatabase.h"
#include "ticket/businessday.h"

#include <QMap>

#include <functional>
#include <optional>

namespace clinico::server {

struct DeviceRecord
{
    qint64 id = 0;
    QString name;
    QString role;
    bool revoked = false;
    qint64 lastSeenMs = 0;
    QString version;
    QJsonObject status;
};

// What a kiosk said about itself since the last save (DevicePresence).
struct DevicePresenceUpdate
{
    qint64 deviceId = 0;
    qint64 lastSeenMs = 0;
    std::optional<protocol::DeviceStatus> status; // unchanged when absent
};

struct IssueOutcome
{
    protocol::IssueTicketResponse response;
    bool created = false; // false: an earlier ticket was returned (retry or reissue)
};

// Who did it, for the call log and the audit trail.
struct Actor
{
    qint64 deviceId = 0;
    QString name;
};

enum class TicketAction { NoShow, Start, Finish, Cancel };

// The server's storage: every operation is one transaction that changes the data and
// appends its event together, so the event log and the state never disagree. Events are
// handed to `onEventCommitted` after the commit, in sequence order; a transaction that rolls
// back (an error, a failed commit) publishes nothing.
//
// The SQL is kept to what SQLite and PostgreSQL share; the one SQLite-specific part is how
// the file is opened (shared/storage/sqlitedatabase.h).
class QueueStore
{
public:
    QueueStore(const Clock &clock, BusinessDay calendar);

    // The database file, and the patient registry's key file (default: keys/patient.keys
    // beside the database; see PatientVault).
    Status open(const QString &path, const QString &patientKeyFile = {});
    void close() { m_db.close(); }

    std::function<void(const protocol::Event &)> onEventCommitted;

    // Catalogue and settings.
    Result<protocol::Service> addService(const QString &prefix, const QString &name);
    Result<protocol::Counter> addCounter(const QString &name, const QList<qint64> &serviceIds);
    QList<protocol::Service> services();
    QList<protocol::Counter> counters();
    std::optional<protocol::Service> service(qint64 id);
    std::optional<protocol::Counter> counter(qint64 id);
    QString setting(const QString &key, const QString &fallback = {});
    Status setSetting(const QString &key, const QString &value);
    protocol::DisplaySettings displaySettings();
    Status setDisplaySettings(const protocol::DisplaySettings &settings);
    CallPolicyRules policyRules();
    Result<protocol::Service> updateService(qint64 id, const QString &name, bool active);
    Result<protocol::Counter> updateCounter(
        qint64 id, const QString &name, const QList<qint64> &serviceIds, bool active);
    const BusinessDay &calendar() const { return m_calendar; }
    void setCalendar(BusinessDay calendar) { m_calendar = std::move(calendar); }

    // Devices.
    Result<DeviceRecord> addDevice(const QString &name, const QString &role, const QByteArray &tokenHash);
    std::optional<DeviceRecord> deviceByTokenHash(const QByteArray &tokenHash);
    QList<DeviceRecord> devices();
    Status revokeDevice(qint64 id);
    std::optional<DeviceRecord> device(qint64 id);
    // A new token for a device that is not revoked (404 otherwise): enrolment hands it over.
    Status setDeviceTokenHash(qint64 id, const QByteArray &tokenHash);
    // All in one transaction: thousands of kiosks report every 30 s.
    Status savePresence(const QList<DevicePresenceUpdate> &updates);

    // The business day. Expires every open ticket of an earlier day; idempotent.
    Result<int> rolloverTo(const QString &day);
    QString currentDay();

    // Tickets.
    struct IssueCommand
    {
        protocol::IssueTicketRequest request;
        Cpf cpf;
        Actor device;
    };
    Result<IssueOutcome> issue(
        const protocol::IssueTicketRequest &request, const Cpf &cpf, const Actor &device);
    // Group commit: every command in its own savepoint, all in one transaction, so N tickets
    // cost one fsync. One command failing does not affect the others. Nothing is reported
    // as issued before the commit is on disk.
    QList<Result<IssueOutcome>> issueBatch(const QList<IssueCommand> &commands);
    Result<protocol::Lease> lease(const protocol::LeaseRequest &request, const Actor &device);
    Result<protocol::CallResult> callNext(qint64 counterId, const Actor &actor);
    Result<protocol::CallResult> previewNext(qint64 counterId);
    Result<protocol::Ticket> callSpecific(
        qint64 ticketId, qint64 counterId, const QString &reason, const Actor &actor);
    Result<protocol::Ticket> recall(qint64 ticketId, const Actor &actor);
    Result<protocol::Ticket> act(qint64 ticketId, TicketAction action, const Actor &actor);
    Result<protocol::Ticket> redirect(qint64 ticketId, qint64 serviceId, const Actor &actor);
    QList<protocol::Ticket> tickets(const QString &statusFilter = {});
    std::optional<protocol::Ticket> ticket(qint64 id);
    std::optional<protocol::Ticket> ticketByToken(const QString &token);
    // People ahead in the same service and the estimated wait, for the ticket and /t/<token>.
    QPair<int, int> positionAndWait(const protocol::Ticket &t);

    // Patients: the registry's optional name and birth date, and the age class they imply.
    Status setPatient(const Cpf &cpf, const QString &name, const QDate &birthDate);
    protocol::PatientLookup lookupPatient(const Cpf &cpf);
    // A new registry key, every patient row resealed with it, the old keys dropped. Run with
    // the server stopped: a running server keeps the keys it read at start. Rows resealed.
    Result<int> rotatePatientKey();

    // Events.
    // An error when the log cannot be read: a subscriber must never take silence for "nothing
    // happened".
    Result<QList<protocol::Event>> eventsAfter(qint64 seq, int limit);
    struct EventLogBounds
    {
        qint64 first = 0; // 0: the log is empty
        qint64 last = 0;
    };
    Result<EventLogBounds> eventLogBounds();
    qint64 lastSeq(); // 0 when the log is empty or unreadable: for figures, not for subscribers
    // What a subscriber starts from. A TV is shown call-outs only, so its snapshot never reads
    // the open tickets (20,000 of them on a busy day would cost a TV ~150 ms to skip).
    enum class SnapshotAudience { CallsOnly, WithOpenTickets };
    protocol::Snapshot snapshot(SnapshotAudience audience, int recentCalls = 12);

    // Metrics.
    qint64 ticketsIssuedTotal();
    QMap<QString, int> waitingPerService();

    SqliteDatabase &database() { return m_db; }
    // The audit trail, for what happens outside the store's own operations (logins, admin
    // changes), after the change itself is committed: a failure here can only be logged.
    void recordAudit(const Actor &actor, const QString &action, qint64 ticketId, const QString &detail);

private:
    struct TicketRow;
    std::optional<TicketRow> loadTicket(qint64 id);
    protocol::Ticket toTicket(const TicketRow &row);
    Result<qint64> appendEvent(const QString &kind, const QJsonObject &data);
    void publish(QList<protocol::Event> events);
    Status audit(const Actor &actor, const QString &action, qint64 ticketId, const QString &detail);
    Result<int> nextNumber(const QString &day, qint64 serviceId, PriorityClass priority, int count);
    Result<int> leaseFirstNumber(const QString &day, qint64 serviceId, PriorityClass priority);
    int leasedNumbersEnd(const QString &day, qint64 serviceId, PriorityClass priority);
    static constexpr int kLeasedNumbersFrom = 501;
    Result<protocol::Ticket> markCalled(const TicketRow &row, qint64 counterId, const QString &kind,
        const QString &reason, const Actor &actor, bool recall);
    QList<WaitingTicket> waitingFor(qint64 counterId);
    int consecutivePriorityCalls(qint64 counterId, int limit);
    QString displayNameFor(qint64 patientId);
    Status sealClearRegistry();
    Result<QList<protocol::Ticket>> finishHeldBy(qint64 counterId, const Actor &actor);
    // The patient whose `column` (id or cpf_lookup) is `value`, unsealed.
    std::optional<PatientRecord> patient(const QString &column, const QVariant &value);
    Result<IssueOutcome> issueInTransaction(const IssueCommand &command);
    Status linkServices(qint64 counterId, const QList<qint64> &serviceIds);
    Result<QString> offlineCode(
        const protocol::IssueTicketRequest &req, const protocol::Service &svc, const Actor &device);
    Status checkPrintTime(qint64 printedAtMs, const QString &day, std::optional<qint64> leasedAtMs);
    static Error invalidPrintTime(const QString &why);
    Status adoptOfflineCode(qint64 ticketId, const protocol::IssueTicketRequest &req,
        const protocol::Service &svc, const QByteArray &hash, const Actor &device);
    // The ticket as it now is, with its event appended (none when `eventKind` is empty).
    Result<protocol::Ticket> changedTicket(qint64 ticketId, const QString &eventKind);
    // One unit of work: `work` runs in a write transaction (SqliteDatabase::write, so it may
    // run again when another process held the lock); the events it appended are published
    // after the commit and forgotten whenever the transaction rolls back.
    template<typename T> Result<T> write(const std::function<Result<T>()> &work);

    const Clock &m_clock;
    BusinessDay m_calendar;
    SqliteDatabase m_db;
    std::optional<PatientVault> m_vault;
    QList<protocol::Event> m_pending;
    QString m_currentDay; // cached; only rolloverTo() changes it
};

} // namespace clinico::server
