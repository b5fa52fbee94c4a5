// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one definition of every message that crosses the wire between the server, the totems,
// the TVs and the desk console (HTTP bodies and WebSocket frames). docs/protocol.md shows
// them with examples. Each message reads strictly (fromJson) and writes canonically (toJson).
// No message that can reach a TV carries a CPF, a birth date or a priority reason.

#include "core/result.h"
#include "ticket/priorityclass.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace clinico::protocol {

inline constexpr int kApiVersion = 1;
inline constexpr qint64 kMaxRequestBodyBytes = 64 * 1024;
inline constexpr qint64 kMaxWebSocketMessageBytes = 16 * 1024;

// Device roles (per-device tokens).
namespace Role {
inline const QString Totem = QStringLiteral("totem");
inline const QString Tv = QStringLiteral("tv");
inline const QString Desk = QStringLiteral("desk");
inline const QString Admin = QStringLiteral("admin");
bool isValid(QStringView role);
} // namespace Role

// Ticket life cycle.
namespace TicketStatus {
inline const QString Waiting = QStringLiteral("waiting");
inline const QString Called = QStringLiteral("called");
inline const QString InService = QStringLiteral("in_service");
inline const QString Done = QStringLiteral("done");
inline const QString NoShow = QStringLiteral("no_show");
inline const QString Cancelled = QStringLiteral("cancelled");
inline const QString Expired = QStringLiteral("expired");
bool isOpen(QStringView status); // waiting, called, in_service
} // namespace TicketStatus

// Event kinds on /api/v1/events.
namespace EventKind {
inline const QString TicketIssued = QStringLiteral("ticket.issued");
inline const QString TicketCalled = QStringLiteral("ticket.called");
inline const QString TicketUpdated = QStringLiteral("ticket.updated");
inline const QString DayReset = QStringLiteral("day.reset");
inline const QString SettingsChanged = QStringLiteral("settings.changed");
} // namespace EventKind

struct ErrorBody
{
    QString code;
    QString message;
    QJsonObject toJson() const;
    static ErrorBody fromJson(const QJsonObject &o); // lenient: errors must always be readable
};

struct Service
{
    qint64 id = 0;
    QString prefix;
    QString name;
    bool active = true;
    QJsonObject toJson() const;
    static Result<Service> fromJson(const QJsonObject &o);
};

struct Counter
{
    qint64 id = 0;
    QString name; // what the TV shows and speaks: "Guichê 3", "Consultório 5"
    QList<qint64> serviceIds;
    bool active = true;
    QJsonObject toJson() const;
    static Result<Counter> fromJson(const QJsonObject &o);
};

// What a TV and a totem need to present the clinic; cached by both for offline start.
struct DisplaySettings
{
    QString clinicName;
    QString notice;
    QString logoUrl;
    bool showNames = false; // "Maria S." on the TV, only when the clinic opts in
    QJsonObject toJson() const;
    static Result<DisplaySettings> fromJson(const QJsonObject &o);
};

// POST /api/v1/tickets. Online: cpf, serviceId, priority, idempotencyKey.
// Offline replay from a totem's outbox adds issuedAtMs and the number it took from a lease
// (or offlineCode when its leases ran out), so the server files it at its original time.
struct IssueTicketRequest
{
    QString cpf;
    qint64 serviceId = 0;
    PriorityClass priority = PriorityClass::Normal;
    QString idempotencyKey; // client-generated, 8..64 chars [A-Za-z0-9_-]
    std::optional<qint64> issuedAtMs;
    std::optional<qint64> leaseId;
    std::optional<int> number;
    std::optional<QString> offlineCode;
    QJsonObject toJson() const;
    static Result<IssueTicketRequest> fromJson(const QJsonObject &o);
};

// A ticket as staff and devices see it. Never a CPF.
struct Ticket
{
    qint64 id = 0;
    QString code;
    qint64 serviceId = 0;
    QString serviceName;
    PriorityClass priority = PriorityClass::Normal;
    QString status;
    qint64 issuedAtMs = 0;
    qint64 arrivedAtMs = 0;
    std::optional<qint64> counterId;
    QString counterName;
    bool offline = false;
    QJsonObject toJson() const;
    static Result<Ticket> fromJson(const QJsonObject &o);
};

// Reply to POST /api/v1/tickets.
struct IssueTicketResponse
{
    Ticket ticket;
    bool reissued = false;          // same patient, same service, a few minutes ago: reprint it
    int peopleAhead = 0;
    int estimatedWaitMinutes = 0;
    QString statusToken;            // unguessable; the ticket's QR code points at /t/<token>
    QJsonObject toJson() const;
    static Result<IssueTicketResponse> fromJson(const QJsonObject &o);
};

// Data of a ticket.called event, the only thing a TV needs to call a patient.
struct CallAnnouncement
{
    qint64 ticketId = 0;
    QString code;
    QString serviceName;
    qint64 serviceId = 0;
    qint64 counterId = 0;
    QString counterName;
    bool recall = false;
    QString displayName; // empty unless the clinic turned names on
    qint64 calledAtMs = 0;
    QJsonObject toJson() const;
    static Result<CallAnnouncement> fromJson(const QJsonObject &o);
};

// POST /api/v1/counters/<id>/call-next and the desk's preview of who is next.
struct CallResult
{
    std::optional<Ticket> ticket;
    QString reason;      // CallReason wire name
    QString explanation; // pt-BR, for the desk
    QJsonObject toJson() const;
    static Result<CallResult> fromJson(const QJsonObject &o);
};

// POST /api/v1/leases: a block of numbers a totem may use while the server is unreachable.
struct LeaseRequest
{
    qint64 serviceId = 0;
    PriorityClass priority = PriorityClass::Normal;
    int size = 20;
    QJsonObject toJson() const;
    static Result<LeaseRequest> fromJson(const QJsonObject &o);
};

struct Lease
{
    qint64 id = 0;
    QString day; // business day, yyyy-MM-dd: a lease is worthless after the daily reset
    qint64 serviceId = 0;
    PriorityClass priority = PriorityClass::Normal;
    int first = 0;
    int last = 0;
    QJsonObject toJson() const;
    static Result<Lease> fromJson(const QJsonObject &o);
};

// POST /api/v1/devices/me/status: a device tells the server how it is.
struct DeviceStatus
{
    QString version;
    QString printerState; // "ok", "media-empty", "offline", ... (totems)
    QString printerMessage;
    int outboxDepth = 0;
    QString lastError;
    QJsonObject toJson() const;
    static Result<DeviceStatus> fromJson(const QJsonObject &o);
};

// POST /api/v1/patients/lookup (totem): which age class the registry suggests for a CPF.
// Only the class comes back: never the name or the birth date. The CPF travels in the body,
// never in a URL (URLs end up in logs).
struct PatientLookupRequest
{
    QString cpf;
    QJsonObject toJson() const;
    static Result<PatientLookupRequest> fromJson(const QJsonObject &o);
};

struct PatientLookup
{
    bool known = false;                            // the CPF is in the registry
    std::optional<PriorityClass> suggestedPriority; // from the birth date: 80+ or 60+; absent otherwise
    QJsonObject toJson() const;
    static Result<PatientLookup> fromJson(const QJsonObject &o);
};

// One entry of the event log, as sent on the WebSocket.
struct Event
{
    qint64 seq = 0;
    QString kind;
    qint64 atMs = 0;
    QJsonObject data;
    QJsonObject toJson() const; // {"type":"event", ...}
    static Result<Event> fromJson(const QJsonObject &o);
};

// Sent instead of the backlog to a client that is new or too far behind.
struct Snapshot
{
    qint64 seq = 0;
    QList<Ticket> openTickets;
    QList<CallAnnouncement> recentCalls; // newest first
    DisplaySettings settings;
    QJsonObject toJson() const; // {"type":"snapshot", ...}
    static Result<Snapshot> fromJson(const QJsonObject &o);
};

// First frame on every event connection.
struct Hello
{
    qint64 lastSeq = 0;
    qint64 serverTimeMs = 0;
    QString role;
    QJsonObject toJson() const; // {"type":"hello", ...}
    static Result<Hello> fromJson(const QJsonObject &o);
};

namespace FrameType {
inline const QString Hello = QStringLiteral("hello");
inline const QString Event = QStringLiteral("event");
inline const QString Snapshot = QStringLiteral("snapshot");
inline const QString Error = QStringLiteral("error");
} // namespace FrameType

} // namespace clinico::protocol
