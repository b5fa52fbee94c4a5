// SPDX-License-Identifier: GPL-3.0-or-later
#include "users/sessioncookie.h"

#include <QUrl>

namespace clinico::server::SessionCookie {

namespace {

QByteArray cookie(const char *name, const QString &value, const char *attributes, qint64 maxAge, bool secure)
{
    return QByteArray(name) + '=' + value.toLatin1() + attributes + QByteArray::number(maxAge)
        + (secure ? "; Secure" : "");
}

} // namespace

QString tokenFrom(const QByteArray &cookieHeader, const char *name)
{
    const QByteArray prefix = QByteArray(name) + '=';
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray item = part.trimmed();
        if (item.startsWith(prefix))
            return QString::fromLatin1(item.mid(prefix.size()));
    }
    return {};
}

QByteArray setCookie(const QString &token, qint64 maxAgeSeconds, bool secure)
{
    return cookie(kName, token, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=", maxAgeSeconds, secure);
}

QByteArray setSignInCookie(const QString &value, qint64 maxAgeSeconds, bool secure)
{
    return cookie(
        kSignInName, value, "; Path=/oidc/; HttpOnly; SameSite=Lax; Max-Age=", maxAgeSeconds, secure);
}

bool originAllowed(const QByteArray &origin, const QByteArray &host)
{
    if (origin.isEmpty())
        return true;
    const QUrl url(QString::fromLatin1(origin));
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString originHost
        = url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    return originHost.compare(QString::fromLatin1(host), Qt::CaseInsensitive) == 0;
}

} // namespace clinico::server::SessionCookie
