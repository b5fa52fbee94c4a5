// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one definition of every message that crosses the wire between the server, the totems,
// the TVs and the desk console (HTTP bodies and WebSocket frames). docs/protocol.md shows
// them with examples. Each message reads strictly (fromJson) and writes canonically (toJson).
// No message that can reach a TV carries a CPF, a birth date or a priority reason.

#include "core/result.h"
#include "ticket/businessday.h"
#include "ticket/priorityclass.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace clinico::protocol {

inline constexpr int kApiVersion = 1;
// Past these the server answers 431 / 413 and closes the connection (server/transport/).
inline constexpr qint64 kMaxRequestHeadBytes = 16 * 1024; // request line and headers
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
// A unit was created, renamed or moved to another time zone: every server instance reads the
// units again (its own unit's desks hear it too).
inline const QString UnitChanged = QStringLiteral("unit.changed");
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
    // The stage a patient usually goes to after this one (Recepção -> Triagem -> Consulta):
    // what "Finalizar e encaminhar" offers first and what the phone page names as next.
    std::optional<qint64> nextServiceId;
    QJsonObject toJson() const;
    static Result<Service> fromJson(const QJsonObject &o);
};

// A clinic of the network (a unit): everything else belongs to one. An empty time zone: the
// server's configured one (server.conf), as for the first unit of a server upgraded to units.
struct Unit
{
    qint64 id = 0;
    QString name;
    QString timeZone;
    QJsonObject toJson() const;
    static Result<Unit> fromJson(const QJsonObject &o);
};

// The clinic's calendar as the server keeps it (server.conf's time zone, the admin's reset
// time), sent with GET /api/v1/services. The server is its one source: a totem numbers and
// dates its offline tickets by it and prints times in its zone, whatever its own clock says.
struct ClinicCalendar
{
    QString day; // the current business day, yyyy-MM-dd
    QString resetTime = QStringLiteral("00:00"); // HH:mm, clinic time
    QString timeZone = QStringLiteral("America/Sao_Paulo"); // IANA
    BusinessDay businessDay() const;
    QJsonObject toJson() const;
    static Result<ClinicCalendar> fromJson(const QJsonObject &o);
    static ClinicCalendar of(const BusinessDay &day, const QString &today);
};

// Read only from clients (POST/PUT /api/v1/counters): unknown fields are refused.
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
    // A client's PUT may not carry fields this version does not know; what a server sends
    // may (a newer server).
    enum class From { Client, Server };
    static Result<DisplaySettings> fromJson(const QJsonObject &o, From from);
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
    // The token in the QR code the totem printed while offline, so /t/<token> works once filed.
    std::optional<QString> statusToken;
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
    bool reissued = false; // same patient, same service, a few minutes ago: reprint it
    int peopleAhead = 0;
    int estimatedWaitMinutes = 0;
    QString statusToken; // unguessable; the ticket's QR code points at /t/<token>
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
    QString reason; // CallReason wire name
    QString explanation; // pt-BR, for the desk
    // What the counter still held when it called (finished by the call; usually none or one).
    QList<Ticket> finishedBefore; // wire: "finished"
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
    QString printerState; // "ready", "printing", "media-low", "media-empty", "offline"... (totems)
    QString printerMessage;
    int outboxDepth = 0;
    QString lastError;
    QString audioState; // "ok", "no-audio" (TVs; empty until the first call tells)
    QString audioMessage; // why there is no audio, for the admin
    // What clinic IT reads from a distance (KioskHealth, shared/health/): seconds since the
    // app started, free bytes on the disk of its data directory (-1: unknown), and how many
    // times the app started in the last 24 h (a crash loop shows as a big number).
    qint64 uptimeS = 0;
    qint64 diskFreeBytes = -1;
    int restarts24h = 0;
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

// When a patient with an appointment stands at the totem, by the check-in window the clinic set
// (docs/agendamentos.md).
namespace ArrivalTiming {
inline const QString Early = QStringLiteral("early"); // before the window opens: come back later
inline const QString OnTime = QStringLiteral("on_time"); // check in now, with one tap
inline const QString Late = QStringLiteral("late"); // the window closed: see the reception
bool isValid(QStringView timing);
} // namespace ArrivalTiming

// The patient's next booked appointment today, as the totem shows it: when, with whom, where.
// Never the CPF, never the clinic's id of the appointment.
struct AppointmentArrival
{
    qint64 startMs = 0;
    QString practitionerName; // "Dra. Lima"
    qint64 serviceId = 0; // the queue a check-in joins
    QString serviceName;
    QString timing; // ArrivalTiming
    qint64 checkInFromMs = 0; // the window: from this time...
    qint64 checkInUntilMs = 0; // ...to this one
    QJsonObject toJson() const;
    static Result<AppointmentArrival> fromJson(const QJsonObject &o);
};

struct PatientLookup
{
    bool known = false; // the CPF is in the registry
    std::optional<PriorityClass> suggestedPriority; // from the birth date: 80+ or 60+; absent otherwise
    std::optional<AppointmentArrival> appointment; // booked today and not checked in yet
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
    // The server's own: whose event it is (its subscribers only hear their unit's). Not sent.
    qint64 unitId = 0;
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
    // Only some kinds of events (a TV's stream), or only its unit's (a network of several
    // units), are sent on this stream: its seq numbers have gaps.
    bool filtered = false;
    QJsonObject toJson() const; // {"type":"hello", ...}
    static Result<Hello> fromJson(const QJsonObject &o);
};

namespace FrameType {
inline const QString Hello = QStringLiteral("hello");
inline const QString Event = QStringLiteral("event");
inline const QString Snapshot = QStringLiteral("snapshot");
inline const QString Error = QStringLiteral("error");
} // namespace FrameType

// ---------------------------------------------------------------- staff console (desk, admin)

// Staff accounts (people, not devices). Attendants and doctors use the desk; admins also
// manage the clinic. A staff session acts as a `desk` device (attendant, doctor) or an
// `admin` device (admin) for every route above.
namespace StaffRole {
inline const QString Attendant = QStringLiteral("attendant");
inline const QString Doctor = QStringLiteral("doctor");
inline const QString Admin = QStringLiteral("admin");
bool isValid(QStringView role);
} // namespace StaffRole

struct StaffUser
{
    qint64 id = 0;
    QString username; // doctors may use their CRM
    QString displayName;
    QString role; // StaffRole
    bool active = true;
    qint64 lastLoginMs = 0;
    qint64 unitId = 0; // the unit they work in; 0 (null on the wire): a network administrator
    QJsonObject toJson() const;
    static Result<StaffUser> fromJson(const QJsonObject &o);
};

// POST /api/v1/session
struct LoginRequest
{
    QString username;
    QString password;
    QJsonObject toJson() const;
    static Result<LoginRequest> fromJson(const QJsonObject &o);
};

// Reply to POST/GET /api/v1/session. The session itself travels in an HttpOnly cookie; the
// CSRF token must come back in the X-CSRF-Token header of every state-changing request.
struct SessionInfo
{
    StaffUser user;
    QString csrfToken;
    qint64 expiresAtMs = 0;
    qint64 unitId = 0; // the unit the console shows: the user's, or the one a network admin picked
    QJsonObject toJson() const;
    static Result<SessionInfo> fromJson(const QJsonObject &o);
};

// POST /api/v1/users (create: all fields but `active`) and PUT /api/v1/users/<id> (any field).
struct UserChange
{
    std::optional<QString> username;
    std::optional<QString> displayName;
    std::optional<QString> role;
    std::optional<QString> password; // at least 8 characters
    std::optional<bool> active;
    QJsonObject toJson() const;
    static Result<UserChange> fromJson(const QJsonObject &o);
};

// GET/PUT /api/v1/settings/admin: what an admin may change from the console.
struct AdminSettings
{
    QString resetTime = QStringLiteral("00:00"); // HH:mm, clinic time
    int normalEvery = 2; // a normal ticket at least every N calls
    bool showNames = false; // first name on the TV
    int retentionDays = 90; // patient links older than this are removed
    QString clinicName;
    QString notice;
    // Appointments (docs/agendamentos.md): the totem's check-in window around the start, and
    // how long before its start an on-time appointment goes first in its queue.
    int checkInEarlyMinutes = 60;
    int checkInLateMinutes = 15;
    int appointmentLeadMinutes = 5;
    QJsonObject toJson() const;
    static Result<AdminSettings> fromJson(const QJsonObject &o);
};

// GET /api/v1/devices (admin): a device as clinic IT sees it.
struct DeviceInfo
{
    qint64 id = 0;
    QString name;
    QString role;
    bool revoked = false;
    qint64 lastSeenMs = 0;
    QString version;
    QString printerState;
    QString printerMessage;
    int outboxDepth = 0;
    QString lastError;
    QString audioState;
    QString audioMessage;
    qint64 uptimeS = 0;
    qint64 diskFreeBytes = -1;
    int restarts24h = 0;
    // Totems: "ok", "low" or "empty", read from the printer state; empty when the printer
    // cannot tell (offline, no printer) and for TVs.
    QString paper;
    // No news for kSilentAfterMs (by the server's clock when it answered): a kiosk that is
    // off, frozen or cut off. Never set for desks and admins, which report nothing.
    bool silent = false;
    static constexpr qint64 kSilentAfterMs = 2 * 60 * 1000;
    QJsonObject toJson() const;
    static Result<DeviceInfo> fromJson(const QJsonObject &o);
};

// POST /api/v1/devices (admin) and its reply: the token is shown only once.
struct NewDeviceRequest
{
    QString name;
    QString role;
    QJsonObject toJson() const;
    static Result<NewDeviceRequest> fromJson(const QJsonObject &o);
};

struct NewDeviceResponse
{
    DeviceInfo device;
    QString token;
    QJsonObject toJson() const;
    static Result<NewDeviceResponse> fromJson(const QJsonObject &o);
};

// Enrolment: a kiosk with no token asks for one and shows a short code; an admin types the
// code in the console and names the device; the kiosk's next poll gets its token, once.
//
// POST /api/v1/enrolments (no token).
struct EnrolmentRequest
{
    QString role; // totem or tv
    QString hostname;
    QString model;
    QString version;
    QJsonObject toJson() const;
    static Result<EnrolmentRequest> fromJson(const QJsonObject &o);
};

// Its reply: the code for a person to read off the screen ("K7QF-9M2X"), and the polling
// handle only the kiosk knows (the code alone never gets a token).
struct EnrolmentTicket
{
    QString code;
    QString handle;
    qint64 expiresAtMs = 0;
    int pollEveryMs = 3000;
    QJsonObject toJson() const;
    static Result<EnrolmentTicket> fromJson(const QJsonObject &o);
};

// GET /api/v1/enrolments/<handle> (no token; the handle is the secret).
namespace EnrolmentStateName {
inline const QString Pending = QStringLiteral("pending");
inline const QString Approved = QStringLiteral("approved"); // `token` is set, this one time
inline const QString Refused = QStringLiteral("refused");
inline const QString Expired = QStringLiteral("expired");
} // namespace EnrolmentStateName

struct EnrolmentState
{
    QString state;
    qint64 expiresAtMs = 0;
    QString deviceName; // approved
    QString token; // approved: the device token, handed over only in this reply
    QJsonObject toJson() const;
    static Result<EnrolmentState> fromJson(const QJsonObject &o);
};

// POST /api/v1/enrolments/approve (admin): the code read off the kiosk, and its name.
struct EnrolmentApproval
{
    QString code; // normalised (EnrolmentCode::normalize): "K7QF9M2X"
    QString name;
    QJsonObject toJson() const;
    static Result<EnrolmentApproval> fromJson(const QJsonObject &o);
};

// Enrolment without anyone at the kiosk: an admin makes a one-time code for a device not yet
// installed (POST /api/v1/enrolments/preapproved, a NewDeviceRequest for a totem or a TV),
// clinic IT writes it with the server's URL into clinico-enrol.conf on the kiosk, and the
// kiosk redeems it (POST /api/v1/enrolments/redeem, no token) for its token.
struct Preapproval
{
    QString code; // "K7QF-9M2X", shown only in this reply
    QString name;
    QString role;
    qint64 expiresAtMs = 0;
    QJsonObject toJson() const;
    static Result<Preapproval> fromJson(const QJsonObject &o);
};

struct EnrolmentRedemption
{
    QString code; // normalised
    EnrolmentRequest kiosk; // the same fields as EnrolmentRequest, next to `code`
    QJsonObject toJson() const;
    static Result<EnrolmentRedemption> fromJson(const QJsonObject &o);
};

// GET /api/v1/enrolments (admin): the kiosks waiting for approval. The code is not here
// (the server keeps only its hash): the admin types what the kiosk shows.
struct PendingEnrolment
{
    qint64 id = 0;
    QString role;
    QString hostname;
    QString model;
    QString version;
    QString address;
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;
    QJsonObject toJson() const;
    static Result<PendingEnrolment> fromJson(const QJsonObject &o);
};

// GET /api/v1/audit (admin): who did what, newest first.
struct AuditEntry
{
    qint64 id = 0;
    qint64 atMs = 0;
    QString actor; // "user:ana", "device:Mesa da recepção"
    QString action; // call, recall, specific, no_show, start, finish, redirect, cancel, login, user.add...
    std::optional<qint64> ticketId;
    QString ticketCode;
    QString detail;
    QJsonObject toJson() const;
    static Result<AuditEntry> fromJson(const QJsonObject &o);
};

// GET /api/v1/tickets/<id>/stages: where a patient has been in this visit, the current stage
// last (finishedAtMs absent while it lasts).
struct TicketStage
{
    qint64 serviceId = 0;
    QString serviceName;
    QString counterName; // who served it; empty while waiting
    qint64 sinceMs = 0; // joined this stage's queue
    std::optional<qint64> calledAtMs; // the first call of the stage (recalls do not count)
    std::optional<qint64> finishedAtMs;
    QJsonObject toJson() const;
    static Result<TicketStage> fromJson(const QJsonObject &o);
};

// GET/PUT /api/v1/wait-limits: how long a class may wait in a service's queue before the
// desks that serve it are alerted (legal priority: 80+ first, then the other priority groups).
struct WaitLimit
{
    qint64 serviceId = 0;
    PriorityClass priority = PriorityClass::Priority80;
    int minutes = 15; // 1..600
    QJsonObject toJson() const;
    static Result<WaitLimit> fromJson(const QJsonObject &o);
};

// GET /api/v1/alerts: a ticket waiting in its stage longer than its class's limit. Cleared by
// calling it; counted in the day report (ReportFigures::overLimit).
struct WaitAlert
{
    qint64 ticketId = 0;
    QString code;
    qint64 serviceId = 0;
    QString serviceName;
    PriorityClass priority = PriorityClass::Normal;
    qint64 waitingMs = 0; // since it joined this stage's queue
    int limitMinutes = 0;
    QJsonObject toJson() const;
    static Result<WaitAlert> fromJson(const QJsonObject &o);
};

// GET /t/<token>/status and every frame of /t/live?token=<token>: what the patient's phone
// shows. Only this ticket's code and counts: no name, no CPF, nothing of any other ticket.
struct PhoneStatus
{
    // "Sua vez está chegando" when this many people or fewer are ahead.
    static constexpr int kNearAhead = 2;

    QString clinicName;
    QString code;
    QString status; // TicketStatus
    QString stageName; // the service it waits for or is in
    QString nextStageName; // the configured next stage, empty when this is the last
    int ahead = 0; // waiting only
    int estimatedWaitMinutes = 0; // waiting only
    bool near = false;
    QString counterName; // where to go, once called
    QJsonObject toJson() const;
    static Result<PhoneStatus> fromJson(const QJsonObject &o);
};

// GET /api/v1/reports/day: one row per service and priority class, then per class and the
// whole day. Waits run from arrival to the first call; service time from start to finish.
// Durations are milliseconds; null when nothing was measured.
struct ReportFigures
{
    int issued = 0;
    int served = 0;
    int noShows = 0;
    int waitingNow = 0;
    std::optional<qint64> waitAvgMs;
    std::optional<qint64> waitMedianMs;
    std::optional<qint64> waitP90Ms;
    std::optional<qint64> serviceAvgMs;
    int overLimit = 0; // waited in a stage longer than the class's wait limit
    // The whole visit, door to the end of the last stage, of the finished visits: per-class
    // and total rows only.
    std::optional<qint64> visitAvgMs;
    std::optional<qint64> visitMedianMs;
    QJsonObject toJson() const;
    static Result<ReportFigures> fromJson(const QJsonObject &o);
};

struct ReportRow
{
    qint64 serviceId = 0; // 0 in the per-class and total rows
    QString serviceName;
    std::optional<PriorityClass> priority; // absent: every class
    ReportFigures figures;
    QJsonObject toJson() const;
    static Result<ReportRow> fromJson(const QJsonObject &o);
};

// The day's booked appointments (cancelled ones apart): how many patients came, and how many
// did not (never checked in by the end of the window, or did not answer the call).
// The day's appointments in the report: the same figures, under the same names, in the JSON the
// report view shows and in the CSV export (kFields is their one list).
struct AppointmentFigures
{
    int booked = 0; // not cancelled
    int arrived = 0; // checked in at the totem: onTime + late
    int onTime = 0; // checked in by the start
    int late = 0; // checked in after the start, inside the window
    int noShows = 0;
    int cancelled = 0;
    struct Field
    {
        const char *json; // the JSON key
        const char *csv; // the CSV column
        int AppointmentFigures::*value;
    };
    static const std::array<Field, 6> kFields;
    QJsonObject toJson() const;
    static Result<AppointmentFigures> fromJson(const QJsonObject &o);
};

struct DayReport
{
    QString day;
    qint64 generatedAtMs = 0;
    QList<ReportRow> rows; // per service and class
    QList<ReportRow> classes; // per class, every service: how 80+ and priority waits compare with normal
    ReportRow total;
    AppointmentFigures appointments;
    QJsonObject toJson() const;
    static Result<DayReport> fromJson(const QJsonObject &o);
    QByteArray toCsv() const; // the same rows, for a spreadsheet (UTF-8, comma, header line)
};

} // namespace clinico::protocol
