// SPDX-License-Identifier: GPL-3.0-or-later
// The desk console: static files compiled into the binary (desk/web, Qt resources).
#include "api/httpapi.h"

#include <QFile>

namespace clinico::server {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

namespace {

QByteArray mimeTypeOf(const QString &name)
{
    if (name.endsWith(QLatin1String(".html")))
        return "text/html; charset=utf-8";
    if (name.endsWith(QLatin1String(".css")))
        return "text/css; charset=utf-8";
    if (name.endsWith(QLatin1String(".js")))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(QLatin1String(".svg")))
        return "image/svg+xml";
    return "application/octet-stream";
}

QHttpServerResponse consoleFile(const QString &name)
{
    QFile f(QStringLiteral(":/desk/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return QHttpServerResponse(
            "text/plain; charset=utf-8", QByteArray("Arquivo não encontrado."), StatusCode::NotFound);
    QHttpServerResponse r(mimeTypeOf(name), f.readAll());
    // Only our own scripts and styles run; nothing may frame the console.
    r.setHeader("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("Referrer-Policy", "no-referrer");
    return r;
}

} // namespace

void HttpApi::addConsoleRoutes()
{
    add(Method::Get, QStringLiteral("/desk"), [](Context &) {
        QHttpServerResponse r(StatusCode::Found);
        r.setHeader("Location", "/desk/");
        return r;
    });
    add(Method::Get, QStringLiteral("/desk/"),
        [](Context &) { return consoleFile(QStringLiteral("index.html")); });
    add(Method::Get, QStringLiteral("/desk/<file>"),
        [](Context &ctx) { return consoleFile(ctx.match.captured(1)); });
}

} // namespace clinico::server
