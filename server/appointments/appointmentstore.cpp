// SPDX-License-Identifier: GPL-3.0-or-later
#include "appointments/appointmentstore.h"

#include "protocol/jsonreader.h"
#include "storage/schema.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMinute = 60000;

void insertOptional(QJsonObject &o, const QString &key, const std::optional<qint64> &v)
{
    o.insert(key, v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null));
}

// FHIR's `start` is an instant with its offset; a time without one (a spreadsheet's) is the
// clinic's own.
std::optional<qint64> parseStart(const QString &text, const QTimeZone &clinic)
{
    static const QRegularExpression withOffset(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})$"_s);
    static const QRegularExpression local(u"^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?$"_s);
    QDateTime t;
    if (withOffset.match(text).hasMatch()) {
        t = QDateTime::fromString(text, Qt::ISODate);
    } else if (local.match(text).hasMatch()) {
        t = QDateTime::fromString(QString(text).replace(u' ', u'T'), Qt::ISODate);
        if (t.isValid())
            t = QDateTime(t.date(), t.time(), clinic);
    }
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

} // namespace

QJsonObject AppointmentView::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"externalId"_s, externalId }, { u"startMs"_s, startMs },
        { u"minutesDuration"_s, minutes }, { u"practitioner"_s, practitioner },
        { u"practitionerName"_s, practitionerName }, { u"serviceId"_s, serviceId },
        { u"serviceName"_s, serviceName }, { u"status"_s, status }, { u"state"_s, state },
        { u"ticketCode"_s, ticketCode } };
    insertOptional(o, u"arrivedAtMs"_s, arrivedAtMs);
    return o;
}

QJsonObject AppointmentProblem::toJson() const
{
    return { { u"index"_s, index }, { u"message"_s, message } };
}

CheckInWindow AppointmentStore::window()
{
    CheckInWindow w;
    w.earlyMinutes = m_catalog.setting(SettingKey::CheckInEarlyMinutes, QString::number(w.earlyMinutes)).toInt();
    w.lateMinutes = m_catalog.setting(SettingKey::CheckInLateMinutes, QString::number(w.lateMinutes)).toInt();
    return w;
}

AppointmentStore::Parsed AppointmentStore::parse(const QList<QJsonObject> &items)
{
    static const QRegularExpression idPattern(u"^[A-Za-z0-9._:-]{1,64}$"_s);
    static const QRegularExpression loginPattern(u"^[A-Za-z0-9._@-]{1,60}$"_s);
    QHash<QString, qint64> servicesByCode;
    for (const Service &s : m_catalog.services())
        servicesByCode.insert(s.prefix.toUpper(), s.id);
    Parsed out;
    QSet<QString> seen;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const int index = int(i);
        JsonReader r(items.at(i));
        if (auto type = r.optionalString(u"resourceType"_s, 20); type && *type != u"Appointment")
            r.fail(u"resourceType"_s, u"deve ser Appointment."_s);
        const QString externalId = r.string(u"id"_s, 64);
        if (!r.failed() && !idPattern.match(externalId).hasMatch())
            r.fail(u"id"_s, u"de 1 a 64 letras, números, '.', ':', '-' ou '_'."_s);
        if (!r.failed() && seen.contains(externalId))
            r.fail(u"id"_s, u"repetido neste envio."_s);
        const QString status = r.string(u"status"_s, 16);
        if (!r.failed() && status != AppointmentStatus::Booked && status != AppointmentStatus::Cancelled)
            r.fail(u"status"_s, u"deve ser booked ou cancelled."_s);
        const QString startText = r.string(u"start"_s, 40);
        const auto start = r.failed() ? std::nullopt : parseStart(startText, m_calendar.timeZone());
        if (!r.failed() && !start)
            r.fail(u"start"_s, u"use data e hora ISO 8601, por exemplo 2026-12-07T10:30:00-03:00."_s);
        const int minutes = int(r.integer(u"minutesDuration"_s, 1, 480));
        const QString code = r.string(u"serviceType"_s, 3).toUpper();
        const qint64 serviceId = servicesByCode.value(code);
        if (!r.failed() && serviceId == 0)
            r.fail(u"serviceType"_s, u"serviço '%1' não existe nesta clínica."_s.arg(code));
        const QString cpfText = r.string(u"patientCpf"_s, 20);
        const Result<Cpf> cpf = Cpf::parse(cpfText);
        if (!r.failed() && !cpf)
            r.fail(u"patientCpf"_s, u"CPF inválido."_s); // never the digits: problems are shown and logged
        const QString practitioner = r.string(u"practitioner"_s, 60);
        if (!r.failed() && !loginPattern.match(practitioner).hasMatch())
            r.fail(u"practitioner"_s, u"o login do profissional: letras, números, '.', '@', '-' ou '_'."_s);
        const QString practitionerName = r.string(u"practitionerName"_s, 80).simplified();
        if (Status s = r.finish(); !s) {
            out.problems << AppointmentProblem { index, s.error().message };
            continue;
        }
        const AppointmentInput a { externalId, *cpf, *start, minutes, practitioner, practitionerName, serviceId,
            status };
        seen.insert(a.externalId);
        out.items << a;
    }
    return out;
}

Result<AppointmentStore::Summary> AppointmentStore::upsert(const QList<AppointmentInput> &items)
{
    return m_work.run<Summary>([&]() -> Result<Summary> {
        Summary summary;
        const qint64 now = m_clock.nowMs();
        QSqlQuery &q = m_db.connection().cached(QStringLiteral(
            "INSERT INTO appointments(unit_id, external_id, day, patient_id, start_ms, minutes, practitioner,"
            " practitioner_name, service_id, status, created_ms, updated_ms)"
            " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(unit_id, external_id) DO UPDATE SET day = excluded.day,"
            " patient_id = excluded.patient_id, start_ms = excluded.start_ms, minutes = excluded.minutes,"
            " practitioner = excluded.practitioner, practitioner_name = excluded.practitioner_name,"
            " service_id = excluded.service_id, status = excluded.status, updated_ms = excluded.updated_ms"));
        QSqlQuery &known = m_db.connection().cached(
            QStringLiteral("SELECT 1 FROM appointments WHERE unit_id = ? AND external_id = ?"));
        for (const AppointmentInput &a : items) {
            auto patient = m_patients.idFor(a.cpf);
            if (!patient)
                return patient.error();
            if (!SqlConnection::exec(known, { m_unit.id(), a.externalId }))
                return SqlConnection::errorFrom(known, u"appointments"_s);
            ++(known.next() ? summary.updated : summary.created);
            known.finish();
            if (!SqlConnection::exec(q,
                    { m_unit.id(), a.externalId, m_calendar.dayOf(a.startMs), *patient, a.startMs, a.minutes,
                        a.practitioner, a.practitionerName, a.serviceId, a.status, now, now }))
                return SqlConnection::errorFrom(q, u"appointments"_s);
        }
        return summary;
    });
}

QString AppointmentStore::stateOf(const QString &status, qint64 startMs, const QString &ticketStatus,
    qint64 nowMs, const CheckInWindow &w) const
{
    if (status == AppointmentStatus::Cancelled)
        return AppointmentState::Cancelled;
    if (ticketStatus.isEmpty()) {
        if (nowMs < startMs)
            return AppointmentState::Scheduled;
        return nowMs <= startMs + w.lateMinutes * kMinute ? AppointmentState::Late : AppointmentState::NoShow;
    }
    if (ticketStatus == TicketStatus::Waiting)
        return AppointmentState::Waiting;
    if (ticketStatus == TicketStatus::Called || ticketStatus == TicketStatus::InService)
        return AppointmentState::InService;
    if (ticketStatus == TicketStatus::NoShow || ticketStatus == TicketStatus::Expired)
        return AppointmentState::NoShow;
    return AppointmentState::Done; // done, or a ticket staff cancelled after the patient arrived
}

QList<AppointmentView> AppointmentStore::day(const QString &day, const QString &practitioner)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT a.id, a.external_id, a.start_ms, a.minutes, a.practitioner, a.practitioner_name,"
        " a.service_id, s.name, a.status, a.arrived_ms, t.code, t.status"
        " FROM appointments a JOIN services s ON s.id = a.service_id"
        " LEFT JOIN tickets t ON t.id = a.ticket_id"
        " WHERE a.day = ? AND s.unit_id = ? AND (? = '' OR a.practitioner = ?) ORDER BY a.start_ms, a.id"));
    SqlConnection::exec(q, { day, m_unit.id(), practitioner, practitioner });
    const CheckInWindow w = window();
    const qint64 now = m_clock.nowMs();
    QList<AppointmentView> out;
    while (q.next()) {
        AppointmentView v;
        v.id = q.value(0).toLongLong();
        v.externalId = q.value(1).toString();
        v.startMs = q.value(2).toLongLong();
        v.minutes = q.value(3).toInt();
        v.practitioner = q.value(4).toString();
        v.practitionerName = q.value(5).toString();
        v.serviceId = q.value(6).toLongLong();
        v.serviceName = q.value(7).toString();
        v.status = q.value(8).toString();
        if (!q.value(9).isNull())
            v.arrivedAtMs = q.value(9).toLongLong();
        v.ticketCode = q.value(10).toString();
        v.state = stateOf(v.status, v.startMs, q.value(11).toString(), now, w);
        out << v;
    }
    return out;
}

std::optional<AppointmentArrival> AppointmentStore::arrivalFor(const Cpf &cpf)
{
    const auto patient = m_patients.knownId(cpf);
    if (!patient)
        return std::nullopt;
    const qint64 now = m_clock.nowMs();
    const CheckInWindow w = window();
    // A patient late by less than an hour past the window is still told what to do.
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT a.start_ms, a.practitioner_name, a.service_id, s.name FROM appointments a"
                       " JOIN services s ON s.id = a.service_id"
                       " WHERE a.patient_id = ? AND a.day = ? AND s.unit_id = ? AND a.status = 'booked' AND "
                       "a.ticket_id IS NULL"
                       " AND a.start_ms >= ? ORDER BY a.start_ms LIMIT 1"));
    if (!SqlConnection::exec(
            q, { *patient, m_calendar.dayOf(now), m_unit.id(), now - (w.lateMinutes + 60) * kMinute })
        || !q.next())
        return std::nullopt;
    AppointmentArrival a;
    a.startMs = q.value(0).toLongLong();
    a.practitionerName = q.value(1).toString();
    a.serviceId = q.value(2).toLongLong();
    a.serviceName = q.value(3).toString();
    q.finish();
    a.checkInFromMs = a.startMs - w.earlyMinutes * kMinute;
    a.checkInUntilMs = a.startMs + w.lateMinutes * kMinute;
    a.timing = now < a.checkInFromMs ? ArrivalTiming::Early
        : now > a.checkInUntilMs     ? ArrivalTiming::Late
                                     : ArrivalTiming::OnTime;
    return a;
}

Status AppointmentStore::checkIn(qint64 patientId, qint64 serviceId, qint64 ticketId, qint64 arrivedMs)
{
    const CheckInWindow w = window();
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "UPDATE appointments SET ticket_id = ?, arrived_ms = ? WHERE id = (SELECT id FROM appointments"
        " WHERE patient_id = ? AND service_id = ? AND day = ? AND status = 'booked' AND ticket_id IS NULL"
        " AND ? BETWEEN start_ms - ? AND start_ms + ? ORDER BY start_ms LIMIT 1)"));
    if (!SqlConnection::exec(q,
            { ticketId, arrivedMs, patientId, serviceId, m_calendar.dayOf(arrivedMs), arrivedMs,
                w.earlyMinutes * kMinute, w.lateMinutes * kMinute }))
        return SqlConnection::errorFrom(q, u"checkIn"_s);
    return Ok {};
}

Result<int> AppointmentStore::removeBefore(const QString &day)
{
    QSqlQuery &q = m_db.connection().cached(QStringLiteral("DELETE FROM appointments WHERE day < ?"));
    if (!SqlConnection::exec(q, { day }))
        return SqlConnection::errorFrom(q, u"retention"_s);
    return q.numRowsAffected();
}

} // namespace clinico::server
