// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QHttpServerResponse>

#include <functional>

namespace clinico::server {

// A page, script or style compiled into the binary (Qt resources: the desk console, the phone
// page), served so that only the page's own scripts and styles run, nothing frames it, and its
// address (a phone page's token) goes to no other site. `fill` may change the bytes first.
inline QHttpServerResponse staticFile(const QString &resourcePath,
    QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok,
    const std::function<QByteArray(QByteArray)> &fill = {})
{
    QFile f(resourcePath);
    if (!f.open(QIODevice::ReadOnly))
        return QHttpServerResponse("text/plain; charset=utf-8", QByteArray("Arquivo não encontrado."),
            QHttpServerResponder::StatusCode::NotFound);
    const QByteArray mimeType = resourcePath.endsWith(QLatin1String(".html")) ? "text/html; charset=utf-8"
        : resourcePath.endsWith(QLatin1String(".css"))                       ? "text/css; charset=utf-8"
        : resourcePath.endsWith(QLatin1String(".js"))                        ? "text/javascript; charset=utf-8"
        : resourcePath.endsWith(QLatin1String(".svg"))                       ? "image/svg+xml"
                                                                             : "application/octet-stream";
    QHttpServerResponse r(mimeType, fill ? fill(f.readAll()) : f.readAll(), status);
    r.setHeader("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("Referrer-Policy", "no-referrer");
    return r;
}

} // namespace clinico::server
