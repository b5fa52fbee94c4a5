// SPDX-License-Identifier: GPL-3.0-or-later
#include "phone/phonepage.h"

#include <QFile>

namespace clinico::server {

using namespace clinico::protocol;
using StatusCode = QHttpServerResponder::StatusCode;

namespace {

QHttpServerResponse webFile(const QString &name, const QByteArray &mimeType, StatusCode status = StatusCode::Ok,
    const std::function<QByteArray(QByteArray)> &fill = {})
{
    QFile f(QStringLiteral(":/phone/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return QHttpServerResponse(
            "text/plain; charset=utf-8", QByteArray("Arquivo não encontrado."), StatusCode::NotFound);
    QHttpServerResponse r(mimeType, fill ? fill(f.readAll()) : f.readAll(), status);
    // Only the page's own script and style; the token in the address goes to no one else.
    r.setHeader("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("Referrer-Policy", "no-referrer");
    return r;
}

} // namespace

std::optional<PhoneStatus> PhonePage::status(const QString &token)
{
    const auto t = m_store.tickets().ticketByToken(token);
    if (!t)
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
    return webFile(QStringLiteral("phone.html"), "text/html; charset=utf-8", StatusCode::Ok,
        [&](QByteArray html) { return html.replace("{{lang}}", language.toLatin1()); });
}

QHttpServerResponse PhonePage::notFoundPage()
{
    return webFile(QStringLiteral("notfound.html"), "text/html; charset=utf-8", StatusCode::NotFound);
}

QHttpServerResponse PhonePage::asset(const QString &name)
{
    if (name == QLatin1String("phone.js"))
        return webFile(name, "text/javascript; charset=utf-8");
    if (name == QLatin1String("phone.css"))
        return webFile(name, "text/css; charset=utf-8");
    return QHttpServerResponse("text/plain; charset=utf-8", QByteArray("Arquivo não encontrado."),
        StatusCode::NotFound);
}

} // namespace clinico::server
