// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/routeaccess.h"

#include "protocol/messages.h"

namespace clinico::server {

namespace {
using Method = QHttpServerRequest::Method;
using namespace protocol;

const QList<RouteAccess> &table()
{
    static const QStringList anyone;
    static const QStringList totem { Role::Totem };
    static const QStringList desk { Role::Desk };
    static const QStringList admin { Role::Admin };
    static const QList<RouteAccess> routes {
        { Method::Get, "/healthz", anyone },
        { Method::Get, "/metrics", anyone },
        { Method::Get, "/t/<token>", anyone }, // the token is the ticket's own secret
        { Method::Get, "/t/<token>/status", anyone },
        { Method::Get, "/phone/<file>", anyone },
        { Method::Get, "/desk", anyone },
        { Method::Get, "/desk/", anyone },
        { Method::Get, "/desk/<file>", anyone },
        { Method::Post, "/api/v1/session", anyone },
        { Method::Get, "/api/v1/oidc", anyone },
        { Method::Get, "/oidc/login", anyone },
        { Method::Get, "/oidc/callback", anyone },
        { Method::Post, "/api/v1/enrolments", anyone },
        { Method::Get, "/api/v1/enrolments/<handle>", anyone },
        { Method::Post, "/api/v1/enrolments/redeem", anyone },
        { Method::Get, "/api/v1/services", { Role::Totem, Role::Tv, Role::Desk } },
        { Method::Get, "/api/v1/settings/display", { Role::Totem, Role::Tv, Role::Desk } },
        { Method::Get, "/api/v1/counters", { Role::Tv, Role::Desk } },
        { Method::Get, "/api/v1/events", { Role::Tv, Role::Desk } },
        { Method::Post, "/api/v1/devices/me/status", { Role::Totem, Role::Tv } },
        { Method::Post, "/api/v1/tickets", totem },
        { Method::Post, "/api/v1/patients/lookup", totem },
        { Method::Post, "/api/v1/leases", totem },
        { Method::Get, "/api/v1/tickets", desk },
        { Method::Get, "/api/v1/tickets/<id>", desk },
        { Method::Post, "/api/v1/counters/<id>/call-next", desk },
        { Method::Get, "/api/v1/counters/<id>/next", desk },
        { Method::Post, "/api/v1/tickets/<id>/call", desk },
        { Method::Post, "/api/v1/tickets/<id>/redirect", desk },
        { Method::Post, "/api/v1/tickets/<id>/recall", desk },
        { Method::Post, "/api/v1/tickets/<id>/no-show", desk },
        { Method::Post, "/api/v1/tickets/<id>/start", desk },
        { Method::Post, "/api/v1/tickets/<id>/finish", desk },
        { Method::Post, "/api/v1/tickets/<id>/cancel", desk },
        { Method::Post, "/api/v1/tickets/<id>/forward", desk },
        { Method::Get, "/api/v1/tickets/<id>/stages", desk },
        { Method::Get, "/api/v1/alerts", desk },
        { Method::Get, "/api/v1/wait-limits", desk },
        { Method::Put, "/api/v1/wait-limits", admin },
        { Method::Get, "/api/v1/session", desk },
        { Method::Delete, "/api/v1/session", desk },
        { Method::Get, "/api/v1/reports/day", desk },
        { Method::Get, "/api/v1/appointments", desk },
        { Method::Post, "/api/v1/appointments", admin },
        { Method::Put, "/api/v1/settings/display", admin },
        { Method::Get, "/api/v1/users", admin },
        { Method::Post, "/api/v1/users", admin },
        { Method::Put, "/api/v1/users/<id>", admin },
        { Method::Post, "/api/v1/services", admin },
        { Method::Put, "/api/v1/services/<id>", admin },
        { Method::Post, "/api/v1/counters", admin },
        { Method::Put, "/api/v1/counters/<id>", admin },
        { Method::Get, "/api/v1/devices", admin },
        { Method::Post, "/api/v1/devices", admin },
        { Method::Post, "/api/v1/devices/<id>/revoke", admin },
        { Method::Get, "/api/v1/enrolments", admin },
        { Method::Post, "/api/v1/enrolments/approve", admin },
        { Method::Post, "/api/v1/enrolments/<id>/refuse", admin },
        { Method::Post, "/api/v1/enrolments/preapproved", admin },
        { Method::Get, "/api/v1/settings/admin", admin },
        { Method::Put, "/api/v1/settings/admin", admin },
        { Method::Get, "/api/v1/audit", admin },
        { Method::Get, "/api/v1/units", admin, true },
        { Method::Post, "/api/v1/units", admin, true },
        { Method::Put, "/api/v1/units/<id>", admin, true },
        { Method::Put, "/api/v1/session/unit", admin, true },
    };
    return routes;
}
} // namespace

const RouteAccess &accessFor(Method method, QStringView path)
{
    for (const RouteAccess &r : table()) {
        if (r.method == method && path == QLatin1StringView(r.path))
            return r;
    }
    qFatal("route %s is not in the access table (server/api/routeaccess.cpp)", qPrintable(path.toString()));
}

QRegularExpression routePattern(QStringView path)
{
    static const std::pair<QLatin1StringView, QLatin1StringView> kPlaceholders[] = {
        { QLatin1StringView("<id>"), QLatin1StringView("(\\d{1,9})") },
        { QLatin1StringView("<token>"), QLatin1StringView("([A-Za-z0-9_-]{10,40})") },
        { QLatin1StringView("<handle>"), QLatin1StringView("([A-Za-z0-9_-]{43})") }, // 32 random bytes
        { QLatin1StringView("<file>"), QLatin1StringView("([a-z0-9-]{1,40}\\.(?:html|css|js|svg))") },
    };
    QString pattern = QRegularExpression::escape(path);
    for (const auto &[name, regex] : kPlaceholders)
        pattern.replace(QRegularExpression::escape(QString(name)), regex);
    return QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$"));
}

} // namespace clinico::server
