// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace clinico::server::SessionCookie {

inline constexpr char kName[] = "clinico_session";
// Ties a sign-in at the clinic's identity provider to the browser that started it.
inline constexpr char kSignInName[] = "clinico_signin";

// The value of cookie `name` in a Cookie header, or empty.
QString tokenFrom(const QByteArray &cookieHeader, const char *name = kName);
// Set-Cookie for a new session (HttpOnly, SameSite=Strict, path /), or to clear it (maxAge 0).
// `secure` (the server's public URL is https://) keeps it off plain HTTP.
QByteArray setCookie(const QString &token, qint64 maxAgeSeconds, bool secure);
// The same for the sign-in cookie, on /oidc/ only. SameSite=Lax: the provider sends the browser
// back with a cross-site navigation, which a Strict cookie would not follow.
QByteArray setSignInCookie(const QString &value, qint64 maxAgeSeconds, bool secure);
// A browser's request from another site carries an Origin that is not this server. No Origin
// (curl, old browsers on same-origin GET) is accepted: the CSRF token still has to match.
bool originAllowed(const QByteArray &origin, const QByteArray &host);

} // namespace clinico::server::SessionCookie
