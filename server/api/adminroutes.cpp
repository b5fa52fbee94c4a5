// SPDX-License-Identifier: GPL-3.0-or-later
// What the console's admin view and day report use. Every change is audited.
#include "api/httpapi.h"
#include "api/jsonresponse.h"
#include "audit/auditstore.h"
#include "auth/deviceauth.h"
#include "protocol/jsonreader.h"
#include "report/dayreport.h"
#include "reset/dailyreset.h"
#include "retention/retentionjob.h"
#include "storage/schema.h"
#include "users/sessioncookie.h"

#include <QJsonDocument>
#include <QUrlQuery>

#include <limits>

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// An audited change: records what was done only when it worked.
template<typename T>
QHttpServerResponse audited(QueueStore &store, const Actor &actor, const QString &action, const Result<T> &r,
    const QString &detail, StatusCode status = StatusCode::Ok)
{
    if (r)
        store.audit().record(actor, action, 0, detail);
    return jsonResult(r, status);
}

} // namespace

DeviceInfo HttpApi::deviceInfo(const DeviceRecord &d) const
{
    DeviceInfo i;
    i.id = d.id;
    i.name = d.name;
    i.role = d.role;
    i.revoked = d.revoked;
    i.lastSeenMs = d.lastSeenMs;
    i.version = d.version;
    if (auto status = DeviceStatus::fromJson(d.status)) {
        i.printerState = status->printerState;
        i.printerMessage = status->printerMessage;
        i.outboxDepth = status->outboxDepth;
        i.lastError = status->lastError;
        i.audioState = status->audioState;
        i.audioMessage = status->audioMessage;
        i.uptimeS = status->uptimeS;
        i.diskFreeBytes = status->diskFreeBytes;
        i.restarts24h = status->restarts24h;
    }
    // CUPS says "media-low" / "media-empty" (totem/printing/printerstate.cpp); a printer that
    // is ready or printing has paper; any other state cannot tell.
    if (i.printerState == u"media-empty")
        i.paper = QStringLiteral("empty");
    else if (i.printerState == u"media-low")
        i.paper = QStringLiteral("low");
    else if (i.printerState == u"ready" || i.printerState == u"printing")
        i.paper = QStringLiteral("ok");
    // Kiosks report every 30 s; desks and admins are people's browsers and report nothing.
    const bool kiosk = d.role == Role::Totem || d.role == Role::Tv;
    i.silent = kiosk && !d.revoked && m_clock.nowMs() - d.lastSeenMs > DeviceInfo::kSilentAfterMs;
    return i;
}

void HttpApi::addAdminRoutes()
{

    // ---------------------------------------------------------------- users
    add(Method::Get, QStringLiteral("/api/v1/users"), [this](Context &) {
        return json({ { QStringLiteral("users"), toArray(m_users.users()) } });
    });

    add(
        Method::Post, QStringLiteral("/api/v1/users"),
        [this](Context &ctx) {
            auto change = UserChange::fromJson(ctx.body);
            if (!change)
                return errorReply(change.error());
            auto user = m_users.add(*change);
            return audited(m_store, ctx.actor(), QStringLiteral("user.add"), user,
                user ? QStringLiteral("%1 (%2)").arg(user->username, user->role) : QString(),
                StatusCode::Created);
        },
        true);

    add(
        Method::Put, QStringLiteral("/api/v1/users/<id>"),
        [this](Context &ctx) {
            auto change = UserChange::fromJson(ctx.body);
            if (!change)
                return errorReply(change.error());
            QJsonObject shown = change->toJson();
            if (shown.contains(QStringLiteral("password")))
                shown.insert(QStringLiteral("password"), QStringLiteral("(nova senha)"));
            auto user = m_users.update(ctx.id(), *change);
            return audited(m_store, ctx.actor(), QStringLiteral("user.change"), user,
                user ? QStringLiteral("%1: %2").arg(user->username, compact(shown)) : QString());
        },
        true);

    // ---------------------------------------------------------------- services and counters
    add(
        Method::Post, QStringLiteral("/api/v1/services"),
        [this](Context &ctx) {
            JsonReader r(ctx.body);
            const QString prefix = r.string(QStringLiteral("prefix"), 3);
            const QString name = r.string(QStringLiteral("name"), 80);
            if (Status s = r.finish(); !s)
                return errorReply(s.error());
            auto svc = m_store.catalog().addService(prefix, name);
            return audited(m_store, ctx.actor(), QStringLiteral("service.add"), svc,
                svc ? compact(svc->toJson()) : QString(), StatusCode::Created);
        },
        true);

    add(
        Method::Put, QStringLiteral("/api/v1/services/<id>"),
        [this](Context &ctx) {
            JsonReader r(ctx.body);
            const QString name = r.string(QStringLiteral("name"), 80);
            const bool active = r.optionalBool(QStringLiteral("active")).value_or(true);
            const auto next = r.optionalInteger(QStringLiteral("nextServiceId"), 1, std::numeric_limits<qint32>::max());
            if (Status s = r.finish(); !s)
                return errorReply(s.error());
            auto svc = m_store.catalog().updateService(ctx.id(), name, active, next);
            return audited(m_store, ctx.actor(), QStringLiteral("service.change"), svc,
                svc ? compact(svc->toJson()) : QString());
        },
        true);

    add(
        Method::Post, QStringLiteral("/api/v1/counters"),
        [this](Context &ctx) {
            auto c = Counter::fromJson(ctx.body);
            if (!c)
                return errorReply(c.error());
            auto created = m_store.catalog().addCounter(c->name, c->serviceIds);
            return audited(m_store, ctx.actor(), QStringLiteral("counter.add"), created,
                created ? compact(created->toJson()) : QString(), StatusCode::Created);
        },
        true);

    add(
        Method::Put, QStringLiteral("/api/v1/counters/<id>"),
        [this](Context &ctx) {
            auto c = Counter::fromJson(ctx.body);
            if (!c)
                return errorReply(c.error());
            auto changed = m_store.catalog().updateCounter(ctx.id(), c->name, c->serviceIds, c->active);
            return audited(m_store, ctx.actor(), QStringLiteral("counter.change"), changed,
                changed ? compact(changed->toJson()) : QString());
        },
        true);

    // ---------------------------------------------------------------- devices
    add(Method::Get, QStringLiteral("/api/v1/devices"), [this](Context &) {
        QJsonArray devices;
        for (const DeviceRecord &d : m_presence.devices()) {
            if (d.unitId == m_store.currentUnit())
                devices.append(deviceInfo(d).toJson());
        }
        return json({ { QStringLiteral("devices"), devices } });
    });

    add(
        Method::Post, QStringLiteral("/api/v1/devices"),
        [this](Context &ctx) {
            auto request = NewDeviceRequest::fromJson(ctx.body);
            if (!request)
                return errorReply(request.error());
            const QString token = DeviceAuth::generateToken();
            auto device = m_store.devices().addDevice(request->name, request->role, DeviceAuth::hashToken(token));
            if (!device)
                return errorReply(device.error());
            m_store.audit().record(ctx.actor(), QStringLiteral("device.add"), 0,
                QStringLiteral("%1 (%2)").arg(device->name, device->role));
            return json(NewDeviceResponse { deviceInfo(*device), token }.toJson(), StatusCode::Created);
        },
        true);

    add(Method::Post, QStringLiteral("/api/v1/devices/<id>/revoke"), [this](Context &ctx) {
        if (Status s = m_store.devices().revokeDevice(ctx.id()); !s)
            return errorReply(s.error());
        m_store.audit().record(ctx.actor(), QStringLiteral("device.revoke"), 0, QString::number(ctx.id()));
        return QHttpServerResponse(StatusCode::NoContent);
    });

    // ---------------------------------------------------------------- settings
    add(Method::Get, QStringLiteral("/api/v1/settings/admin"), [this](Context &) {
        AdminSettings s;
        const DisplaySettings display = m_store.catalog().displaySettings();
        s.resetTime = m_store.calendar().resetAt().toString(QStringLiteral("HH:mm"));
        const CallPolicyRules rules = m_store.catalog().policyRules();
        s.normalEvery = rules.normalEvery;
        s.appointmentLeadMinutes = rules.appointmentLeadMinutes;
        const CheckInWindow window = m_store.appointments().window();
        s.checkInEarlyMinutes = window.earlyMinutes;
        s.checkInLateMinutes = window.lateMinutes;
        s.showNames = display.showNames;
        s.retentionDays
            = m_store.catalog().setting(SettingKey::RetentionDays, QString::number(RetentionJob::kDefaultRetentionDays))
                  .toInt();
        s.clinicName = display.clinicName;
        s.notice = display.notice;
        // Read-only: the provider is set in server.conf ([oidc]); the secret is never shown.
        QJsonObject reply = s.toJson();
        reply.insert(QStringLiteral("signIn"),
            m_oidc ? m_oidc->settings().adminView(m_publicUrl) : oidc::OidcSettings().adminView(m_publicUrl));
        return json(reply);
    });

    add(
        Method::Put, QStringLiteral("/api/v1/settings/admin"),
        [this](Context &ctx) {
            auto s = AdminSettings::fromJson(ctx.body);
            if (!s)
                return errorReply(s.error());
            // The reset time and the retention are the network's: once there are several units,
            // only its administrator moves them.
            const bool networkWide = s->resetTime != m_store.calendar().resetAt().toString(QStringLiteral("HH:mm"))
                || s->retentionDays
                    != m_store.catalog()
                           .setting(SettingKey::RetentionDays, QString::number(RetentionJob::kDefaultRetentionDays))
                           .toInt();
            if (networkWide && m_store.units().units().size() > 1 && !(ctx.session && ctx.session->networkAdmin))
                return errorReply(makeError(QStringLiteral("forbidden"),
                    QStringLiteral("A virada do dia e a retenção valem para todas as unidades: só a administração "
                                   "da rede as muda."),
                    403));
            DisplaySettings display = m_store.catalog().displaySettings();
            display.showNames = s->showNames;
            display.clinicName = s->clinicName;
            display.notice = s->notice;
            for (const auto &[key, value] :
                { std::pair { SettingKey::NormalEvery, QString::number(s->normalEvery) },
                    std::pair { SettingKey::RetentionDays, QString::number(s->retentionDays) },
                    std::pair { SettingKey::CheckInEarlyMinutes, QString::number(s->checkInEarlyMinutes) },
                    std::pair { SettingKey::CheckInLateMinutes, QString::number(s->checkInLateMinutes) },
                    std::pair { SettingKey::AppointmentLeadMinutes, QString::number(s->appointmentLeadMinutes) },
                    std::pair { SettingKey::ResetTime, s->resetTime } }) {
                if (Status saved = m_store.catalog().setSetting(key, value); !saved)
                    return errorReply(saved.error());
            }
            if (Status saved = m_store.catalog().setDisplaySettings(display); !saved)
                return errorReply(saved.error());
            if (Status moved = m_reset.setResetTime(QTime::fromString(s->resetTime, QStringLiteral("HH:mm")));
                !moved)
                return errorReply(moved.error());
            m_store.audit().record(ctx.actor(), QStringLiteral("settings.change"), 0, compact(s->toJson()));
            return json(s->toJson());
        },
        true);

    // ---------------------------------------------------------------- audit and report
    add(Method::Get, QStringLiteral("/api/v1/audit"), [this](Context &ctx) {
        const QUrlQuery query = ctx.request.query();
        const int limit = query.hasQueryItem(QStringLiteral("limit"))
            ? query.queryItemValue(QStringLiteral("limit")).toInt()
            : 200;
        const qint64 before = query.queryItemValue(QStringLiteral("before")).toLongLong();
        const QString action = query.queryItemValue(QStringLiteral("action")).left(40);
        return json({ { QStringLiteral("entries"),
            toArray(m_store.audit().read(limit, before, action)) } });
    });

    add(Method::Get, QStringLiteral("/api/v1/reports/day"), [this](Context &ctx) {
        const QUrlQuery query = ctx.request.query();
        QString day = query.queryItemValue(QStringLiteral("day"));
        if (day.isEmpty())
            day = m_store.tickets().currentDay();
        if (!QDate::fromString(day, Qt::ISODate).isValid())
            return errorReply(
                makeError(QStringLiteral("invalid_field"), QStringLiteral("Campo 'day': use aaaa-mm-dd.")));
        DayReport report = buildDayReport(m_store.tickets(), day, m_clock.nowMs());
        report.appointments = appointmentFigures(m_store.appointments().day(day));
        if (query.queryItemValue(QStringLiteral("format")) == QLatin1String("csv")) {
            QHttpServerResponse r("text/csv; charset=utf-8", QByteArray("\xEF\xBB\xBF") + report.toCsv());
            r.setHeader("Content-Disposition", "attachment; filename=\"clinico-" + day.toLatin1() + ".csv\"");
            return r;
        }
        return json(report.toJson());
    });
}

void HttpApi::addUnitRoutes()
{
    add(Method::Get, QStringLiteral("/api/v1/units"), [this](Context &) {
        return json({ { QStringLiteral("units"), toArray(m_store.units().units()) } });
    });

    add(
        Method::Post, QStringLiteral("/api/v1/units"),
        [this](Context &ctx) {
            auto unit = Unit::fromJson(ctx.body);
            if (!unit)
                return errorReply(unit.error());
            auto added = m_store.units().add(*unit);
            return audited(m_store, ctx.actor(), QStringLiteral("unit.add"), added,
                added ? compact(added->toJson()) : QString(), StatusCode::Created);
        },
        true);

    add(
        Method::Put, QStringLiteral("/api/v1/units/<id>"),
        [this](Context &ctx) {
            auto unit = Unit::fromJson(ctx.body);
            if (!unit)
                return errorReply(unit.error());
            unit->id = ctx.id();
            auto changed = m_store.units().update(*unit);
            return audited(m_store, ctx.actor(), QStringLiteral("unit.change"), changed,
                changed ? compact(changed->toJson()) : QString());
        },
        true);

    // The unit the network administrator's console shows from now on (every request of the
    // session then reads and writes that unit).
    add(
        Method::Put, QStringLiteral("/api/v1/session/unit"),
        [this](Context &ctx) {
            JsonReader r(ctx.body);
            const qint64 unitId = r.integer(QStringLiteral("unitId"), 1, std::numeric_limits<qint32>::max());
            if (Status s = r.finish(); !s)
                return errorReply(s.error());
            if (!m_store.units().unit(unitId))
                return errorReply(makeError(QStringLiteral("not_found"),
                    QStringLiteral("Unidade %1 não encontrada.").arg(unitId), 404));
            const QString token = SessionCookie::tokenFrom(headerValue(ctx.request, "cookie"));
            if (Status s = m_users.selectUnit(token, unitId); !s)
                return errorReply(s.error());
            SessionInfo info = ctx.session->info();
            info.unitId = unitId;
            return json(info.toJson());
        },
        true);
}

} // namespace clinico::server
