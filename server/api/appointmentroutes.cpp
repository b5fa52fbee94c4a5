// SPDX-License-Identifier: GPL-3.0-or-later
// The clinic's schedule: the scheduling system's bulk upsert (and the admin view's CSV import,
// which sends the same body) and the day's list for admins, reception and doctors.
#include "api/httpapi.h"
#include "api/jsonresponse.h"
#include "appointments/appointmentstore.h"
#include "protocol/jsonreader.h"

#include <QUrlQuery>

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;
using namespace Qt::StringLiterals;

void HttpApi::addAppointmentRoutes()
{
    // {"appointments": [Appointment...], "dryRun": bool}: all or nothing. A dry run (the CSV
    // preview) reports every problem and changes nothing.
    add(
        Method::Post, u"/api/v1/appointments"_s,
        [this](Context &ctx) {
            JsonReader r(ctx.body);
            const QList<QJsonObject> list = r.objectList(u"appointments"_s, AppointmentStore::kMaxPerRequest);
            const bool dryRun = r.optionalBool(u"dryRun"_s).value_or(false);
            if (Status s = r.finish(); !s)
                return errorReply(s.error());
            const AppointmentStore::Parsed parsed = m_store.appointments().parse(list);
            if (dryRun)
                return json({ { u"dryRun"_s, true }, { u"valid"_s, parsed.items.size() },
                    { u"problems"_s, toArray(parsed.problems) } });
            if (!parsed.problems.isEmpty()) {
                QJsonObject body = ErrorBody { u"invalid_appointments"_s,
                    u"%1 agendamento(s) com erro; nada foi importado."_s.arg(parsed.problems.size()) }
                                       .toJson();
                body.insert(u"problems"_s, toArray(parsed.problems));
                return json(body, StatusCode::BadRequest);
            }
            auto summary = m_store.appointments().upsert(parsed.items);
            if (!summary)
                return errorReply(summary.error());
            m_store.audit().record(ctx.actor(), u"appointments.import"_s, 0,
                u"%1 nova(s), %2 atualizada(s)"_s.arg(summary->created).arg(summary->updated));
            return json({ { u"created"_s, summary->created }, { u"updated"_s, summary->updated } });
        },
        true);

    // ?day=yyyy-MM-dd (default: today). A doctor sees the appointments with them; everyone else
    // at a desk sees the whole schedule.
    add(Method::Get, u"/api/v1/appointments"_s, [this](Context &ctx) {
        QString day = ctx.request.query().queryItemValue(u"day"_s);
        if (day.isEmpty())
            day = m_store.tickets().currentDay();
        if (!QDate::fromString(day, Qt::ISODate).isValid())
            return errorReply(makeError(u"invalid_field"_s, u"Campo 'day': use aaaa-mm-dd."_s));
        const bool doctor = ctx.session && ctx.session->user.role == StaffRole::Doctor;
        const CheckInWindow w = m_store.appointments().window();
        return json({ { u"day"_s, day },
            { u"appointments"_s,
                toArray(m_store.appointments().day(day, doctor ? ctx.session->user.username : QString())) },
            { u"checkInEarlyMinutes"_s, w.earlyMinutes }, { u"checkInLateMinutes"_s, w.lateMinutes } });
    });
}

} // namespace clinico::server
