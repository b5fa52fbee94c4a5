// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/deviceauth.h"

#include "core/randomtoken.h"
#include "protocol/messages.h"

#include <QCryptographicHash>
#include <QUrlQuery>

namespace clinico::server::DeviceAuth {

QString generateToken()
{
    return randomUrlToken(32);
}

QByteArray hashToken(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

QString tokenFrom(const QList<QPair<QByteArray, QByteArray>> &headers, const QUrl &url, bool allowQuery)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("authorization", Qt::CaseInsensitive) == 0 && value.startsWith("Bearer "))
            return QString::fromLatin1(value.mid(7).trimmed());
    }
    if (allowQuery)
        return QUrlQuery(url).queryItemValue(QStringLiteral("token"));
    return {};
}

Result<DeviceRecord> authorize(QueueStore &store, const QString &token, const QStringList &roles)
{
    if (token.isEmpty())
        return makeError(
            QStringLiteral("unauthorized"), QStringLiteral("Falta o token do dispositivo."), 401);
    const auto device = store.devices().deviceByTokenHash(hashToken(token));
    if (!device || device->revoked)
        return makeError(QStringLiteral("unauthorized"),
            QStringLiteral("Token do dispositivo desconhecido ou revogado."), 401);
    if (device->role != protocol::Role::Admin && !roles.contains(device->role))
        return makeError(QStringLiteral("forbidden"),
            QStringLiteral("O dispositivo '%1' (%2) não pode fazer isto.").arg(device->name, device->role),
            403);
    return *device;
}

} // namespace clinico::server::DeviceAuth
