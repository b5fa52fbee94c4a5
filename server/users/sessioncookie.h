// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace clinico::server::SessionCookie {

inline constexpr char kName[] = "clinico_session";

// The session token in a Cookie header, or empty.
QString tokenFrom(const QByteArray &cookieHeader);
// Set-Cookie for a new session (HttpOnly, SameSite=Strict, path /), or to clear it (maxAge 0).
QByteArray setCookie(const QString &token, qint64 maxAgeSeconds);
// A browser's request from another site carries an Origin that is not this server. No Origin
// (curl, old browsers on same-origin GET) is accepted: the CSRF token still has to match.
bool originAllowed(const QByteArray &origin, const QByteArray &host);

} // namespace clinico::server::SessionCookie
