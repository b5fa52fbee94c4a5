// SPDX-License-Identifier: GPL-3.0-or-later
#include "phone/phonepage.h"

#include "api/staticfile.h"

namespace clinico::server {

using namespace clinico::protocol;
using StatusCode = QHttpServerResponder::StatusCode;


std::optional<PhoneStatus> PhonePage::status(const QString &token)
{
    qint64 unitId = 0;
    const auto t = m_store.tickets().ticketByToken(token, &unitId);
    if (!t)
        return std::nullopt;
    auto entered = m_store.enterUnit(unitId); // its clinic's name, queue and day
    if (!entered)
        return std::nullopt;
    PhoneStatus p;
    p.clinicName = m_store.catalog().displaySettings().clinicName;
    p.code = t->code;
    p.status = t->status;
    p.stageName = t->serviceName;
    const auto stage = m_store.catalog().service(t->serviceId);
    if (stage && stage->nextServiceId) {
        if (const auto next = m_store.catalog().service(*stage->nextServiceId))
            p.nextStageName = next->name;
    }
    if (t->status == TicketStatus::Waiting) {
        const QueuePosition position = m_store.estimator().estimate(*t);
        p.ahead = position.ahead;
        p.estimatedWaitMinutes = position.estimatedWaitMinutes;
        p.near = position.ahead <= PhoneStatus::kNearAhead;
    } else if (t->status == TicketStatus::Called || t->status == TicketStatus::InService) {
        p.counterName = t->counterName;
    }
    return p;
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
