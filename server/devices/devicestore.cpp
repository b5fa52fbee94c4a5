// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicestore.h"

#include "storage/notfound.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;

Result<DeviceRecord> DeviceStore::addDevice(
    const QString &name, const QString &role, const QByteArray &tokenHash)
{
    if (!Role::isValid(role))
        return makeError(QStringLiteral("invalid_field"),
            QStringLiteral("Papel inválido: %1 (totem, tv, desk, admin).").arg(role));
    return m_work.run<DeviceRecord>([&]() -> Result<DeviceRecord> {
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("INSERT INTO devices(name, role, token_hash, created_ms, unit_id) VALUES(?, ?, ?, "
                           "?, ?) RETURNING id"));
        if (!SqlConnection::exec(
                q, { name, role, QString::fromLatin1(tokenHash), m_clock.nowMs(), m_unit.id() })
            || !q.next())
            return SqlConnection::errorFrom(q, QStringLiteral("addDevice"));
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        return DeviceRecord { id, name, role, false, 0, {}, {}, m_unit.id() };
    });
}

namespace {
const QString kDeviceSelect = QStringLiteral(
    "SELECT id, name, role, revoked_ms, last_seen_ms, version, status, unit_id FROM devices ");

DeviceRecord readDevice(const QSqlQuery &q)
{
    return DeviceRecord { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        !q.value(3).isNull(), q.value(4).toLongLong(), q.value(5).toString(),
        QJsonDocument::fromJson(q.value(6).toByteArray()).object(), q.value(7).toLongLong() };
}
} // namespace

std::optional<DeviceRecord> DeviceStore::deviceByTokenHash(const QByteArray &tokenHash)
{
    QSqlQuery &q = m_db.connection().cached(kDeviceSelect + QStringLiteral("WHERE token_hash = ?"));
    if (SqlConnection::exec(q, { QString::fromLatin1(tokenHash) }) && q.next())
        return readDevice(q);
    return std::nullopt;
}

QList<DeviceRecord> DeviceStore::all()
{
    QList<DeviceRecord> out;
    QSqlQuery &q = m_db.connection().cached(kDeviceSelect + QStringLiteral("ORDER BY id"));
    SqlConnection::exec(q, {});
    while (q.next())
        out << readDevice(q);
    return out;
}

std::optional<DeviceRecord> DeviceStore::device(qint64 id)
{
    QSqlQuery &q = m_db.connection().cached(kDeviceSelect + QStringLiteral("WHERE id = ?"));
    if (!SqlConnection::exec(q, { id }) || !q.next())
        return std::nullopt;
    DeviceRecord d = readDevice(q);
    q.finish();
    return d;
}

Status DeviceStore::setDeviceTokenHash(qint64 id, const QByteArray &tokenHash)
{
    return m_work.run<Ok>([&]() -> Status {
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("UPDATE devices SET token_hash = ? WHERE id = ? AND revoked_ms IS NULL"));
        if (!SqlConnection::exec(q, { QString::fromLatin1(tokenHash), id }))
            return SqlConnection::errorFrom(q, QStringLiteral("setDeviceTokenHash"));
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Dispositivo %1").arg(id));
        return Ok {};
    });
}

Status DeviceStore::revokeDevice(qint64 id)
{
    return m_work.run<Ok>([&]() -> Status {
        QSqlQuery &q = m_db.connection().cached(QStringLiteral(
            "UPDATE devices SET revoked_ms = ? WHERE id = ? AND unit_id = ? AND revoked_ms IS NULL"));
        if (!SqlConnection::exec(q, { m_clock.nowMs(), id, m_unit.id() }))
            return SqlConnection::errorFrom(q, QStringLiteral("revokeDevice"));
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Dispositivo %1").arg(id));
        return Ok {};
    });
}

Status DeviceStore::savePresence(const QList<DevicePresenceUpdate> &updates)
{
    return m_work.run<Ok>([&]() -> Status {
        QSqlQuery &seen
            = m_db.connection().cached(QStringLiteral("UPDATE devices SET last_seen_ms = ? WHERE id = ?"));
        QSqlQuery &status = m_db.connection().cached(
            QStringLiteral("UPDATE devices SET version = ?, status = ? WHERE id = ?"));
        for (const DevicePresenceUpdate &u : updates) {
            if (!SqlConnection::exec(seen, { u.lastSeenMs, u.deviceId }))
                return SqlConnection::errorFrom(seen, QStringLiteral("savePresence"));
            if (u.status
                && !SqlConnection::exec(status,
                    { u.status->version,
                        QString::fromUtf8(QJsonDocument(u.status->toJson()).toJson(QJsonDocument::Compact)),
                        u.deviceId }))
                return SqlConnection::errorFrom(status, QStringLiteral("savePresence"));
        }
        return Ok {};
    });
}

} // namespace clinico::server
