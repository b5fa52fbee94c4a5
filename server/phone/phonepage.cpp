// SPDX-License-Identifier: GPL-3.0-or-later
#include "phone/phonepage.h"

#include "api/staticfile.h"

#include <algorithm>

namespace clinico::server {

using namespace clinico::protocol;
using StatusCode = QHttpServerResponder::StatusCode;

PhonePage::Clinic PhonePage::clinic()
{
    return { m_store.catalog().displaySettings().clinicName, m_store.catalog().services() };
}

PhoneStatus PhonePage::describe(
    const Ticket &t, const Clinic &clinic, const std::function<QueuePosition()> &position)
{
    const auto service = [&](qint64 id) {
        return std::find_if(clinic.services.cbegin(), clinic.services.cend(), [id](const Service &s) { return s.id == id; });
    };
    PhoneStatus p;
    p.clinicName = clinic.name;
    p.code = t.code;
    p.status = t.status;
    p.stageName = t.serviceName;
    if (const auto stage = service(t.serviceId); stage != clinic.services.cend() && stage->nextServiceId) {
        if (const auto next = service(*stage->nextServiceId); next != clinic.services.cend())
            p.nextStageName = next->name;
    }
    if (t.status == TicketStatus::Waiting) {
        const QueuePosition where = position();
        p.ahead = where.ahead;
        p.estimatedWaitMinutes = where.estimatedWaitMinutes;
        p.near = where.ahead <= PhoneStatus::kNearAhead;
    } else if (t.status == TicketStatus::Called || t.status == TicketStatus::InService) {
        p.counterName = t.counterName;
    }
    return p;
}

std::optional<PhoneStatus> PhonePage::status(const QString &token)
{
    qint64 unitId = 0;
    const auto t = m_store.tickets().ticketByToken(token, &unitId);
    if (!t)
        return std::nullopt;
    const auto entered = m_store.enterUnit(unitId); // its clinic's name, queue and day
    if (!entered)
        return std::nullopt;
    return describe(*t, clinic(), [&] { return m_store.estimator().estimate(*t); });
}

QHash<QString, PhoneStatus> PhonePage::statuses(const QList<QString> &tokens)
{
    QHash<qint64, Clinic> byUnit; // each unit's name and stages, read once
    QHash<qint64, QHash<qint64, QueuePosition>> byStage; // each stage's queue, worked out once
    QHash<QString, PhoneStatus> out;
    for (const QString &token : tokens) {
        qint64 unitId = 0;
        const auto t = m_store.tickets().ticketByToken(token, &unitId);
        if (!t)
            continue;
        const auto entered = m_store.enterUnit(unitId);
        if (!entered)
            continue;
        auto unit = byUnit.find(unitId);
        if (unit == byUnit.end())
            unit = byUnit.insert(unitId, clinic());
        out.insert(token, describe(*t, *unit, [&] {
            auto stage = byStage.find(t->serviceId);
            if (stage == byStage.end())
                stage = byStage.insert(t->serviceId, m_store.estimator().positionsIn(t->serviceId));
            return stage->value(t->id);
        }));
    }
    return out;
}

QString PhonePage::languageFor(QByteArrayView acceptLanguage)
{
    // "es-AR,es;q=0.9,en;q=0.8": the order the phone sends is its order of preference (the
    // q-values of real browsers only ever decrease along the list).
    for (const QByteArray &part : acceptLanguage.toByteArray().split(',')) {
        const QByteArray tag = part.split(';').first().trimmed().toLower();
        if (tag.startsWith("pt"))
            return QStringLiteral("pt-BR");
        if (tag == "en" || tag.startsWith("en-"))
            return QStringLiteral("en");
        if (tag == "es" || tag.startsWith("es-"))
            return QStringLiteral("es");
    }
    return QStringLiteral("pt-BR");
}

QHttpServerResponse PhonePage::page(const QString &language)
{
    return staticFile(QStringLiteral(":/phone/phone.html"), StatusCode::Ok,
        [&](QByteArray html) { return html.replace("{{lang}}", language.toLatin1()); });
}

QHttpServerResponse PhonePage::notFoundPage()
{
    return staticFile(QStringLiteral(":/phone/notfound.html"), StatusCode::NotFound);
}

QHttpServerResponse PhonePage::asset(const QString &name)
{
    return staticFile(QStringLiteral(":/phone/") + name);
}

} // namespace clinico::server
