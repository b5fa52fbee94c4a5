// SPDX-License-Identifier: GPL-3.0-or-later
// One ticket for the whole visit (issue 13): forwarding to the next stage and the stages a
// ticket went through, the wait limits and the alerts they raise on the desks, and the
// patient's phone page.
#include "api/httpapi.h"
#include "api/jsonresponse.h"
#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

void HttpApi::addVisitRoutes()
{
    // ---------------------------------------------------------------- stages
    add(
        Method::Post, QStringLiteral("/api/v1/tickets/<id>/forward"),
        [this](Context &ctx) {
            JsonReader r(ctx.body);
            const auto serviceId
                = r.optionalInteger(QStringLiteral("serviceId"), 1, std::numeric_limits<qint32>::max());
            if (Status s = r.finish(); !s)
                return errorResponse(s.error());
            return jsonResult(m_store.calling().forward(ctx.id(), serviceId, ctx.actor()));
        },
        true);

    add(Method::Get, QStringLiteral("/api/v1/tickets/<id>/stages"), [this](Context &ctx) {
        if (!m_store.tickets().row(ctx.id()))
            return errorResponse(
                makeError(QStringLiteral("not_found"), QStringLiteral("Senha não encontrada."), 404));
        return json({ { QStringLiteral("stages"), toArray(m_store.tickets().stages(ctx.id())) } });
    });

    // ---------------------------------------------------------------- wait limits and alerts
    add(Method::Get, QStringLiteral("/api/v1/wait-limits"), [this](Context &) {
        return json({ { QStringLiteral("limits"), toArray(m_store.catalog().waitLimits()) } });
    });

    add(
        Method::Put, QStringLiteral("/api/v1/wait-limits"),
        [this](Context &ctx) {
            const QJsonValue list = ctx.body.value(QStringLiteral("limits"));
            if (!list.isArray() || ctx.body.size() != 1 || list.toArray().size() > 300)
                return errorResponse(makeError(QStringLiteral("invalid_field"),
                    QStringLiteral("Envie {\"limits\": [{serviceId, priority, minutes}, ...]} (até 300).")));
            QList<WaitLimit> limits;
            for (const QJsonValue &v : list.toArray()) {
                auto limit = WaitLimit::fromJson(v.toObject());
                if (!limit)
                    return errorResponse(limit.error());
                limits << *limit;
            }
            if (Status s = m_store.catalog().setWaitLimits(limits); !s)
                return errorResponse(s.error());
            QStringList shown;
            for (const WaitLimit &l : std::as_const(limits))
                shown << QStringLiteral("%1/%2: %3 min").arg(l.serviceId).arg(clinico::toWire(l.priority)).arg(l.minutes);
            m_store.audit().record(ctx.actor(), QStringLiteral("wait_limits.change"), 0, shown.join(QStringLiteral("; ")));
            return json({ { QStringLiteral("limits"), toArray(m_store.catalog().waitLimits()) } });
        },
        true);

    // The desk asks with its counter: only the queues that counter serves.
    add(Method::Get, QStringLiteral("/api/v1/alerts"), [this](Context &ctx) {
        const QString counterText = QUrlQuery(ctx.request.url()).queryItemValue(QStringLiteral("counterId"));
        std::optional<QList<qint64>> served;
        if (!counterText.isEmpty()) {
            const auto counter = m_store.catalog().counter(counterText.toLongLong());
            if (!counter)
                return errorResponse(
                    makeError(QStringLiteral("not_found"), QStringLiteral("Local não encontrado."), 404));
            served = counter->serviceIds;
        }
        QList<WaitAlert> alerts = m_store.tickets().overWaitLimit(m_clock.nowMs());
        if (served)
            alerts.removeIf([&](const WaitAlert &a) { return !served->contains(a.serviceId); });
        return json({ { QStringLiteral("alerts"), toArray(alerts) } });
    });

    // ---------------------------------------------------------------- the patient's phone
    add(Method::Get, QStringLiteral("/t/<token>"), [this](Context &ctx) {
        if (!m_phone.status(ctx.match.captured(1)))
            return PhonePage::notFoundPage();
        return PhonePage::page(PhonePage::languageFor(headerValue(ctx.request, "accept-language")));
    });

    add(Method::Get, QStringLiteral("/t/<token>/status"), [this](Context &ctx) {
        const auto status = m_phone.status(ctx.match.captured(1));
        if (!status)
            return errorResponse(
                makeError(QStringLiteral("not_found"), QStringLiteral("Senha não encontrada."), 404));
        return json(status->toJson());
    });

    add(Method::Get, QStringLiteral("/phone/<file>"),
        [](Context &ctx) { return PhonePage::asset(ctx.match.captured(1)); });
}

} // namespace clinico::server
