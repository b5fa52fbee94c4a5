// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/enrolmentstore.h"

#include "auth/deviceauth.h"
#include "core/randomtoken.h"
#include "enrolment/enrolmentcode.h"

#include <QCryptographicHash>
#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;

namespace {

// Set only by the server: a kiosk reads pending/approved/refused/expired.
const QString kCollected = QStringLiteral("collected");

const QString kSelect = QStringLiteral(
    "SELECT id, role, hostname, model, version, address, created_ms, expires_ms, state, device_id"
    " FROM enrolments ");

struct Row
{
    PendingEnrolment enrolment;
    QString state;
    qint64 deviceId = 0;
};

Row readRow(const QSqlQuery &q)
{
    Row r;
    r.enrolment = PendingEnrolment { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        q.value(3).toString(), q.value(4).toString(), q.value(5).toString(), q.value(6).toLongLong(),
        q.value(7).toLongLong() };
    r.state = q.value(8).toString();
    r.deviceId = q.value(9).toLongLong();
    return r;
}

// Codes and handles are stored only as their SHA-256: a copy of the database hands nobody a
// live code. (A code has 40 bits, so this hides it for its 15 minutes, not for ever.)
QByteArray hash(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

Error codeNotFound()
{
    return makeError(QStringLiteral("not_found"),
        QStringLiteral("Código não encontrado: confira o que a tela do aparelho mostra."), 404);
}

} // namespace

Result<EnrolmentTicket> EnrolmentStore::open(const EnrolmentRequest &request, const QString &address)
{
    SqlConnection &db = m_store.database().connection();
    const qint64 now = m_clock.nowMs();
    std::optional<EnrolmentTicket> out;
    const Status s = m_store.work().run<Ok>([&]() -> Status {
        // What ended a day ago is of no use to anyone (the audit log keeps the approvals).
        QSqlQuery &purge = db.cached(QStringLiteral("DELETE FROM enrolments WHERE expires_ms < ?"));
        if (!SqlConnection::exec(purge, { now - 24 * 60 * 60 * 1000 }))
            return SqlConnection::errorFrom(purge, QStringLiteral("purgeEnrolments"));
        QSqlQuery &count = db.cached(
            QStringLiteral("SELECT COUNT(*) FROM enrolments WHERE state = 'pending' AND expires_ms > ?"));
        if (!SqlConnection::exec(count, { now }) || !count.next())
            return SqlConnection::errorFrom(count, QStringLiteral("countEnrolments"));
        if (count.value(0).toInt() >= kMaxPending)
            return makeError(QStringLiteral("too_many_enrolments"),
                QStringLiteral("Há pedidos de registro demais esperando aprovação; tente em alguns minutos."),
                429);
        auto fresh = freshCode(now);
        if (!fresh)
            return fresh.error();
        const QString code = *fresh;
        const QString handle = randomUrlToken(32);
        QSqlQuery &insert = db.cached(QStringLiteral(
            "INSERT INTO enrolments(code_hash, handle_hash, role, hostname, model, version, address,"
            " created_ms, expires_ms, state) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')"));
        if (!SqlConnection::exec(insert,
                { QString::fromLatin1(hash(code)), QString::fromLatin1(hash(handle)), request.role,
                    request.hostname, request.model, request.version, address, now, now + kLifetimeMs }))
            return SqlConnection::errorFrom(insert, QStringLiteral("openEnrolment"));
        out = EnrolmentTicket { EnrolmentCode::display(code), handle, now + kLifetimeMs };
        return Ok {};
    });
    if (!s)
        return s.error();
    return *out;
}

Result<EnrolmentState> EnrolmentStore::poll(const QString &handle)
{
    SqlConnection &db = m_store.database().connection();
    std::optional<EnrolmentState> out;
    const Status s = m_store.work().run<Ok>([&]() -> Status {
        QSqlQuery &q = db.cached(kSelect + QStringLiteral("WHERE handle_hash = ?"));
        if (!SqlConnection::exec(q, { QString::fromLatin1(hash(handle)) }))
            return SqlConnection::errorFrom(q, QStringLiteral("pollEnrolment"));
        if (!q.next())
            return makeError(QStringLiteral("not_found"),
                QStringLiteral("Pedido de registro desconhecido: peça um código novo."), 404);
        const Row row = readRow(q);
        q.finish();
        EnrolmentState state { row.state, row.enrolment.expiresAtMs, {}, {} };
        if (row.state == kCollected)
            return makeError(QStringLiteral("not_found"),
                QStringLiteral("Este registro já entregou seu token: peça um código novo."), 404);
        if (row.state == EnrolmentStateName::Pending && row.enrolment.expiresAtMs <= m_clock.nowMs())
            state.state = EnrolmentStateName::Expired;
        if (row.state == EnrolmentStateName::Approved) {
            const QString token = DeviceAuth::generateToken();
            if (Status set = m_store.devices().setDeviceTokenHash(row.deviceId, DeviceAuth::hashToken(token));
                !set) {
                if (set.error().httpStatus != 404)
                    return set.error();
                state.state = EnrolmentStateName::Refused; // revoked before the kiosk came for it
            } else {
                state.token = token;
            }
            QSqlQuery &done = db.cached(QStringLiteral("UPDATE enrolments SET state = ? WHERE id = ?"));
            if (!SqlConnection::exec(done,
                    { state.token.isEmpty() ? EnrolmentStateName::Refused : kCollected, row.enrolment.id }))
                return SqlConnection::errorFrom(done, QStringLiteral("collectEnrolment"));
            const auto device = m_store.devices().device(row.deviceId);
            state.deviceName = device ? device->name : QString();
        }
        out = state;
        return Ok {};
    });
    if (!s)
        return s.error();
    return *out;
}

Result<EnrolmentStore::Approved> EnrolmentStore::approve(const QString &code, const QString &name)
{
    SqlConnection &db = m_store.database().connection();
    std::optional<Approved> out;
    const Status s = m_store.work().run<Ok>([&]() -> Status {
        QSqlQuery &q = db.cached(kSelect + QStringLiteral("WHERE code_hash = ? ORDER BY id DESC LIMIT 1"));
        if (!SqlConnection::exec(q, { QString::fromLatin1(hash(code)) }))
            return SqlConnection::errorFrom(q, QStringLiteral("findEnrolment"));
        if (!q.next())
            return codeNotFound();
        const Row row = readRow(q);
        q.finish();
        if (row.state == EnrolmentStateName::Refused)
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("Este código foi recusado; o aparelho vai mostrar um código novo."), 409);
        if (row.state != EnrolmentStateName::Pending)
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("Este código já foi usado: o aparelho já foi registrado."), 409);
        if (row.enrolment.expiresAtMs <= m_clock.nowMs())
            return makeError(QStringLiteral("enrolment_expired"),
                QStringLiteral("Este código expirou; o aparelho já mostra um código novo."), 410);
        // The kiosk sets its token on its next poll; until then this one is unknown to all.
        auto device = m_store.devices().addDevice(
            name, row.enrolment.role, DeviceAuth::hashToken(DeviceAuth::generateToken()));
        if (!device)
            return device.error();
        // Claimed: from now on the request is the unit's that its device joined.
        QSqlQuery &u = db.cached(QStringLiteral(
            "UPDATE enrolments SET state = 'approved', device_id = ?, unit_id = ? WHERE id = ?"));
        if (!SqlConnection::exec(u, { device->id, device->unitId, row.enrolment.id }))
            return SqlConnection::errorFrom(u, QStringLiteral("approveEnrolment"));
        out = Approved { row.enrolment, *device };
        return Ok {};
    });
    if (!s)
        return s.error();
    return *out;
}

Result<PendingEnrolment> EnrolmentStore::refuse(qint64 id)
{
    SqlConnection &db = m_store.database().connection();
    std::optional<PendingEnrolment> out;
    const Status s = m_store.work().run<Ok>([&]() -> Status {
        QSqlQuery &u = db.cached(QStringLiteral(
            "UPDATE enrolments SET state = 'refused' WHERE id = ? AND state = 'pending' AND expires_ms > ?"));
        if (!SqlConnection::exec(u, { id, m_clock.nowMs() }))
            return SqlConnection::errorFrom(u, QStringLiteral("refuseEnrolment"));
        if (u.numRowsAffected() != 1)
            return notWaiting(id);
        out = byId(id);
        return Ok {};
    });
    if (!s)
        return s.error();
    return *out;
}

Error EnrolmentStore::notWaiting(qint64 id)
{
    return makeError(QStringLiteral("not_found"),
        QStringLiteral("Pedido de registro %1 não está esperando aprovação.").arg(id), 404);
}

Result<QString> EnrolmentStore::freshCode(qint64 now)
{
    // Two live codes are never the same: a code must name one kiosk.
    SqlConnection &db = m_store.database().connection();
    QSqlQuery &taken
        = db.cached(QStringLiteral("SELECT 1 FROM enrolments WHERE code_hash = ?"
                                   " AND state IN ('pending', 'preapproved') AND expires_ms > ?"));
    QString code;
    do {
        code = EnrolmentCode::generate();
        if (!SqlConnection::exec(taken, { QString::fromLatin1(hash(code)), now }))
            return SqlConnection::errorFrom(taken, QStringLiteral("enrolmentCode"));
    } while (taken.next());
    taken.finish();
    return code;
}

Result<Preapproval> EnrolmentStore::preapprove(const QString &name, const QString &role)
{
    SqlConnection &db = m_store.database().connection();
    const qint64 now = m_clock.nowMs();
    std::optional<Preapproval> out;
    const Status s = m_store.work().run<Ok>([&]() -> Status {
        auto code = freshCode(now);
        if (!code)
            return code.error();
        // Nobody polls a code made in advance: its handle is random and thrown away.
        QSqlQuery &insert = db.cached(QStringLiteral(
            "INSERT INTO enrolments(code_hash, handle_hash, role, hostname, model, version, address,"
            " created_ms, expires_ms, state, device_name, unit_id) VALUES(?, ?, ?, '', '', '', '', ?, ?, "
            "'preapproved', ?, ?)"));
        if (!SqlConnection::exec(insert,
                { QString::fromLatin1(hash(*code)), QString::fromLatin1(hash(randomUrlToken(32))), role, now,
                    now + kPreapprovedLifetimeMs, name, m_store.currentUnit() }))
            return SqlConnection::errorFrom(insert, QStringLiteral("preapprove"));
        out = Preapproval { EnrolmentCode::display(*code), name, role, now + kPreapprovedLifetimeMs };
        return Ok {};
    });
    if (!s)
        return s.error();
    return *out;
}

Result<EnrolmentStore::Approved> EnrolmentStore::redeem(
    const EnrolmentRedemption &redemption, const QString &address, QString *token)
{
    SqlConnection &db = m_store.database().connection();
    std::optional<Approved> out;
    const Status s = m_store.work().run<Ok>([&]() -> Status {
        QSqlQuery &q
            = db.cached(QStringLiteral("SELECT id, role, device_name, unit_id FROM enrolments"
                                       " WHERE code_hash = ? AND state = 'preapproved' AND expires_ms > ?"));
        if (!SqlConnection::exec(q, { QString::fromLatin1(hash(redemption.code)), m_clock.nowMs() }))
            return SqlConnection::errorFrom(q, QStringLiteral("findPreapproval"));
        // Unknown, used and expired codes get one answer: a guesser learns nothing.
        if (!q.next())
            return makeError(QStringLiteral("not_found"),
                QStringLiteral("Código de registro inválido, já usado ou vencido: peça outro no console."),
                404);
        const qint64 id = q.value(0).toLongLong();
        const QString role = q.value(1).toString();
        const QString name = q.value(2).toString();
        const qint64 unitId = q.value(3).toLongLong(); // the unit of the admin who made the code
        q.finish();
        if (role != redemption.kiosk.role)
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("Este código é para um aparelho do tipo %1, não %2.")
                    .arg(role, redemption.kiosk.role),
                409);
        const QString fresh = DeviceAuth::generateToken();
        auto entered = m_store.enterUnit(unitId);
        if (!entered)
            return entered.error();
        auto device = m_store.devices().addDevice(name, role, DeviceAuth::hashToken(fresh));
        if (!device)
            return device.error();
        QSqlQuery &u = db.cached(QStringLiteral(
            "UPDATE enrolments SET state = 'collected', device_id = ?, hostname = ?, model = ?, version = ?,"
            " address = ? WHERE id = ?"));
        const EnrolmentRequest &k = redemption.kiosk;
        if (!SqlConnection::exec(u, { device->id, k.hostname, k.model, k.version, address, id }))
            return SqlConnection::errorFrom(u, QStringLiteral("redeem"));
        *token = fresh;
        out = Approved { *byId(id), *device };
        return Ok {};
    });
    if (!s)
        return s.error();
    return *out;
}

QList<PendingEnrolment> EnrolmentStore::pending()
{
    QList<PendingEnrolment> out;
    QSqlQuery &q = m_store.database().connection().cached(
        kSelect + QStringLiteral("WHERE state = 'pending' AND expires_ms > ? ORDER BY id"));
    SqlConnection::exec(q, { m_clock.nowMs() });
    while (q.next())
        out << readRow(q).enrolment;
    return out;
}

std::optional<PendingEnrolment> EnrolmentStore::byId(qint64 id)
{
    QSqlQuery &q = m_store.database().connection().cached(kSelect + QStringLiteral("WHERE id = ?"));
    if (!SqlConnection::exec(q, { id }) || !q.next())
        return std::nullopt;
    PendingEnrolment e = readRow(q).enrolment;
    q.finish();
    return e;
}

} // namespace clinico::server
