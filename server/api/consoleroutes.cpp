// SPDX-License-Identifier: GPL-3.0-or-later
// The desk console: static files compiled into the binary (desk/web, Qt resources).
#include "api/httpapi.h"
#include "api/staticfile.h"

namespace clinico::server {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

void HttpApi::addConsoleRoutes()
{
    add(Method::Get, QStringLiteral("/desk"), [](Context &) {
        QHttpServerResponse r(StatusCode::Found);
        r.setHeader("Location", "/desk/");
        return r;
    });
    add(Method::Get, QStringLiteral("/desk/"),
        [](Context &) { return staticFile(QStringLiteral(":/desk/index.html")); });
    add(Method::Get, QStringLiteral("/desk/<file>"),
        [](Context &ctx) { return staticFile(QStringLiteral(":/desk/") + ctx.match.captured(1)); });
}

} // namespace clinico::server
