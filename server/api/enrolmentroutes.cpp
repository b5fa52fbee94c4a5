// SPDX-License-Identifier: GPL-3.0-or-later
// Enrolment by code (docs/protocol.md, "Enrolment"): a kiosk with no token asks, shows the
// code, and polls; an admin approves or refuses from the console. Every decision is audited.
#include "api/httpapi.h"
#include "api/jsonresponse.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

void HttpApi::addEnrolmentRoutes()
{
    add(
        Method::Post, QStringLiteral("/api/v1/enrolments"),
        [this](Context &ctx) {
            auto request = EnrolmentRequest::fromJson(ctx.body);
            if (!request)
                return errorReply(request.error());
            const QString address = ctx.request.remoteAddress().toString();
            if (const int wait = m_enrolmentLimit.take(address); wait > 0) {
                qCWarning(lcHttp) << "enrolment requests throttled for" << address;
                QHttpServerResponse r = errorReply(makeError(QStringLiteral("too_many_attempts"),
                    QStringLiteral("Pedidos de registro demais deste endereço; tente de novo em %1 min.")
                        .arg((wait + 59) / 60),
                    429));
                r.setHeader("Retry-After", QByteArray::number(wait));
                return r;
            }
            auto ticket = m_enrolments.open(*request, address);
            if (ticket)
                qCInfo(lcHttp) << "enrolment requested by" << request->role << request->hostname << "from"
                               << address;
            return jsonResult(ticket, StatusCode::Created);
        },
        true);

    add(Method::Get, QStringLiteral("/api/v1/enrolments/<handle>"), [this](Context &ctx) {
        auto state = m_enrolments.poll(ctx.match.captured(1));
        if (state && !state->token.isEmpty())
            m_store.recordAudit(Actor { 0, QStringLiteral("device:%1").arg(state->deviceName) },
                QStringLiteral("enrolment.collect"), 0, ctx.request.remoteAddress().toString());
        return jsonResult(state);
    });

    add(Method::Get, QStringLiteral("/api/v1/enrolments"), [this](Context &) {
        return json({ { QStringLiteral("enrolments"), toArray(m_enrolments.pending()) } });
    });

    add(
        Method::Post, QStringLiteral("/api/v1/enrolments/approve"),
        [this](Context &ctx) {
            auto approval = EnrolmentApproval::fromJson(ctx.body);
            if (!approval)
                return errorReply(approval.error());
            auto approved = m_enrolments.approve(approval->code, approval->name);
            if (!approved) {
                // A wrong or stale code is worth seeing in the log: someone typing codes at random.
                m_store.recordAudit(ctx.actor(), QStringLiteral("enrolment.approve_failed"), 0,
                    QStringLiteral("%1: %2").arg(approval->name, approved.error().message));
                return errorReply(approved.error());
            }
            const PendingEnrolment &e = approved->enrolment;
            const DeviceRecord &d = approved->device;
            m_store.recordAudit(ctx.actor(), QStringLiteral("enrolment.approve"), 0,
                QStringLiteral("%1 (%2, %3 %4, %5)").arg(d.name, d.role, e.hostname, e.model, e.address));
            m_store.recordAudit(
                ctx.actor(), QStringLiteral("device.add"), 0, QStringLiteral("%1 (%2)").arg(d.name, d.role));
            return json(deviceInfo(d).toJson(), StatusCode::Created);
        },
        true);

    add(Method::Post, QStringLiteral("/api/v1/enrolments/<id>/refuse"), [this](Context &ctx) {
        auto refused = m_enrolments.refuse(ctx.id());
        if (!refused)
            return errorReply(refused.error());
        m_store.recordAudit(ctx.actor(), QStringLiteral("enrolment.refuse"), 0,
            QStringLiteral("%1 (%2, %3)").arg(refused->hostname, refused->role, refused->address));
        return QHttpServerResponse(StatusCode::NoContent);
    });
}

} // namespace clinico::server
