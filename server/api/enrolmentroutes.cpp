// SPDX-License-Identifier: GPL-3.0-or-later
// Enrolment by code (docs/protocol.md, "Enrolment"): a kiosk with no token asks, shows the
// code, and polls; an admin approves or refuses from the console. Every decision is audited.
//
// Units: the kiosk's request names none (the same image serves every clinic). Typing the code
// its screen shows is what claims it: the device joins the unit of the admin who approves it
// (a network administrator: the unit picked in the console). A code made in advance belongs to
// the unit of the admin who made it. Until a request is claimed, only whoever administers
// every unit sees it in the list or may refuse it; a unit's admin in a network of several
// never sees or refuses the requests of kiosks standing in other clinics.
#include "api/httpapi.h"
#include "api/jsonresponse.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

bool HttpApi::administersEveryUnit(const Context &ctx)
{
    return (ctx.session && ctx.session->networkAdmin) || m_store.units().units().size() == 1;
}

std::optional<QHttpServerResponse> HttpApi::throttleEnrolment(const QString &address)
{
    const int wait = m_enrolmentLimit.take(address);
    if (wait == 0)
        return std::nullopt;
    qCWarning(lcHttp) << "enrolment requests throttled for" << address;
    QHttpServerResponse r = errorReply(makeError(QStringLiteral("too_many_attempts"),
        QStringLiteral("Pedidos de registro demais deste endereço; tente de novo em %1 min.")
            .arg((wait + 59) / 60),
        429));
    r.setHeader("Retry-After", QByteArray::number(wait));
    return r;
}

void HttpApi::addEnrolmentRoutes()
{
    add(
        Method::Post, QStringLiteral("/api/v1/enrolments"),
        [this](Context &ctx) {
            auto request = EnrolmentRequest::fromJson(ctx.body);
            if (!request)
                return errorReply(request.error());
            const QString address = ctx.client;
            if (auto throttled = throttleEnrolment(address))
                return std::move(*throttled);
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
            m_store.audit().record(Actor { 0, QStringLiteral("device:%1").arg(state->deviceName) },
                QStringLiteral("enrolment.collect"), 0, ctx.client);
        return jsonResult(state);
    });

    add(Method::Get, QStringLiteral("/api/v1/enrolments"), [this](Context &ctx) {
        const bool listed = administersEveryUnit(ctx);
        return json(
            { { QStringLiteral("enrolments"), listed ? toArray(m_enrolments.pending()) : QJsonArray() },
                { QStringLiteral("listed"), listed } });
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
                m_store.audit().record(ctx.actor(), QStringLiteral("enrolment.approve_failed"), 0,
                    QStringLiteral("%1: %2").arg(approval->name, approved.error().message));
                return errorReply(approved.error());
            }
            const PendingEnrolment &e = approved->enrolment;
            const DeviceRecord &d = approved->device;
            m_store.audit().record(ctx.actor(), QStringLiteral("enrolment.approve"), 0,
                QStringLiteral("%1 (%2, %3 %4, %5)").arg(d.name, d.role, e.hostname, e.model, e.address));
            m_store.audit().record(
                ctx.actor(), QStringLiteral("device.add"), 0, QStringLiteral("%1 (%2)").arg(d.name, d.role));
            return json(deviceInfo(d).toJson(), StatusCode::Created);
        },
        true);

    add(
        Method::Post, QStringLiteral("/api/v1/enrolments/preapproved"),
        [this](Context &ctx) {
            auto request = NewDeviceRequest::fromJson(ctx.body);
            if (!request)
                return errorReply(request.error());
            if (request->role != Role::Totem && request->role != Role::Tv)
                return errorReply(makeError(QStringLiteral("invalid_field"),
                    QStringLiteral("Campo 'role': só totens e TVs se registram por código: totem ou tv.")));
            auto made = m_enrolments.preapprove(request->name, request->role);
            if (made)
                m_store.audit().record(ctx.actor(), QStringLiteral("enrolment.preapprove"), 0,
                    QStringLiteral("%1 (%2)").arg(made->name, made->role));
            return jsonResult(made, StatusCode::Created);
        },
        true);

    add(
        Method::Post, QStringLiteral("/api/v1/enrolments/redeem"),
        [this](Context &ctx) {
            auto redemption = EnrolmentRedemption::fromJson(ctx.body);
            if (!redemption)
                return errorReply(redemption.error());
            const QString address = ctx.client;
            if (auto throttled = throttleEnrolment(address))
                return std::move(*throttled);
            QString token;
            auto redeemed = m_enrolments.redeem(*redemption, address, &token);
            if (!redeemed) {
                m_store.audit().record(Actor { 0, QStringLiteral("address:%1").arg(address) },
                    QStringLiteral("enrolment.redeem_failed"), 0,
                    QStringLiteral("%1 (%2): %3")
                        .arg(redemption->kiosk.hostname, redemption->kiosk.role, redeemed.error().message));
                return errorReply(redeemed.error());
            }
            const DeviceRecord &d = redeemed->device;
            m_store.audit().record(Actor { d.id, QStringLiteral("device:%1").arg(d.name) },
                QStringLiteral("enrolment.redeem"), 0,
                QStringLiteral("%1 (%2, %3 %4, %5)")
                    .arg(d.name, d.role, redemption->kiosk.hostname, redemption->kiosk.model, address));
            return json(EnrolmentState { EnrolmentStateName::Approved, redeemed->enrolment.expiresAtMs,
                            d.name, token }
                            .toJson(),
                StatusCode::Created);
        },
        true);

    add(Method::Post, QStringLiteral("/api/v1/enrolments/<id>/refuse"), [this](Context &ctx) {
        auto refused = administersEveryUnit(ctx)
            ? m_enrolments.refuse(ctx.id())
            : Result<PendingEnrolment>(EnrolmentStore::notWaiting(ctx.id()));
        if (!refused)
            return errorReply(refused.error());
        m_store.audit().record(ctx.actor(), QStringLiteral("enrolment.refuse"), 0,
            QStringLiteral("%1 (%2, %3)").arg(refused->hostname, refused->role, refused->address));
        return QHttpServerResponse(StatusCode::NoContent);
    });
}

} // namespace clinico::server
