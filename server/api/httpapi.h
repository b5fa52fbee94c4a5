// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/issuebatcher.h"
#include "config/serverconfig.h"
#include "core/result.h"
#include "devices/devicepresence.h"
#include "oidc/oidcclient.h"
#include "phone/phonepage.h"
#include "storage/enrolmentstore.h"
#include "storage/queuestore.h"
#include "transport/addressratelimit.h"
#include "transport/trustedproxies.h"
#include "users/loginthrottle.h"
#include "users/userstore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

namespace clinico::server {

class EventHub;
class DailyReset;

// Every request passes through handle(): routing (404 vs 405), the body cap, the media
// type, authentication and role, then the handler. Handlers get a Context and return a
// response; errors are Error values turned into the one JSON error body.
class HttpApi
{
public:
    struct Context
    {
        const QHttpServerRequest &request;
        QRegularExpressionMatch match;
        DeviceRecord device;
        QJsonObject body;
        std::optional<StaffSession> session; // set when a person's console session authenticated
        // Where the request comes from: behind a trusted proxy, the client it names
        // (transport/trustedproxies.h). Every per-address limit, log line and audit uses this.
        QString client;
        qint64 id(int capture = 1) const { return match.captured(capture).toLongLong(); }
        Actor actor() const
        {
            if (session)
                return Actor { 0, QStringLiteral("user:%1").arg(session->user.username) };
            return Actor { device.id, QStringLiteral("device:%1").arg(device.name) };
        }
    };
    using Handler = std::function<QHttpServerResponse(Context &)>;
    // Replies later (group commit): must copy what it needs from the request before returning.
    using DeferredHandler = std::function<void(Context &, QHttpServerResponder &&)>;

    HttpApi(QueueStore &store, EventHub &hub, DevicePresence &presence, DailyReset &reset, UserStore &users,
        const Clock &clock, const ServerConfig &config);
    void install(QHttpServer &server);

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    static QHttpServerResponse errorResponse(const Error &error);

    qint64 requestCount(int statusClass) const { return m_statusCounts[std::clamp(statusClass, 0, 5)]; }
    PhonePage &phone() { return m_phone; }

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QRegularExpression pattern;
        QStringList roles; // empty: public; admin may call every other route
        bool jsonBody = false;
        Handler handler;
        DeferredHandler deferred;
        bool networkAdminOnly = false; // RouteAccess::networkAdminOnly
    };
    // `path` as in docs/protocol.md (`/api/v1/tickets/<id>`); its roles come from the
    // access table (api/routeaccess.cpp).
    void add(QHttpServerRequest::Method method, const QString &path, Handler handler, bool jsonBody = false);
    void addDeferred(QHttpServerRequest::Method method, const QString &path, DeferredHandler handler,
        bool jsonBody = true);
    void addRoutes();
    void addSessionRoutes(); // api/sessionroutes.cpp: login, logout, who am I
    void addAdminRoutes(); // api/adminroutes.cpp: users, services, counters, devices, settings, audit, report
    void addConsoleRoutes(); // api/consoleroutes.cpp: the desk console's files under /desk
    void addEnrolmentRoutes(); // api/enrolmentroutes.cpp: kiosks asking for a token by code
    void addSignInRoutes(); // api/signinroutes.cpp: staff signing in with the clinic's provider
    void addAppointmentRoutes(); // api/appointmentroutes.cpp: the clinic's schedule
    void addVisitRoutes(); // api/visitroutes.cpp: stages, wait limits and alerts, the phone page
    void addUnitRoutes(); // api/adminroutes.cpp: the network's units, the unit a network admin sees
    // The provider's answer turned into a Clinico session (or the refusal page), audited.
    QHttpServerResponse finishSignIn(Result<oidc::OidcClient::SignedIn> signedIn, const QString &address);
    // A page for a person's browser (a sign-in refused or failed), with the way back.
    QHttpServerResponse signInPage(const Error &error) const;
    // The public URL is https://: cookies get the Secure flag.
    bool secureCookies() const { return m_publicUrl.scheme() == QLatin1String("https"); }
    // The per-address limit of the enrolment routes anyone may call: the 429 reply, or nothing.
    std::optional<QHttpServerResponse> throttleEnrolment(const QString &address);
    // A kiosk asking for a token cannot know its unit: until someone types its code, its request
    // may be any unit's. Only whoever administers every unit lists or refuses such requests: the
    // network administrator, or the admin of the only unit there is (api/enrolmentroutes.cpp).
    bool administersEveryUnit(const Context &ctx);
    // After the password check: the session and its cookie, or the one "wrong login" answer.
    QHttpServerResponse finishLogin(qint64 userId, const QString &username, const QString &address);
    // Who is asking: a device token, or else a staff session cookie (with its CSRF check).
    Result<std::pair<DeviceRecord, std::optional<StaffSession>>> authenticate(
        const QHttpServerRequest &request, const QStringList &roles);
    // Context::client of a request.
    QString clientOf(const QHttpServerRequest &request) const;
    // The route and its context, or the error reply (404, 405, 401, 403, 413, 415, 400).
    Result<std::pair<const Route *, Context>> resolve(const QHttpServerRequest &request);
    void write(QHttpServerResponse &&response, QHttpServerResponder &&responder);
    // A device as the admin view and /metrics show it: its last report, and whether it went silent.
    protocol::DeviceInfo deviceInfo(const DeviceRecord &d) const;

    QueueStore &m_store;
    EventHub &m_hub;
    DevicePresence &m_presence;
    DailyReset &m_reset;
    UserStore &m_users;
    PhonePage m_phone;
    const Clock &m_clock;
    LoginThrottle m_throttle;
    QList<Route> m_routes;
    qint64 m_statusCounts[6] = {};
    IssueBatcher m_issueBatcher;
    EnrolmentStore m_enrolments;
    // A kiosk asks once per boot and once per expired code (15 min): 10 in 15 minutes from
    // one address leaves room for a few reboots and stops anyone filling the admin's list.
    AddressRateLimit m_enrolmentLimit;
    QUrl m_publicUrl;
    TrustedProxies m_trustedProxies;
    std::unique_ptr<oidc::OidcClient> m_oidc; // null: no provider configured
};

} // namespace clinico::server
