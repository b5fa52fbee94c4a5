// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/messages.h"

#include "enrolment/enrolmentcode.h"
#include "protocol/jsonreader.h"

#include <QRegularExpression>

#include <limits>

namespace clinico::protocol {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint32>::max();
constexpr qint64 kMaxMs = 253402300799999; // year 9999

template<typename T> Result<T> finished(JsonReader &r, T value, bool strict)
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

template<typename T> Result<QList<T>> listFromJson(const QJsonValue &v)
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

template<typename T> QJsonArray listToJson(const QList<T> &list)
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
    return { { QStringLiteral("id"), id }, { QStringLiteral("prefix"), prefix },
        { QStringLiteral("name"), name }, { QStringLiteral("active"), active },
        { QStringLiteral("nextServiceId"), nextServiceId ? QJsonValue(*nextServiceId) : QJsonValue() } };
}

Result<Service> Service::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Service s;
    s.id = r.optionalInteger(QStringLiteral("id"), 0, kMaxId).value_or(0);
    s.prefix = r.string(QStringLiteral("prefix"), 3);
    s.name = r.string(QStringLiteral("name"), 80);
    s.active = r.optionalBool(QStringLiteral("active")).value_or(true);
    s.nextServiceId = r.optionalInteger(QStringLiteral("nextServiceId"), 1, kMaxId);
    return finished(r, s, false);
}

QJsonObject Unit::toJson() const
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("name"), name },
        { QStringLiteral("timeZone"), timeZone } };
}

Result<Unit> Unit::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Unit u;
    u.id = r.optionalInteger(QStringLiteral("id"), 0, kMaxId).value_or(0);
    u.name = r.string(QStringLiteral("name"), 80);
    u.timeZone = r.optionalString(QStringLiteral("timeZone"), 64).value_or(QString());
    if (Status s = r.finish(); !s)
        return s.error();
    if (u.name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("Dê um nome à unidade."));
    if (!u.timeZone.isEmpty() && !QTimeZone(u.timeZone.toLatin1()).isValid())
        return makeError(QStringLiteral("invalid_field"),
            QStringLiteral("Fuso horário desconhecido: %1 (ex.: America/Sao_Paulo).")
                .arg(u.timeZone.left(64)));
    return u;
}

BusinessDay ClinicCalendar::businessDay() const
{
    return BusinessDay(QTime::fromString(resetTime, QStringLiteral("HH:mm")), timeZone.toLatin1());
}

ClinicCalendar ClinicCalendar::of(const BusinessDay &day, const QString &today)
{
    return { today, day.resetAt().toString(QStringLiteral("HH:mm")),
        QString::fromLatin1(day.timeZone().id()) };
}

QJsonObject ClinicCalendar::toJson() const
{
    return { { QStringLiteral("day"), day }, { QStringLiteral("resetTime"), resetTime },
        { QStringLiteral("timeZone"), timeZone } };
}

Result<ClinicCalendar> ClinicCalendar::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    ClinicCalendar c;
    c.day = r.string(QStringLiteral("day"), 10);
    c.resetTime = r.string(QStringLiteral("resetTime"), 5);
    c.timeZone = r.string(QStringLiteral("timeZone"), 64);
    if (!r.failed() && !QTime::fromString(c.resetTime, QStringLiteral("HH:mm")).isValid())
        r.fail(QStringLiteral("resetTime"), QStringLiteral("use HH:mm, por exemplo 00:00."));
    if (!r.failed() && !QTimeZone(c.timeZone.toLatin1()).isValid())
        r.fail(QStringLiteral("timeZone"), QStringLiteral("fuso horário desconhecido."));
    return finished(r, c, false);
}

QJsonObject Counter::toJson() const
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("name"), name },
        { QStringLiteral("serviceIds"), idsToJson(serviceIds) }, { QStringLiteral("active"), active } };
}

Result<Counter> Counter::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Counter c;
    c.id = r.optionalInteger(QStringLiteral("id"), 0, kMaxId).value_or(0);
    c.name = r.string(QStringLiteral("name"), 60);
    c.serviceIds = r.integerList(QStringLiteral("serviceIds"), 1, kMaxId);
    c.active = r.optionalBool(QStringLiteral("active")).value_or(true);
    return finished(r, c, true);
}

QJsonObject DisplaySettings::toJson() const
{
    return { { QStringLiteral("clinicName"), clinicName }, { QStringLiteral("notice"), notice },
        { QStringLiteral("logoUrl"), logoUrl }, { QStringLiteral("showNames"), showNames } };
}

Result<DisplaySettings> DisplaySettings::fromJson(const QJsonObject &o, From from)
{
    JsonReader r(o);
    DisplaySettings s;
    s.clinicName = r.optionalString(QStringLiteral("clinicName"), 120).value_or(QString());
    s.notice = r.optionalString(QStringLiteral("notice"), 300).value_or(QString());
    s.logoUrl = r.optionalString(QStringLiteral("logoUrl"), 500).value_or(QString());
    s.showNames = r.optionalBool(QStringLiteral("showNames")).value_or(false);
    return finished(r, s, from == From::Client);
}

QJsonObject IssueTicketRequest::toJson() const
{
    QJsonObject o { { QStringLiteral("cpf"), cpf }, { QStringLiteral("serviceId"), serviceId },
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
    if (statusToken)
        o.insert(QStringLiteral("statusToken"), *statusToken);
    return o;
}

Result<IssueTicketRequest> IssueTicketRequest::fromJson(const QJsonObject &o)
{
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z0-9_-]{8,64}$"));
    static const QRegularExpression offlineCodePattern(
        QStringLiteral("^[A-Z]{2,4}-[A-Z0-9]{1,8}-[0-9]{3,4}$"));
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
    q.statusToken = r.optionalString(QStringLiteral("statusToken"), 64);
    static const QRegularExpression tokenPattern(QStringLiteral("^[A-Za-z0-9_-]{16,64}$"));
    if (q.statusToken && !r.failed() && !tokenPattern.match(*q.statusToken).hasMatch())
        r.fail(QStringLiteral("statusToken"), QStringLiteral("de 16 a 64 letras, números, '-' ou '_'."));
    if (!r.failed() && (q.number || q.offlineCode) && !q.issuedAtMs)
        r.fail(QStringLiteral("issuedAtMs"), QStringLiteral("obrigatório para senhas emitidas sem conexão."));
    if (!r.failed() && q.statusToken && !q.issuedAtMs)
        r.fail(QStringLiteral("statusToken"), QStringLiteral("só para senhas emitidas sem conexão."));
    return finished(r, q, true);
}

QJsonObject Ticket::toJson() const
{
    QJsonObject o { { QStringLiteral("id"), id }, { QStringLiteral("code"), code },
        { QStringLiteral("serviceId"), serviceId }, { QStringLiteral("serviceName"), serviceName },
        { QStringLiteral("priority"), clinico::toWire(priority) }, { QStringLiteral("status"), status },
        { QStringLiteral("issuedAtMs"), issuedAtMs }, { QStringLiteral("arrivedAtMs"), arrivedAtMs },
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
    return { { QStringLiteral("ticket"), ticket.toJson() }, { QStringLiteral("reissued"), reissued },
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
    resp.estimatedWaitMinutes
        = int(r.optionalInteger(QStringLiteral("estimatedWaitMinutes"), 0, kMaxId).value_or(0));
    resp.statusToken = r.optionalString(QStringLiteral("statusToken"), 64).value_or(QString());
    return finished(r, resp, false);
}

QJsonObject CallAnnouncement::toJson() const
{
    QJsonObject o { { QStringLiteral("ticketId"), ticketId }, { QStringLiteral("code"), code },
        { QStringLiteral("serviceId"), serviceId }, { QStringLiteral("serviceName"), serviceName },
        { QStringLiteral("counterId"), counterId }, { QStringLiteral("counterName"), counterName },
        { QStringLiteral("recall"), recall }, { QStringLiteral("calledAtMs"), calledAtMs } };
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
        { QStringLiteral("reason"), reason }, { QStringLiteral("explanation"), explanation },
        { QStringLiteral("finished"), listToJson(finishedBefore) } };
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
    auto done = listFromJson<Ticket>(o.value(QStringLiteral("finished")));
    if (!done)
        return done.error();
    c.finishedBefore = *done;
    return finished(r, c, false);
}

QJsonObject LeaseRequest::toJson() const
{
    return { { QStringLiteral("serviceId"), serviceId },
        { QStringLiteral("priority"), clinico::toWire(priority) }, { QStringLiteral("size"), size } };
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
    return { { QStringLiteral("id"), id }, { QStringLiteral("day"), day },
        { QStringLiteral("serviceId"), serviceId }, { QStringLiteral("priority"), clinico::toWire(priority) },
        { QStringLiteral("first"), first }, { QStringLiteral("last"), last } };
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
    return { { QStringLiteral("version"), version }, { QStringLiteral("printerState"), printerState },
        { QStringLiteral("printerMessage"), printerMessage }, { QStringLiteral("outboxDepth"), outboxDepth },
        { QStringLiteral("lastError"), lastError }, { QStringLiteral("audioState"), audioState },
        { QStringLiteral("audioMessage"), audioMessage }, { QStringLiteral("uptimeS"), uptimeS },
        { QStringLiteral("diskFreeBytes"), diskFreeBytes }, { QStringLiteral("restarts24h"), restarts24h } };
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
    s.audioState = r.optionalString(QStringLiteral("audioState"), 40).value_or(QString());
    s.audioMessage = r.optionalString(QStringLiteral("audioMessage"), 300).value_or(QString());
    s.uptimeS = r.optionalInteger(QStringLiteral("uptimeS"), 0, kMaxMs / 1000).value_or(0);
    s.diskFreeBytes = r.optionalInteger(QStringLiteral("diskFreeBytes"), -1, kMaxMs).value_or(-1);
    s.restarts24h = int(r.optionalInteger(QStringLiteral("restarts24h"), 0, kMaxId).value_or(0));
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

bool ArrivalTiming::isValid(QStringView timing)
{
    return timing == Early || timing == OnTime || timing == Late;
}

QJsonObject AppointmentArrival::toJson() const
{
    return { { QStringLiteral("startMs"), startMs }, { QStringLiteral("practitionerName"), practitionerName },
        { QStringLiteral("serviceId"), serviceId }, { QStringLiteral("serviceName"), serviceName },
        { QStringLiteral("timing"), timing }, { QStringLiteral("checkInFromMs"), checkInFromMs },
        { QStringLiteral("checkInUntilMs"), checkInUntilMs } };
}

Result<AppointmentArrival> AppointmentArrival::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    AppointmentArrival a;
    a.startMs = r.integer(QStringLiteral("startMs"), 0, kMaxMs);
    a.practitionerName = r.string(QStringLiteral("practitionerName"), 80);
    a.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    a.serviceName = r.string(QStringLiteral("serviceName"), 80);
    a.timing = r.string(QStringLiteral("timing"), 16);
    if (!r.failed() && !ArrivalTiming::isValid(a.timing))
        r.fail(QStringLiteral("timing"), QStringLiteral("deve ser early, on_time ou late."));
    a.checkInFromMs = r.integer(QStringLiteral("checkInFromMs"), 0, kMaxMs);
    a.checkInUntilMs = r.integer(QStringLiteral("checkInUntilMs"), 0, kMaxMs);
    return finished(r, a, false);
}

QJsonObject PatientLookup::toJson() const
{
    QJsonObject o { { QStringLiteral("known"), known } };
    if (suggestedPriority)
        o.insert(QStringLiteral("suggestedPriority"), clinico::toWire(*suggestedPriority));
    if (appointment)
        o.insert(QStringLiteral("appointment"), appointment->toJson());
    return o;
}

Result<PatientLookup> PatientLookup::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    PatientLookup l;
    l.known = r.optionalBool(QStringLiteral("known")).value_or(false);
    if (auto p = r.optionalString(QStringLiteral("suggestedPriority"), 16))
        l.suggestedPriority = priorityClassFromWire(*p);
    if (auto a = r.optionalObject(QStringLiteral("appointment"))) {
        auto arrival = AppointmentArrival::fromJson(*a);
        if (!arrival)
            return arrival.error();
        l.appointment = *arrival;
    }
    return finished(r, l, false);
}

QJsonObject Event::toJson() const
{
    return { { QStringLiteral("type"), FrameType::Event }, { QStringLiteral("seq"), seq },
        { QStringLiteral("kind"), kind }, { QStringLiteral("atMs"), atMs },
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
    return { { QStringLiteral("type"), FrameType::Snapshot }, { QStringLiteral("seq"), seq },
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
    auto settings = DisplaySettings::fromJson(
        o.value(QStringLiteral("settings")).toObject(), DisplaySettings::From::Server);
    if (!settings)
        return settings.error();
    s.openTickets = *tickets;
    s.recentCalls = *calls;
    s.settings = *settings;
    return s;
}

QJsonObject Hello::toJson() const
{
    return { { QStringLiteral("type"), FrameType::Hello }, { QStringLiteral("lastSeq"), lastSeq },
        { QStringLiteral("serverTimeMs"), serverTimeMs }, { QStringLiteral("role"), role },
        { QStringLiteral("filtered"), filtered }, { QStringLiteral("apiVersion"), kApiVersion } };
}

Result<Hello> Hello::fromJson(const QJsonObject &o)
{
    Hello h;
    h.lastSeq = o.value(QStringLiteral("lastSeq")).toInteger();
    h.serverTimeMs = o.value(QStringLiteral("serverTimeMs")).toInteger();
    h.role = o.value(QStringLiteral("role")).toString();
    h.filtered = o.value(QStringLiteral("filtered")).toBool();
    return h;
}

// ---------------------------------------------------------------- staff console

namespace {

void insertOptional(QJsonObject &o, const QString &key, const std::optional<qint64> &v)
{
    o.insert(key, v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null));
}

std::optional<PriorityClass> readOptionalPriority(JsonReader &r, const QString &key)
{
    const auto s = r.optionalString(key, 16);
    if (!s)
        return std::nullopt;
    const auto c = priorityClassFromWire(*s);
    if (!c)
        r.fail(key, QStringLiteral("deve ser normal, priority ou priority80."));
    return c;
}

QString csvField(const QString &s)
{
    QString out = s;
    // A leading =, +, - or @ would run as a formula in a spreadsheet.
    if (!out.isEmpty() && QStringLiteral("=+-@").contains(out.front()))
        out.prepend(u'\'');
    if (out.contains(u',') || out.contains(u'"') || out.contains(u'\n'))
        out = u'"' + out.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return out;
}

QString csvMinutes(const std::optional<qint64> &ms)
{
    return ms ? QString::number(double(*ms) / 60000.0, 'f', 1) : QString();
}

} // namespace

bool StaffRole::isValid(QStringView role)
{
    return role == Attendant || role == Doctor || role == Admin;
}

QJsonObject StaffUser::toJson() const
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("username"), username },
        { QStringLiteral("displayName"), displayName }, { QStringLiteral("role"), role },
        { QStringLiteral("active"), active }, { QStringLiteral("lastLoginMs"), lastLoginMs },
        { QStringLiteral("unitId"), unitId ? QJsonValue(unitId) : QJsonValue() } };
}

Result<StaffUser> StaffUser::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    StaffUser u;
    u.id = r.integer(QStringLiteral("id"), 1, kMaxId);
    u.username = r.string(QStringLiteral("username"), 40);
    u.displayName = r.optionalString(QStringLiteral("displayName"), 80).value_or(QString());
    u.role = r.string(QStringLiteral("role"), 16);
    u.active = r.optionalBool(QStringLiteral("active")).value_or(true);
    u.lastLoginMs = r.optionalInteger(QStringLiteral("lastLoginMs"), 0, kMaxMs).value_or(0);
    u.unitId = r.optionalInteger(QStringLiteral("unitId"), 1, kMaxId).value_or(0);
    return finished(r, u, false);
}

QJsonObject LoginRequest::toJson() const
{
    return { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } };
}

Result<LoginRequest> LoginRequest::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    LoginRequest l;
    l.username = r.string(QStringLiteral("username"), 40).trimmed();
    l.password = r.string(QStringLiteral("password"), 200);
    return finished(r, l, true);
}

QJsonObject SessionInfo::toJson() const
{
    return { { QStringLiteral("user"), user.toJson() }, { QStringLiteral("csrfToken"), csrfToken },
        { QStringLiteral("expiresAtMs"), expiresAtMs },
        { QStringLiteral("unitId"), unitId ? QJsonValue(unitId) : QJsonValue() } };
}

Result<SessionInfo> SessionInfo::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    SessionInfo s;
    auto user = StaffUser::fromJson(r.optionalObject(QStringLiteral("user")).value_or(QJsonObject()));
    if (!user)
        return user.error();
    s.user = *user;
    s.csrfToken = r.string(QStringLiteral("csrfToken"), 100);
    s.expiresAtMs = r.integer(QStringLiteral("expiresAtMs"), 0, kMaxMs);
    s.unitId = r.optionalInteger(QStringLiteral("unitId"), 1, kMaxId).value_or(0);
    return finished(r, s, false);
}

QJsonObject UserChange::toJson() const
{
    QJsonObject o;
    if (username)
        o.insert(QStringLiteral("username"), *username);
    if (displayName)
        o.insert(QStringLiteral("displayName"), *displayName);
    if (role)
        o.insert(QStringLiteral("role"), *role);
    if (password)
        o.insert(QStringLiteral("password"), *password);
    if (active)
        o.insert(QStringLiteral("active"), *active);
    return o;
}

Result<UserChange> UserChange::fromJson(const QJsonObject &o)
{
    static const QRegularExpression usernamePattern(QStringLiteral("^[A-Za-z0-9._-]{2,40}$"));
    JsonReader r(o);
    UserChange c;
    c.username = r.optionalString(QStringLiteral("username"), 40);
    if (c.username && !usernamePattern.match(*c.username).hasMatch())
        r.fail(QStringLiteral("username"),
            QStringLiteral("de 2 a 40 letras, números, '.', '-' ou '_' (o CRM serve)."));
    c.displayName = r.optionalString(QStringLiteral("displayName"), 80);
    c.role = r.optionalString(QStringLiteral("role"), 16);
    if (c.role && !StaffRole::isValid(*c.role))
        r.fail(QStringLiteral("role"), QStringLiteral("deve ser attendant, doctor ou admin."));
    c.password = r.optionalString(QStringLiteral("password"), 200);
    if (c.password && c.password->size() < 8)
        r.fail(QStringLiteral("password"), QStringLiteral("a senha precisa de pelo menos 8 caracteres."));
    c.active = r.optionalBool(QStringLiteral("active"));
    return finished(r, c, true);
}

QJsonObject AdminSettings::toJson() const
{
    return { { QStringLiteral("resetTime"), resetTime }, { QStringLiteral("normalEvery"), normalEvery },
        { QStringLiteral("showNames"), showNames }, { QStringLiteral("retentionDays"), retentionDays },
        { QStringLiteral("checkInEarlyMinutes"), checkInEarlyMinutes },
        { QStringLiteral("checkInLateMinutes"), checkInLateMinutes },
        { QStringLiteral("appointmentLeadMinutes"), appointmentLeadMinutes },
        { QStringLiteral("clinicName"), clinicName }, { QStringLiteral("notice"), notice } };
}

Result<AdminSettings> AdminSettings::fromJson(const QJsonObject &o)
{
    static const QRegularExpression timePattern(QStringLiteral("^([01][0-9]|2[0-3]):[0-5][0-9]$"));
    JsonReader r(o);
    AdminSettings s;
    s.resetTime = r.string(QStringLiteral("resetTime"), 5);
    if (!r.failed() && !timePattern.match(s.resetTime).hasMatch())
        r.fail(QStringLiteral("resetTime"), QStringLiteral("use HH:mm, por exemplo 00:00."));
    s.normalEvery = int(r.integer(QStringLiteral("normalEvery"), 1, 10));
    s.showNames = r.optionalBool(QStringLiteral("showNames")).value_or(false);
    s.retentionDays = int(r.integer(QStringLiteral("retentionDays"), 1, 3650));
    s.checkInEarlyMinutes
        = int(r.optionalInteger(QStringLiteral("checkInEarlyMinutes"), 0, 240).value_or(s.checkInEarlyMinutes));
    s.checkInLateMinutes
        = int(r.optionalInteger(QStringLiteral("checkInLateMinutes"), 0, 120).value_or(s.checkInLateMinutes));
    s.appointmentLeadMinutes = int(
        r.optionalInteger(QStringLiteral("appointmentLeadMinutes"), 0, 60).value_or(s.appointmentLeadMinutes));
    s.clinicName = r.optionalString(QStringLiteral("clinicName"), 120).value_or(QString());
    s.notice = r.optionalString(QStringLiteral("notice"), 300).value_or(QString());
    return finished(r, s, true);
}

QJsonObject DeviceInfo::toJson() const
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("name"), name }, { QStringLiteral("role"), role },
        { QStringLiteral("revoked"), revoked }, { QStringLiteral("lastSeenMs"), lastSeenMs },
        { QStringLiteral("version"), version }, { QStringLiteral("printerState"), printerState },
        { QStringLiteral("printerMessage"), printerMessage }, { QStringLiteral("outboxDepth"), outboxDepth },
        { QStringLiteral("lastError"), lastError }, { QStringLiteral("audioState"), audioState },
        { QStringLiteral("audioMessage"), audioMessage }, { QStringLiteral("uptimeS"), uptimeS },
        { QStringLiteral("diskFreeBytes"), diskFreeBytes }, { QStringLiteral("restarts24h"), restarts24h },
        { QStringLiteral("paper"), paper }, { QStringLiteral("silent"), silent } };
}

Result<DeviceInfo> DeviceInfo::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    DeviceInfo d;
    d.id = r.integer(QStringLiteral("id"), 1, kMaxId);
    d.name = r.string(QStringLiteral("name"), 80);
    d.role = r.string(QStringLiteral("role"), 16);
    d.revoked = r.optionalBool(QStringLiteral("revoked")).value_or(false);
    d.lastSeenMs = r.optionalInteger(QStringLiteral("lastSeenMs"), 0, kMaxMs).value_or(0);
    d.version = r.optionalString(QStringLiteral("version"), 40).value_or(QString());
    d.printerState = r.optionalString(QStringLiteral("printerState"), 40).value_or(QString());
    d.printerMessage = r.optionalString(QStringLiteral("printerMessage"), 300).value_or(QString());
    d.outboxDepth = int(r.optionalInteger(QStringLiteral("outboxDepth"), 0, kMaxId).value_or(0));
    d.lastError = r.optionalString(QStringLiteral("lastError"), 300).value_or(QString());
    d.audioState = r.optionalString(QStringLiteral("audioState"), 40).value_or(QString());
    d.audioMessage = r.optionalString(QStringLiteral("audioMessage"), 300).value_or(QString());
    d.uptimeS = r.optionalInteger(QStringLiteral("uptimeS"), 0, kMaxMs / 1000).value_or(0);
    d.diskFreeBytes = r.optionalInteger(QStringLiteral("diskFreeBytes"), -1, kMaxMs).value_or(-1);
    d.restarts24h = int(r.optionalInteger(QStringLiteral("restarts24h"), 0, kMaxId).value_or(0));
    d.paper = r.optionalString(QStringLiteral("paper"), 16).value_or(QString());
    d.silent = r.optionalBool(QStringLiteral("silent")).value_or(false);
    return finished(r, d, false);
}

QJsonObject NewDeviceRequest::toJson() const
{
    return { { QStringLiteral("name"), name }, { QStringLiteral("role"), role } };
}

Result<NewDeviceRequest> NewDeviceRequest::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    NewDeviceRequest d;
    d.name = r.string(QStringLiteral("name"), 80).trimmed();
    d.role = r.string(QStringLiteral("role"), 16);
    if (!r.failed() && d.name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("dê um nome ao dispositivo."));
    if (!r.failed() && !Role::isValid(d.role))
        r.fail(QStringLiteral("role"), QStringLiteral("deve ser totem, tv, desk ou admin."));
    return finished(r, d, true);
}

QJsonObject NewDeviceResponse::toJson() const
{
    return { { QStringLiteral("device"), device.toJson() }, { QStringLiteral("token"), token } };
}

Result<NewDeviceResponse> NewDeviceResponse::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    NewDeviceResponse d;
    auto device = DeviceInfo::fromJson(r.optionalObject(QStringLiteral("device")).value_or(QJsonObject()));
    if (!device)
        return device.error();
    d.device = *device;
    d.token = r.string(QStringLiteral("token"), 100);
    return finished(r, d, false);
}

QJsonObject EnrolmentRequest::toJson() const
{
    return { { QStringLiteral("role"), role }, { QStringLiteral("hostname"), hostname },
        { QStringLiteral("model"), model }, { QStringLiteral("version"), version } };
}

Result<EnrolmentRequest> EnrolmentRequest::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    EnrolmentRequest e;
    e.role = r.string(QStringLiteral("role"), 16);
    if (!r.failed() && e.role != Role::Totem && e.role != Role::Tv)
        r.fail(
            QStringLiteral("role"), QStringLiteral("só totens e TVs se registram por código: totem ou tv."));
    e.hostname = r.string(QStringLiteral("hostname"), 64).trimmed();
    e.model = r.optionalString(QStringLiteral("model"), 80).value_or(QString()).trimmed();
    e.version = r.string(QStringLiteral("version"), 40);
    return finished(r, e, true);
}

QJsonObject EnrolmentTicket::toJson() const
{
    return { { QStringLiteral("code"), code }, { QStringLiteral("handle"), handle },
        { QStringLiteral("expiresAtMs"), expiresAtMs }, { QStringLiteral("pollEveryMs"), pollEveryMs } };
}

Result<EnrolmentTicket> EnrolmentTicket::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    EnrolmentTicket t;
    t.code = r.string(QStringLiteral("code"), 20);
    t.handle = r.string(QStringLiteral("handle"), 64);
    t.expiresAtMs = r.integer(QStringLiteral("expiresAtMs"), 0, kMaxMs);
    t.pollEveryMs = int(r.optionalInteger(QStringLiteral("pollEveryMs"), 500, 60000).value_or(3000));
    return finished(r, t, false);
}

QJsonObject EnrolmentState::toJson() const
{
    QJsonObject o { { QStringLiteral("state"), state }, { QStringLiteral("expiresAtMs"), expiresAtMs } };
    if (!deviceName.isEmpty())
        o.insert(QStringLiteral("deviceName"), deviceName);
    if (!token.isEmpty())
        o.insert(QStringLiteral("token"), token);
    return o;
}

Result<EnrolmentState> EnrolmentState::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    EnrolmentState s;
    s.state = r.string(QStringLiteral("state"), 16);
    s.expiresAtMs = r.integer(QStringLiteral("expiresAtMs"), 0, kMaxMs);
    s.deviceName = r.optionalString(QStringLiteral("deviceName"), 80).value_or(QString());
    s.token = r.optionalString(QStringLiteral("token"), 100).value_or(QString());
    if (!r.failed() && s.state == EnrolmentStateName::Approved && s.token.isEmpty())
        r.fail(QStringLiteral("token"), QStringLiteral("obrigatório quando aprovado."));
    return finished(r, s, false);
}

QJsonObject EnrolmentApproval::toJson() const
{
    return { { QStringLiteral("code"), code }, { QStringLiteral("name"), name } };
}

Result<EnrolmentApproval> EnrolmentApproval::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    EnrolmentApproval a;
    const QString typed = r.string(QStringLiteral("code"), 20);
    a.name = r.string(QStringLiteral("name"), 80).trimmed();
    if (!r.failed()) {
        if (auto code = EnrolmentCode::normalize(typed))
            a.code = *code;
        else
            r.fail(QStringLiteral("code"),
                QStringLiteral(
                    "o código tem 8 letras e números, como aparece na tela do aparelho (K7QF-9M2X)."));
    }
    if (!r.failed() && a.name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("dê um nome ao dispositivo."));
    return finished(r, a, true);
}

QJsonObject Preapproval::toJson() const
{
    return { { QStringLiteral("code"), code }, { QStringLiteral("name"), name },
        { QStringLiteral("role"), role }, { QStringLiteral("expiresAtMs"), expiresAtMs } };
}

Result<Preapproval> Preapproval::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Preapproval p;
    p.code = r.string(QStringLiteral("code"), 20);
    p.name = r.string(QStringLiteral("name"), 80);
    p.role = r.string(QStringLiteral("role"), 16);
    p.expiresAtMs = r.integer(QStringLiteral("expiresAtMs"), 0, kMaxMs);
    return finished(r, p, false);
}

QJsonObject EnrolmentRedemption::toJson() const
{
    QJsonObject o = kiosk.toJson();
    o.insert(QStringLiteral("code"), code);
    return o;
}

Result<EnrolmentRedemption> EnrolmentRedemption::fromJson(const QJsonObject &o)
{
    EnrolmentRedemption e;
    QJsonObject kiosk = o;
    const QJsonValue typed = kiosk.take(QStringLiteral("code"));
    if (!typed.isString())
        return makeError(
            QStringLiteral("invalid_field"), QStringLiteral("Campo 'code': obrigatório (texto)."));
    auto code = EnrolmentCode::normalize(typed.toString());
    if (!code)
        return makeError(QStringLiteral("invalid_field"),
            QStringLiteral("Campo 'code': o código tem 8 letras e números, como K7QF-9M2X."));
    e.code = *code;
    auto request = EnrolmentRequest::fromJson(kiosk);
    if (!request)
        return request.error();
    e.kiosk = *request;
    return e;
}

QJsonObject PendingEnrolment::toJson() const
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("role"), role },
        { QStringLiteral("hostname"), hostname }, { QStringLiteral("model"), model },
        { QStringLiteral("version"), version }, { QStringLiteral("address"), address },
        { QStringLiteral("createdAtMs"), createdAtMs }, { QStringLiteral("expiresAtMs"), expiresAtMs } };
}

Result<PendingEnrolment> PendingEnrolment::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    PendingEnrolment p;
    p.id = r.integer(QStringLiteral("id"), 1, kMaxId);
    p.role = r.string(QStringLiteral("role"), 16);
    p.hostname = r.string(QStringLiteral("hostname"), 64);
    p.model = r.optionalString(QStringLiteral("model"), 80).value_or(QString());
    p.version = r.optionalString(QStringLiteral("version"), 40).value_or(QString());
    p.address = r.optionalString(QStringLiteral("address"), 64).value_or(QString());
    p.createdAtMs = r.integer(QStringLiteral("createdAtMs"), 0, kMaxMs);
    p.expiresAtMs = r.integer(QStringLiteral("expiresAtMs"), 0, kMaxMs);
    return finished(r, p, false);
}

QJsonObject AuditEntry::toJson() const
{
    QJsonObject o { { QStringLiteral("id"), id }, { QStringLiteral("atMs"), atMs },
        { QStringLiteral("actor"), actor }, { QStringLiteral("action"), action },
        { QStringLiteral("detail"), detail }, { QStringLiteral("ticketCode"), ticketCode } };
    insertOptional(o, QStringLiteral("ticketId"), ticketId);
    return o;
}

Result<AuditEntry> AuditEntry::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    AuditEntry a;
    a.id = r.integer(QStringLiteral("id"), 1, std::numeric_limits<qint64>::max());
    a.atMs = r.integer(QStringLiteral("atMs"), 0, kMaxMs);
    a.actor = r.string(QStringLiteral("actor"), 200);
    a.action = r.string(QStringLiteral("action"), 40);
    a.ticketId = r.optionalInteger(QStringLiteral("ticketId"), 1, std::numeric_limits<qint64>::max());
    a.ticketCode = r.optionalString(QStringLiteral("ticketCode"), 20).value_or(QString());
    a.detail = r.optionalString(QStringLiteral("detail"), 1000).value_or(QString());
    return finished(r, a, false);
}

QJsonObject TicketStage::toJson() const
{
    QJsonObject o { { QStringLiteral("serviceId"), serviceId }, { QStringLiteral("serviceName"), serviceName },
        { QStringLiteral("counterName"), counterName }, { QStringLiteral("sinceMs"), sinceMs } };
    insertOptional(o, QStringLiteral("calledAtMs"), calledAtMs);
    insertOptional(o, QStringLiteral("finishedAtMs"), finishedAtMs);
    return o;
}

Result<TicketStage> TicketStage::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    TicketStage t;
    t.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    t.serviceName = r.optionalString(QStringLiteral("serviceName"), 80).value_or(QString());
    t.counterName = r.optionalString(QStringLiteral("counterName"), 60).value_or(QString());
    t.sinceMs = r.integer(QStringLiteral("sinceMs"), 0, kMaxMs);
    t.calledAtMs = r.optionalInteger(QStringLiteral("calledAtMs"), 0, kMaxMs);
    t.finishedAtMs = r.optionalInteger(QStringLiteral("finishedAtMs"), 0, kMaxMs);
    return finished(r, t, false);
}

QJsonObject WaitLimit::toJson() const
{
    return { { QStringLiteral("serviceId"), serviceId },
        { QStringLiteral("priority"), clinico::toWire(priority) }, { QStringLiteral("minutes"), minutes } };
}

Result<WaitLimit> WaitLimit::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    WaitLimit l;
    l.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    l.priority = readPriority(r, QStringLiteral("priority"));
    l.minutes = int(r.integer(QStringLiteral("minutes"), 1, 600));
    return finished(r, l, true);
}

QJsonObject WaitAlert::toJson() const
{
    return { { QStringLiteral("ticketId"), ticketId }, { QStringLiteral("code"), code },
        { QStringLiteral("serviceId"), serviceId }, { QStringLiteral("serviceName"), serviceName },
        { QStringLiteral("priority"), clinico::toWire(priority) }, { QStringLiteral("waitingMs"), waitingMs },
        { QStringLiteral("limitMinutes"), limitMinutes } };
}

Result<WaitAlert> WaitAlert::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    WaitAlert a;
    a.ticketId = r.integer(QStringLiteral("ticketId"), 1, kMaxId);
    a.code = r.string(QStringLiteral("code"), 20);
    a.serviceId = r.integer(QStringLiteral("serviceId"), 1, kMaxId);
    a.serviceName = r.optionalString(QStringLiteral("serviceName"), 80).value_or(QString());
    a.priority = readPriority(r, QStringLiteral("priority"));
    a.waitingMs = r.integer(QStringLiteral("waitingMs"), 0, kMaxMs);
    a.limitMinutes = int(r.integer(QStringLiteral("limitMinutes"), 1, 600));
    return finished(r, a, false);
}

QJsonObject PhoneStatus::toJson() const
{
    return { { QStringLiteral("clinicName"), clinicName }, { QStringLiteral("code"), code },
        { QStringLiteral("status"), status }, { QStringLiteral("stageName"), stageName },
        { QStringLiteral("nextStageName"), nextStageName }, { QStringLiteral("ahead"), ahead },
        { QStringLiteral("estimatedWaitMinutes"), estimatedWaitMinutes }, { QStringLiteral("near"), near },
        { QStringLiteral("counterName"), counterName } };
}

Result<PhoneStatus> PhoneStatus::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    PhoneStatus p;
    p.clinicName = r.optionalString(QStringLiteral("clinicName"), 80).value_or(QString());
    p.code = r.string(QStringLiteral("code"), 20);
    p.status = r.string(QStringLiteral("status"), 20);
    p.stageName = r.optionalString(QStringLiteral("stageName"), 80).value_or(QString());
    p.nextStageName = r.optionalString(QStringLiteral("nextStageName"), 80).value_or(QString());
    p.ahead = int(r.optionalInteger(QStringLiteral("ahead"), 0, kMaxId).value_or(0));
    p.estimatedWaitMinutes = int(r.optionalInteger(QStringLiteral("estimatedWaitMinutes"), 0, kMaxId).value_or(0));
    p.near = r.optionalBool(QStringLiteral("near")).value_or(false);
    p.counterName = r.optionalString(QStringLiteral("counterName"), 60).value_or(QString());
    return finished(r, p, false);
}

QJsonObject ReportFigures::toJson() const
{
    QJsonObject o { { QStringLiteral("issued"), issued }, { QStringLiteral("served"), served },
        { QStringLiteral("noShows"), noShows }, { QStringLiteral("waitingNow"), waitingNow } };
    insertOptional(o, QStringLiteral("waitAvgMs"), waitAvgMs);
    insertOptional(o, QStringLiteral("waitMedianMs"), waitMedianMs);
    insertOptional(o, QStringLiteral("waitP90Ms"), waitP90Ms);
    insertOptional(o, QStringLiteral("serviceAvgMs"), serviceAvgMs);
    o.insert(QStringLiteral("overLimit"), overLimit);
    insertOptional(o, QStringLiteral("visitAvgMs"), visitAvgMs);
    insertOptional(o, QStringLiteral("visitMedianMs"), visitMedianMs);
    return o;
}

Result<ReportFigures> ReportFigures::fromJson(const QJsonObject &o)
{
    constexpr qint64 kMaxCount = kMaxId;
    JsonReader r(o);
    ReportFigures f;
    f.issued = int(r.integer(QStringLiteral("issued"), 0, kMaxCount));
    f.served = int(r.integer(QStringLiteral("served"), 0, kMaxCount));
    f.noShows = int(r.integer(QStringLiteral("noShows"), 0, kMaxCount));
    f.waitingNow = int(r.optionalInteger(QStringLiteral("waitingNow"), 0, kMaxCount).value_or(0));
    f.waitAvgMs = r.optionalInteger(QStringLiteral("waitAvgMs"), 0, kMaxMs);
    f.waitMedianMs = r.optionalInteger(QStringLiteral("waitMedianMs"), 0, kMaxMs);
    f.waitP90Ms = r.optionalInteger(QStringLiteral("waitP90Ms"), 0, kMaxMs);
    f.serviceAvgMs = r.optionalInteger(QStringLiteral("serviceAvgMs"), 0, kMaxMs);
    f.overLimit = int(r.optionalInteger(QStringLiteral("overLimit"), 0, kMaxCount).value_or(0));
    f.visitAvgMs = r.optionalInteger(QStringLiteral("visitAvgMs"), 0, kMaxMs);
    f.visitMedianMs = r.optionalInteger(QStringLiteral("visitMedianMs"), 0, kMaxMs);
    return finished(r, f, false);
}

QJsonObject ReportRow::toJson() const
{
    QJsonObject o = figures.toJson();
    o.insert(QStringLiteral("serviceId"), serviceId);
    o.insert(QStringLiteral("serviceName"), serviceName);
    o.insert(QStringLiteral("priority"),
        priority ? QJsonValue(clinico::toWire(*priority)) : QJsonValue(QJsonValue::Null));
    return o;
}

Result<ReportRow> ReportRow::fromJson(const QJsonObject &o)
{
    QJsonObject rest = o;
    JsonReader r(o);
    ReportRow row;
    row.serviceId = r.optionalInteger(QStringLiteral("serviceId"), 0, kMaxId).value_or(0);
    row.serviceName = r.optionalString(QStringLiteral("serviceName"), 80).value_or(QString());
    row.priority = readOptionalPriority(r, QStringLiteral("priority"));
    if (Status s = r.finishAllowingUnknown(); !s)
        return s.error();
    for (const char *key : { "serviceId", "serviceName", "priority" })
        rest.remove(QString::fromLatin1(key));
    auto figures = ReportFigures::fromJson(rest);
    if (!figures)
        return figures.error();
    row.figures = *figures;
    return row;
}

const std::array<AppointmentFigures::Field, 6> AppointmentFigures::kFields { {
    { "booked", "consultas_agendadas", &AppointmentFigures::booked },
    { "arrived", "consultas_chegaram", &AppointmentFigures::arrived },
    { "onTime", "consultas_no_horario", &AppointmentFigures::onTime },
    { "late", "consultas_atrasadas", &AppointmentFigures::late },
    { "noShows", "consultas_faltas", &AppointmentFigures::noShows },
    { "cancelled", "consultas_canceladas", &AppointmentFigures::cancelled },
} };

QJsonObject AppointmentFigures::toJson() const
{
    QJsonObject o;
    for (const Field &f : kFields)
        o.insert(QLatin1String(f.json), this->*f.value);
    return o;
}

Result<AppointmentFigures> AppointmentFigures::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    AppointmentFigures figures;
    for (const Field &f : kFields)
        figures.*f.value = int(r.integer(QLatin1String(f.json), 0, kMaxId));
    return finished(r, figures, false);
}

QJsonObject DayReport::toJson() const
{
    return { { QStringLiteral("day"), day }, { QStringLiteral("generatedAtMs"), generatedAtMs },
        { QStringLiteral("rows"), listToJson(rows) }, { QStringLiteral("classes"), listToJson(classes) },
        { QStringLiteral("total"), total.toJson() }, { QStringLiteral("appointments"), appointments.toJson() } };
}

Result<DayReport> DayReport::fromJson(const QJsonObject &o)
{
    JsonReader r(o);
    DayReport d;
    d.day = r.string(QStringLiteral("day"), 10);
    d.generatedAtMs = r.integer(QStringLiteral("generatedAtMs"), 0, kMaxMs);
    auto rows = listFromJson<ReportRow>(o.value(QStringLiteral("rows")));
    auto classes = listFromJson<ReportRow>(o.value(QStringLiteral("classes")));
    auto total = ReportRow::fromJson(r.optionalObject(QStringLiteral("total")).value_or(QJsonObject()));
    if (auto a = r.optionalObject(QStringLiteral("appointments"))) {
        auto figures = AppointmentFigures::fromJson(*a);
        if (!figures)
            return figures.error();
        d.appointments = *figures;
    }
    if (!rows)
        return rows.error();
    if (!classes)
        return classes.error();
    if (!total)
        return total.error();
    d.rows = *rows;
    d.classes = *classes;
    d.total = *total;
    return finished(r, d, false);
}

QByteArray DayReport::toCsv() const
{
    QString out
        = QStringLiteral("dia,servico,prioridade,emitidas,atendidas,nao_compareceram,aguardando,"
                         "espera_media_min,espera_mediana_min,espera_p90_min,atendimento_medio_min,"
                         "acima_do_limite,visita_media_min,visita_mediana_min\n");
    auto line = [&](const ReportRow &row) {
        const ReportFigures &f = row.figures;
        out += QStringList { csvField(day),
            csvField(row.serviceName.isEmpty() ? QStringLiteral("todos") : row.serviceName),
            row.priority ? clinico::toWire(*row.priority) : QStringLiteral("todas"),
            QString::number(f.issued), QString::number(f.served), QString::number(f.noShows),
            QString::number(f.waitingNow), csvMinutes(f.waitAvgMs), csvMinutes(f.waitMedianMs),
            csvMinutes(f.waitP90Ms), csvMinutes(f.serviceAvgMs), QString::number(f.overLimit),
            csvMinutes(f.visitAvgMs), csvMinutes(f.visitMedianMs) }
                   .join(u',')
            + u'\n';
    };
    for (const ReportRow &row : rows)
        line(row);
    for (const ReportRow &row : classes)
        line(row);
    line(total);
    // The day's appointments: a second table under the first, one line.
    QStringList header { QStringLiteral("dia") };
    QStringList values { csvField(day) };
    for (const AppointmentFigures::Field &f : AppointmentFigures::kFields) {
        header << QLatin1String(f.csv);
        values << QString::number(appointments.*f.value);
    }
    out += u'\n' + header.join(u',') + u'\n' + values.join(u',') + u'\n';
    return out.toUtf8();
}

} // namespace clinico::protocol
