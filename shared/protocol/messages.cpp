// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/messages.h"

#include "protocol/jsonreader.h"

#include <QRegularExpression>

#include <limits>

namespace clinico::protocol {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint32>::max();
constexpr qint64 kMaxMs = 253402300799999; // year 9999

template<typename T>
Result<T> finished(JsonReader &r, T value, bool strict)
{
    const Status s = strict ? r.finish() : r.finishAllowingUnknown();
    if (!s)
        return s.error();
    return value;
}

PriorityClass readPriority(JsonReader &r, const QString &key)
{
    const QString s = r.string(key, 16);
    const auto c = priorityClassFromWire(s);
    if (!c && !r.failed())
        r.fail(key, QStringLiteral("deve ser normal, priority ou priority80."));
    return c.value_or(PriorityClass::Normal);
}

QJsonArray idsToJson(const QList<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return a;
}

template<typename T>
Result<QList<T>> listFromJson(const QJsonValue &v)
{
    QList<T> out;
    for (const QJsonValue &item : v.toArray()) {
        auto parsed = T::fromJson(item.toObject());
        if (!parsed)
            return parsed.error();
        out << *parsed;
    }
    return out;
}

template<typename T>
QJsonArray listToJson(const QList<T> &list)
{
    QJsonArray a;
    for (const T &item : list)
        a.append(item.toJson());
    return a;
}

} // namespace

bool Role::isValid(QStringView role)
{
    return role == Totem || role == Tv || role == Desk || role == Admin;
}

bool TicketStatus::isOpen(QStringView status)
{
    return status == Waiting || status == Called || status == InService;
}

QJsonObject ErrorBody::toJson() const
{
    return { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
}

ErrorBody ErrorBody::fromJson(const QJsonObject &o)
{
    return { o.value(QStringLiteral("code")).toString(), o.value(QStringLiteral("message")).toString() };
}

QJsonObject Service::toJson() const
{
    return { { QStringLiteral("id"), id },
             { QStringLiteral("prefix"), prefix },
             { QStringLiteral("name"), name },
             { QStringLiteral("active"), active } };
}

Result<Service> Service::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Service s;
    s.id = r.optionalInteger(QStringLiteral("id"), 0, kMaxId).value_or(0);
    s.prefix = r.string(QStringLiteral("prefix"), 3);
    s.name = r.string(QStringLiteral("name"), 80);
    s.active = r.optionalBool(QStringLiteral("active")).value_or(true);
    return finished(r, s, false);
}

QJsonObject Counter::toJson() const
{
    return { { QStringLiteral("id"), id },
             { QStringLiteral("name"), name },
             { QStringLiteral("serviceIds"), idsToJson(serviceIds) },
             { QStringLiteral("active"), active } };
}

Result<Counter> Counter::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Counter c;
    c.id = r.optionalInteger(QStringLiteral("id"), 0, kMaxId).value_or(0);
    c.name = r.string(QStringLiteral("name"), 60);
    c.serviceIds = r.integerList(QStringLiteral("serviceIds"), 1, kMaxId);
    c.active = r.optionalBool(QStringLiteral("active")).value_or(true);
    return finished(r, c, false);
}

QJsonObject DisplaySettings::toJson() const
{
    return { { QStringLiteral("clinicName"), clinicName },
             { QStringLiteral("notice"), notice },
             { QStringLiteral("logoUrl"), logoUrl },
             { QStringLiteral("showNames"), showNames } };
}

Result<DisplaySettings> DisplaySettings::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    DisplaySettings s;
    s.clinicName = r.optionalString(QStringLiteral("clinicName"), 120).value_or(QString());
    s.notice = r.optionalString(QStringLiteral("notice"), 300).value_or(QString());
    s.logoUrl = r.optionalString(QStringLiteral("logoUrl"), 500).value_or(QString());
    s.showNames = r.optionalBool(QStringLiteral("showNames")).value_or(false);
    return finished(r, s, false);
}

QJsonObject IssueTicketRequest::toJson() const
{
    QJsonObject o { { QStringLiteral("cpf"), cpf },
                    { QStringLiteral("serviceId"), serviceId },
                    { QStringLiteral("priority"), clinico::toWire(priority) },
                    { QStringLiteral("idempotencyKey"), idempotencyKey } };
    if (issuedAtMs)
        o.insert(QStringLiteral("issuedAtMs"), *issuedAtMs);
    if (leaseId)
        o.insert(QStringLiteral("leaseId"), *leaseId);
    if (number)
        o.insert(QStringLiteral("number"), *number);
    if (offlineCode)
        o.insert(QStringLiteral("offlineCode"), *offlineCode);
    return o;
}

Result<IssueTicketRequest> IssueTicketRequest::fromJson(const QJsonObject &o)
{
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z0-9_-]{8,64}$"));
    static const QRegularExpression offlineCodePattern(QStringLiteral("^[A-Z]{2,4}-[A-Z0-9]{1,8}-[0-9]{3,4}$"));
    JsonReader r(o);
    IssueTicketRequest q;
    q.cpf = r.string(QStringLiteral("cpf"), 20);
    q.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    q.priority = readPriority(r, QStringLiteral("priority"));
    q.idempotencyKey = r.string(QStringLiteral("idempotencyKey"), 64);
    if (!r.failed() && !keyPattern.match(q.idempotencyKey).hasMatch())
        r.fail(QStringLiteral("idempotencyKey"), QStringLiteral("de 8 a 64 letras, números, '-' ou '_'."));
    q.issuedAtMs = r.optionalInteger(QStringLiteral("issuedAtMs"), 0, kMaxMs);
    q.leaseId = r.optionalInteger(QStringLiteral("leaseId"), 1, kMaxId);
    if (auto n = r.optionalInteger(QStringLiteral("number"), 1, 9999))
        q.number = int(*n);
    q.offlineCode = r.optionalString(QStringLiteral("offlineCode"), 20);
    if (q.offlineCode && !r.failed() && !offlineCodePattern.match(*q.offlineCode).hasMatch())
        r.fail(QStringLiteral("offlineCode"), QStringLiteral("formato inválido."));
    if (!r.failed() && bool(q.leaseId) != bool(q.number))
        r.fail(QStringLiteral("leaseId"), QStringLiteral("leaseId e number vêm juntos."));
    if (!r.failed() && (q.number || q.offlineCode) && !q.issuedAtMs)
        r.fail(QStringLiteral("issuedAtMs"), QStringLiteral("obrigatório para senhas emitidas sem conexão."));
    return finished(r, q, true);
}

QJsonObject Ticket::toJson() const
{
    QJsonObject o { { QStringLiteral("id"), id },
                    { QStringLiteral("code"), code },
                    { QStringLiteral("serviceId"), serviceId },
                    { QStringLiteral("serviceName"), serviceName },
                    { QStringLiteral("priority"), clinico::toWire(priority) },
                    { QStringLiteral("status"), status },
                    { QStringLiteral("issuedAtMs"), issuedAtMs },
                    { QStringLiteral("arrivedAtMs"), arrivedAtMs },
                    { QStringLiteral("offline"), offline } };
    if (counterId) {
        o.insert(QStringLiteral("counterId"), *counterId);
        o.insert(QStringLiteral("counterName"), counterName);
    }
    return o;
}

Result<Ticket> Ticket::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Ticket t;
    t.id = r.integer(QStringLiteral("id"), 1, kMaxId);
    t.code = r.string(QStringLiteral("code"), 20);
    t.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    t.serviceName = r.optionalString(QStringLiteral("serviceName"), 80).value_or(QString());
    t.priority = readPriority(r, QStringLiteral("priority"));
    t.status = r.string(QStringLiteral("status"), 20);
    t.issuedAtMs = r.integer(QStringLiteral("issuedAtMs"), 0, kMaxMs);
    t.arrivedAtMs = r.integer(QStringLiteral("arrivedAtMs"), 0, kMaxMs);
    t.counterId = r.optionalInteger(QStringLiteral("counterId"), 1, kMaxId);
    t.counterName = r.optionalString(QStringLiteral("counterName"), 60).value_or(QString());
    t.offline = r.optionalBool(QStringLiteral("offline")).value_or(false);
    return finished(r, t, false);
}

QJsonObject IssueTicketResponse::toJson() const
{
    return { { QStringLiteral("ticket"), ticket.toJson() },
             { QStringLiteral("reissued"), reissued },
             { QStringLiteral("peopleAhead"), peopleAhead },
             { QStringLiteral("estimatedWaitMinutes"), estimatedWaitMinutes },
             { QStringLiteral("statusToken"), statusToken } };
}

Result<IssueTicketResponse> IssueTicketResponse::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    IssueTicketResponse resp;
    auto ticket = Ticket::fromJson(r.optionalObject(QStringLiteral("ticket")).value_or(QJsonObject()));
    if (!ticket)
        return ticket.error();
    resp.ticket = *ticket;
    resp.reissued = r.optionalBool(QStringLiteral("reissued")).value_or(false);
    resp.peopleAhead = int(r.optionalInteger(QStringLiteral("peopleAhead"), 0, kMaxId).value_or(0));
    resp.estimatedWaitMinutes = int(r.optionalInteger(QStringLiteral("estimatedWaitMinutes"), 0, kMaxId).value_or(0));
    resp.statusToken = r.optionalString(QStringLiteral("statusToken"), 64).value_or(QString());
    return finished(r, resp, false);
}

QJsonObject CallAnnouncement::toJson() const
{
    QJsonObject o { { QStringLiteral("ticketId"), ticketId },
                    { QStringLiteral("code"), code },
                    { QStringLiteral("serviceId"), serviceId },
                    { QStringLiteral("serviceName"), serviceName },
                    { QStringLiteral("counterId"), counterId },
                    { QStringLiteral("counterName"), counterName },
                    { QStringLiteral("recall"), recall },
                    { QStringLiteral("calledAtMs"), calledAtMs } };
    if (!displayName.isEmpty())
        o.insert(QStringLiteral("displayName"), displayName);
    return o;
}

Result<CallAnnouncement> CallAnnouncement::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    CallAnnouncement a;
    a.ticketId = r.integer(QStringLiteral("ticketId"), 1, kMaxId);
    a.code = r.string(QStringLiteral("code"), 20);
    a.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    a.serviceName = r.optionalString(QStringLiteral("serviceName"), 80).value_or(QString());
    a.counterId = r.integer(QStringLiteral("counterId"), 1, kMaxId);
    a.counterName = r.string(QStringLiteral("counterName"), 60);
    a.recall = r.optionalBool(QStringLiteral("recall")).value_or(false);
    a.displayName = r.optionalString(QStringLiteral("displayName"), 60).value_or(QString());
    a.calledAtMs = r.integer(QStringLiteral("calledAtMs"), 0, kMaxMs);
    return finished(r, a, false);
}

QJsonObject CallResult::toJson() const
{
    return { { QStringLiteral("ticket"), ticket ? QJsonValue(ticket->toJson()) : QJsonValue() },
             { QStringLiteral("reason"), reason },
             { QStringLiteral("explanation"), explanation } };
}

Result<CallResult> CallResult::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    CallResult c;
    if (auto t = r.optionalObject(QStringLiteral("ticket"))) {
        auto ticket = Ticket::fromJson(*t);
        if (!ticket)
            return ticket.error();
        c.ticket = *ticket;
    }
    c.reason = r.string(QStringLiteral("reason"), 40);
    c.explanation = r.string(QStringLiteral("explanation"), 1000);
    return finished(r, c, false);
}

QJsonObject LeaseRequest::toJson() const
{
    return { { QStringLiteral("serviceId"), serviceId },
             { QStringLiteral("priority"), clinico::toWire(priority) },
             { QStringLiteral("size"), size } };
}

Result<LeaseRequest> LeaseRequest::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    LeaseRequest q;
    q.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    q.priority = readPriority(r, QStringLiteral("priority"));
    q.size = int(r.optionalInteger(QStringLiteral("size"), 1, 200).value_or(20));
    return finished(r, q, true);
}

QJsonObject Lease::toJson() const
{
    return { { QStringLiteral("id"), id },
             { QStringLiteral("day"), day },
             { QStringLiteral("serviceId"), serviceId },
             { QStringLiteral("priority"), clinico::toWire(priority) },
             { QStringLiteral("first"), first },
             { QStringLiteral("last"), last } };
}

Result<Lease> Lease::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Lease l;
    l.id = r.integer(QStringLiteral("id"), 1, kMaxId);
    l.day = r.string(QStringLiteral("day"), 10);
    l.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    l.priority = readPriority(r, QStringLiteral("priority"));
    l.first = int(r.integer(QStringLiteral("first"), 1, 99999));
    l.last = int(r.integer(QStringLiteral("last"), 1, 99999));
    return finished(r, l, false);
}

QJsonObject DeviceStatus::toJson() const
{
    return { { QStringLiteral("version"), version },
             { QStringLiteral("printerState"), printerState },
             { QStringLiteral("printerMessage"), printerMessage },
             { QStringLiteral("outboxDepth"), outboxDepth },
             { QStringLiteral("lastError"), lastError } };
}

Result<DeviceStatus> DeviceStatus::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    DeviceStatus s;
    s.version = r.string(QStringLiteral("version"), 40);
    s.printerState = r.optionalString(QStringLiteral("printerState"), 40).value_or(QString());
    s.printerMessage = r.optionalString(QStringLiteral("printerMessage"), 300).value_or(QString());
    s.outboxDepth = int(r.optionalInteger(QStringLiteral("outboxDepth"), 0, kMaxId).value_or(0));
    s.lastError = r.optionalString(QStringLiteral("lastError"), 300).value_or(QString());
    return finished(r, s, true);
}

QJsonObject PatientLookupRequest::toJson() const
{
    return { { QStringLiteral("cpf"), cpf } };
}

Result<PatientLookupRequest> PatientLookupRequest::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    PatientLookupRequest q;
    q.cpf = r.string(QStringLiteral("cpf"), 20);
    return finished(r, q, true);
}

QJsonObject PatientLookup::toJson() const
{
    QJsonObject o { { QStringLiteral("known"), known } };
    if (suggestedPriority)
        o.insert(QStringLiteral("suggestedPriority"), clinico::toWire(*suggestedPriority));
    return o;
}

Result<PatientLookup> PatientLookup::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    PatientLookup l;
    l.known = r.optionalBool(QStringLiteral("known")).value_or(false);
    if (auto p = r.optionalString(QStringLiteral("suggestedPriority"), 16))
        l.suggestedPriority = priorityClassFromWire(*p);
    return finished(r, l, false);
}

QJsonObject Event::toJson() const
{
    return { { QStringLiteral("type"), FrameType::Event },
             { QStringLiteral("seq"), seq },
             { QStringLiteral("kind"), kind },
             { QStringLiteral("atMs"), atMs },
             { QStringLiteral("data"), data } };
}

Result<Event> Event::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Event e;
    r.string(QStringLiteral("type"), 20);
    e.seq = r.integer(QStringLiteral("seq"), 1, std::numeric_limits<qint64>::max() / 2);
    e.kind = r.string(QStringLiteral("kind"), 40);
    e.atMs = r.integer(QStringLiteral("atMs"), 0, kMaxMs);
    e.data = r.optionalObject(QStringLiteral("data")).value_or(QJsonObject());
    return finished(r, e, false);
}

QJsonObject Snapshot::toJson() const
{
    return { { QStringLiteral("type"), FrameType::Snapshot },
             { QStringLiteral("seq"), seq },
             { QStringLiteral("openTickets"), listToJson(openTickets) },
             { QStringLiteral("recentCalls"), listToJson(recentCalls) },
             { QStringLiteral("settings"), settings.toJson() } };
}

Result<Snapshot> Snapshot::fromJson(const QJsonObject &o)
{
    Snapshot s;
    s.seq = o.value(QStringLiteral("seq")).toInteger();
    auto tickets = listFromJson<Ticket>(o.value(QStringLiteral("openTickets")));
    if (!tickets)
        return tickets.error();
    auto calls = listFromJson<CallAnnouncement>(o.value(QStringLiteral("recentCalls")));
    if (!calls)
        return calls.error();
    auto settings = DisplaySettings::fromJson(o.value(QStringLiteral("settings")).toObject());
    if (!settings)
        return settings.error();
    s.openTickets = *tickets;
    s.recentCalls = *calls;
    s.settings = *settings;
    return s;
}

QJsonObject Hello::toJson() const
{
    return { { QStringLiteral("type"), FrameType::Hello },
             { QStringLiteral("lastSeq"), lastSeq },
             { QStringLiteral("serverTimeMs"), serverTimeMs },
             { QStringLiteral("role"), role },
             { QStringLiteral("apiVersion"), kApiVersion } };
}

Result<Hello> Hello::fromJson(const QJsonObject &o)
{
    Hello h;
    h.lastSeq = o.value(QStringLiteral("lastSeq")).toInteger();
    h.serverTimeMs = o.value(QStringLiteral("serverTimeMs")).toInteger();
    h.role = o.value(QStringLiteral("role")).toString();
    return h;
}

} // namespace clinico::protocol
