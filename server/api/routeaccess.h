// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHttpServerRequest>
#include <QRegularExpression>
#include <QStringList>

namespace clinico::server {

// Who may call each route: the table "Who may call what" of docs/protocol.md, in code.
// Paths are written as there (`/api/v1/tickets/<id>/call`). An empty list: no token needed.
// The admin role may call every route that needs one. route_access_test checks every cell
// of the document's table against the running server.
struct RouteAccess
{
    QHttpServerRequest::Method method;
    const char *path;
    QStringList roles;
    // Only a network administrator's console session (a user of no unit): units are above
    // any one unit's admin, person or device.
    bool networkAdminOnly = false;
};

// Who may call a route; a route missing from the table stops the server at start-up.
const RouteAccess &accessFor(QHttpServerRequest::Method method, QStringView path);
inline const QStringList &rolesFor(QHttpServerRequest::Method method, QStringView path)
{
    return accessFor(method, path).roles;
}
// `/api/v1/tickets/<id>` as the regular expression that matches request paths.
QRegularExpression routePattern(QStringView path);

} // namespace clinico::server
