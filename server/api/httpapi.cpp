// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/httpapi.h"

#include "api/jsonresponse.h"
#include "api/routeaccess.h"

#include "auth/deviceauth.h"
#include "cpf/cpf.h"
#include "events/eventhub.h"
#include "metrics/metrics.h"
#include "protocol/jsonreader.h"
#include "reset/dailyreset.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttp, "clinico.server.http")

namespace clinico::server {

using namespace clinico::protocol;
using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

HttpApi::HttpApi(QueueStore &store, EventHub &hub, DevicePresence &presence, DailyReset &reset,
    UserStore &users, const Clock &clock, const ServerConfig &config)
    : m_store(store)
    , m_hub(hub)
    , m_presence(presence)
    , m_reset(reset)
    , m_users(users)
    , m_phone(store)
    , m_clock(clock)
    , m_throttle(store.database(), store.work(), clock)
    , m_issueBatcher(store,
          [this](QHttpServerResponse &&r, QHttpServerResponder &&responder) {
              write(std::move(r), std::move(responder));
          })
    , m_enrolments(store, clock)
    , m_enrolmentLimit(clock, 10, EnrolmentStore::kLifetimeMs)
    , m_publicUrl(config.publicUrl)
    , m_trustedProxies(config.trustedProxies)
{
    if (config.oidc.enabled())
        m_oidc = std::make_unique<oidc::OidcClient>(config.oidc, config.publicUrl, clock);
    addRoutes();
}

QHttpServerResponse HttpApi::errorResponse(const Error &error)
{
    return errorReply(error);
}

void HttpApi::add(Method method, const QString &path, Handler handler, bool jsonBody)
{
    const RouteAccess &access = accessFor(method, path);
    m_routes << Route { method, routePattern(path), access.roles, jsonBody, std::move(handler), {},
        access.networkAdminOnly };
}

void HttpApi::addDeferred(Method method, const QString &path, DeferredHandler handler, bool jsonBody)
{
    const RouteAccess &access = accessFor(method, path);
    m_routes << Route { method, routePattern(path), access.roles, jsonBody, {}, std::move(handler),
        access.networkAdminOnly };
}

void HttpApi::install(QHttpServer &server)
{
    // The WebSocket upgrade on /api/v1/events needs a route that writes nothing (Qt 6.4).
    server.route(QStringLiteral("/api/v1/events"), [](QHttpServerResponder &&) {});
    server.route(QStringLiteral("/t/live"), [](QHttpServerResponder &&) {});
    server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, std::move(responder));
    });
}

void HttpApi::write(QHttpServerResponse &&response, QHttpServerResponder &&responder)
{
    m_store.database().releaseStatements();
    ++m_statusCounts[std::clamp(int(response.statusCode()) / 100, 0, 5)];
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.write(std::move(responder));
}

void HttpApi::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    m_store.database().releaseStatements(); // read what other processes committed meanwhile
    auto resolved = resolve(request);
    if (!resolved) {
        qCInfo(lcHttp) << request.method() << request.url().path() << resolved.error().httpStatus
                       << resolved.error().code;
        write(errorResponse(resolved.error()), std::move(responder));
        return;
    }
    auto &[route, ctx] = resolved.value();
    // Everything the handler reads and writes is the caller's unit's (a public route: the first).
    auto entered = m_store.enterUnit(route->roles.isEmpty() ? UnitScope::kFirstUnit : ctx.device.unitId);
    if (!entered) {
        write(errorResponse(entered.error()), std::move(responder));
        return;
    }
    if (route->deferred) {
        route->deferred(ctx, std::move(responder));
        return;
    }
    QHttpServerResponse response = route->handler(ctx);
    if (int(response.statusCode()) >= 400)
        qCInfo(lcHttp) << request.method() << request.url().path() << int(response.statusCode());
    write(std::move(response), std::move(responder));
}

QString HttpApi::clientOf(const QHttpServerRequest &request) const
{
    // Several X-Forwarded-For lines are one list, in order (RFC 9110, 5.3).
    QByteArray forwardedFor;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0)
            forwardedFor += (forwardedFor.isEmpty() ? "" : ",") + value;
    }
    return m_trustedProxies.clientAddress(request.remoteAddress(), forwardedFor).toString();
}

Result<std::pair<const HttpApi::Route *, HttpApi::Context>> HttpApi::resolve(
    const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    bool pathMatched = false;
    for (const Route &r : m_routes) {
        QRegularExpressionMatch match = r.pattern.match(path);
        if (!match.hasMatch())
            continue;
        pathMatched = true;
        if (r.method != request.method())
            continue;

        const QByteArray body = request.body();
        if (body.size() > kMaxRequestBodyBytes) // the connection guard refuses these first
            return bodyTooLarge();
        Context ctx { request, match, {}, {}, {}, clientOf(request) };
        if (!r.roles.isEmpty()) {
            auto who = authenticate(request, r.roles);
            if (!who)
                return who.error();
            ctx.device = who->first;
            ctx.session = who->second;
            m_presence.seen(ctx.device.id);
            if (r.networkAdminOnly && !(ctx.session && ctx.session->networkAdmin))
                return makeError(QStringLiteral("forbidden"),
                    QStringLiteral("Só a administração da rede (um usuário sem unidade) pode fazer isto."),
                    403);
        }
        if (r.jsonBody) {
            if (!JsonReader::isJsonMediaType(headerValue(request, "content-type")))
                return makeError(QStringLiteral("unsupported_media_type"),
                    QStringLiteral("Envie o corpo como application/json."), 415);
            auto parsed = JsonReader::parseObject(body);
            if (!parsed)
                return parsed.error();
            ctx.body = *parsed;
        } else if (!body.isEmpty()) {
            return makeError(QStringLiteral("invalid_field"), QStringLiteral("Esta rota não aceita corpo."));
        }
        if (Status s = m_reset.ensureCurrent(); !s)
            return s.error();
        return std::pair<const Route *, Context> { &r, std::move(ctx) };
    }
    if (pathMatched)
        return makeError(
            QStringLiteral("method_not_allowed"), QStringLiteral("Método não permitido nesta rota."), 405);
    return makeError(
        QStringLiteral("not_found"), QStringLiteral("Rota não encontrada: %1").arg(path.left(100)), 404);
}

void HttpApi::addRoutes()
{

    add(Method::Get, QStringLiteral("/healthz"), [this](Context &) {
        const QString day = m_store.tickets().currentDay();
        if (day.isEmpty())
            return errorResponse(
                makeError(QStringLiteral("unhealthy"), QStringLiteral("Banco de dados ilegível."), 503));
        return json({ { QStringLiteral("status"), QStringLiteral("ok") },
            { QStringLiteral("lastSeq"), m_store.events().lastSeq() }, { QStringLiteral("day"), day } });
    });

    add(Method::Get, QStringLiteral("/metrics"), [this](Context &) {
        MetricsSnapshot m;
        // Every clinic of the network, each counted in its own unit (its services, its day).
        for (const Unit &unit : m_store.units().units()) {
            const auto entered = m_store.enterUnit(unit.id);
            if (!entered)
                continue; // cannot fail for a listed unit; if it did, its figures must go nowhere else
            m.units << UnitMetrics { unit, m_store.tickets().ticketsIssuedTotal(),
                m_store.tickets().waitingPerService() };
        }
        m.eventClients = m_hub.clientCount();
        m.lastEventSeq = m_store.events().lastSeq();
        m.walBytes = m_store.database().walSizeBytes();
        for (const DeviceRecord &d : m_presence.devices()) {
            if (!d.revoked && (d.role == Role::Totem || d.role == Role::Tv))
                m.kiosks << KioskMetrics { d.unitId, deviceInfo(d) };
        }
        std::copy(std::begin(m_statusCounts), std::end(m_statusCounts), std::begin(m.requestsByClass));
        return QHttpServerResponse("text/plain; version=0.0.4", renderPrometheus(m));
    });

    add(Method::Get, QStringLiteral("/api/v1/services"), [this](Context &) {
        return json({ { QStringLiteral("services"), toArray(m_store.catalog().services()) },
            { QStringLiteral("calendar"),
                ClinicCalendar::of(m_store.calendar(), m_store.tickets().currentDay()).toJson() } });
    });

    add(Method::Get, QStringLiteral("/api/v1/counters"), [this](Context &) {
        return json({ { QStringLiteral("counters"), toArray(m_store.catalog().counters()) } });
    });

    add(Method::Get, QStringLiteral("/api/v1/settings/display"),
        [this](Context &) { return json(m_store.catalog().displaySettings().toJson()); });

    add(
        Method::Put, QStringLiteral("/api/v1/settings/display"),
        [this](Context &ctx) {
            auto settings = DisplaySettings::fromJson(ctx.body, DisplaySettings::From::Client);
            if (!settings)
                return errorResponse(settings.error());
            if (Status s = m_store.catalog().setDisplaySettings(*settings); !s)
                return errorResponse(s.error());
            return json(m_store.catalog().displaySettings().toJson());
        },
        true);

    addDeferred(Method::Post, QStringLiteral("/api/v1/tickets"),
        [this](Context &ctx, QHttpServerResponder &&responder) {
            auto request = IssueTicketRequest::fromJson(ctx.body);
            if (!request)
                return write(errorResponse(request.error()), std::move(responder));
            auto cpf = Cpf::parse(request->cpf);
            if (!cpf)
                return write(errorResponse(cpf.error()), std::move(responder));
            m_issueBatcher.enqueue(
                { *request, *cpf, ctx.actor(), m_store.units().unit(m_store.currentUnit()) },
                std::move(responder));
        });

    add(
        Method::Post, QStringLiteral("/api/v1/patients/lookup"),
        [this](Context &ctx) {
            auto request = PatientLookupRequest::fromJson(ctx.body);
            if (!request)
                return errorResponse(request.error());
            auto cpf = Cpf::parse(request->cpf);
            if (!cpf)
                return errorResponse(cpf.error());
            PatientLookup lookup = m_store.patients().lookupPatient(*cpf);
            lookup.appointment = m_store.appointments().arrivalFor(*cpf);
            return json(lookup.toJson());
        },
        true);

    add(Method::Get, QStringLiteral("/api/v1/tickets"), [this](Context &ctx) {
        const QString status = ctx.request.query().queryItemValue(QStringLiteral("status"));
        return json({ { QStringLiteral("tickets"), toArray(m_store.tickets().list(status)) } });
    });

    add(Method::Get, QStringLiteral("/api/v1/tickets/<id>"), [this](Context &ctx) {
        const auto t = m_store.tickets().ticket(ctx.id());
        if (!t)
            return errorResponse(
                makeError(QStringLiteral("not_found"), QStringLiteral("Senha não encontrada."), 404));
        return json(t->toJson());
    });

    add(
        Method::Post, QStringLiteral("/api/v1/leases"),
        [this](Context &ctx) {
            auto request = LeaseRequest::fromJson(ctx.body);
            if (!request)
                return errorResponse(request.error());
            return jsonResult(m_store.issuing().lease(*request, ctx.actor()), StatusCode::Created);
        },
        true);

    add(
        Method::Post, QStringLiteral("/api/v1/devices/me/status"),
        [this](Context &ctx) {
            auto status = DeviceStatus::fromJson(ctx.body);
            if (!status)
                return errorResponse(status.error());
            m_presence.reported(ctx.device.id, *status);
            // The printer's own words: "ready" and "printing" are fine, anything else is news.
            if (!status->printerState.isEmpty() && status->printerState != QLatin1String("ready")
                && status->printerState != QLatin1String("printing"))
                qCWarning(lcHttp) << "device" << ctx.device.name << "reports printer" << status->printerState
                                  << status->printerMessage;
            return QHttpServerResponse(StatusCode::NoContent);
        },
        true);

    add(Method::Post, QStringLiteral("/api/v1/counters/<id>/call-next"),
        [this](Context &ctx) { return jsonResult(m_store.calling().callNext(ctx.id(), ctx.actor())); });

    add(Method::Get, QStringLiteral("/api/v1/counters/<id>/next"),
        [this](Context &ctx) { return jsonResult(m_store.calling().previewNext(ctx.id())); });

    add(
        Method::Post, QStringLiteral("/api/v1/tickets/<id>/call"),
        [this](Context &ctx) {
            JsonReader r(ctx.body);
            const qint64 counterId
                = r.integer(QStringLiteral("counterId"), 1, std::numeric_limits<qint32>::max());
            const QString reason = r.string(QStringLiteral("reason"), 200, JsonReader::Lines::Many);
            if (Status s = r.finish(); !s)
                return errorResponse(s.error());
            return jsonResult(m_store.calling().callSpecific(ctx.id(), counterId, reason, ctx.actor()));
        },
        true);

    add(
        Method::Post, QStringLiteral("/api/v1/tickets/<id>/redirect"),
        [this](Context &ctx) {
            JsonReader r(ctx.body);
            const qint64 serviceId
                = r.integer(QStringLiteral("serviceId"), 1, std::numeric_limits<qint32>::max());
            if (Status s = r.finish(); !s)
                return errorResponse(s.error());
            return jsonResult(m_store.calling().redirect(ctx.id(), serviceId, ctx.actor()));
        },
        true);

    add(Method::Post, QStringLiteral("/api/v1/tickets/<id>/recall"),
        [this](Context &ctx) { return jsonResult(m_store.calling().recall(ctx.id(), ctx.actor())); });

    const std::pair<const char *, TicketAction> actions[]
        = { { "no-show", TicketAction::NoShow }, { "start", TicketAction::Start },
              { "finish", TicketAction::Finish }, { "cancel", TicketAction::Cancel } };
    for (const auto &[name, action] : actions) {
        add(Method::Post, QStringLiteral("/api/v1/tickets/<id>/") + QLatin1String(name),
            [this, action = action](
                Context &ctx) { return jsonResult(m_store.calling().act(ctx.id(), action, ctx.actor())); });
    }

    addSessionRoutes();
    addAdminRoutes();
    addConsoleRoutes();
    addEnrolmentRoutes();
    addSignInRoutes();
    addAppointmentRoutes();
    addVisitRoutes();
    addUnitRoutes();
}

} // namespace clinico::server
