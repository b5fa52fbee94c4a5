// SPDX-License-Identifier: GPL-3.0-or-later
#include "users/userstore.h"

#include "auth/deviceauth.h"
#include "users/passwordhash.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;

namespace {

const QString kUserSelect = QStringLiteral("SELECT id, username, display_name, role, active, "
                                           "COALESCE(last_login_ms, 0), COALESCE(unit_id, 0) FROM users ");

StaffUser readUser(const QSqlQuery &q)
{
    return StaffUser { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        q.value(3).toString(), q.value(4).toBool(), q.value(5).toLongLong(), q.value(6).toLongLong() };
}

Error missing(const QString &field)
{
    return makeError(QStringLiteral("invalid_field"), QStringLiteral("Campo '%1': obrigatório.").arg(field));
}

} // namespace

QString StaffSession::deviceRole() const
{
    return user.role == StaffRole::Admin ? Role::Admin : Role::Desk;
}

Result<StaffUser> UserStore::add(const UserChange &u, bool networkAdmin)
{
    if (!u.username)
        return missing(QStringLiteral("username"));
    if (!u.password)
        return missing(QStringLiteral("password"));
    if (!u.role)
        return missing(QStringLiteral("role"));
    auto hash = PasswordHash::hash(*u.password);
    if (!hash)
        return hash.error();
    const QString displayName = u.displayName.value_or(*u.username).simplified();
    QSqlQuery &q = sql().cached(QStringLiteral(
        "INSERT INTO users(username, display_name, role, "
        "password_hash, active, created_ms, unit_id) VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    if (!SqlConnection::exec(q,
            { *u.username, displayName.isEmpty() ? *u.username : displayName, *u.role,
                QString::fromLatin1(*hash), u.active.value_or(true) ? 1 : 0, m_clock.nowMs(),
                networkAdmin ? QVariant() : QVariant(m_unit.id()) })
        || !q.next()) {
        const Error e = SqlConnection::errorFrom(q, QStringLiteral("addUser"));
        if (e.code != SqlConnection::kUniqueCode)
            return e;
        return makeError(
            QStringLiteral("conflict"), QStringLiteral("Já existe o usuário %1.").arg(*u.username), 409);
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return *user(id);
}

Result<StaffUser> UserStore::update(qint64 id, const UserChange &change)
{
    const auto before = user(id);
    if (!before || before->unitId != m_unit.id())
        return makeError(
            QStringLiteral("not_found"), QStringLiteral("Usuário %1 não encontrado.").arg(id), 404);
    const bool losesAdmin = before->role == StaffRole::Admin && before->active
        && ((change.role && *change.role != StaffRole::Admin) || (change.active && !*change.active));
    if (losesAdmin && activeAdminCount() <= 1)
        return makeError(
            QStringLiteral("conflict"), QStringLiteral("Este é o último administrador ativo."), 409);
    Transaction tx(sql());
    auto set = [&](const QString &column, const QVariant &value) {
        QSqlQuery &q = sql().cached(QStringLiteral("UPDATE users SET %1 = ? WHERE id = ?").arg(column));
        return SqlConnection::exec(q, { value, id });
    };
    bool ok = true;
    if (change.username)
        ok = ok && set(QStringLiteral("username"), *change.username);
    if (change.displayName)
        ok = ok && set(QStringLiteral("display_name"), change.displayName->simplified());
    if (change.role)
        ok = ok && set(QStringLiteral("role"), *change.role);
    if (change.active)
        ok = ok && set(QStringLiteral("active"), *change.active ? 1 : 0);
    if (change.password) {
        auto hash = PasswordHash::hash(*change.password);
        if (!hash)
            return hash.error();
        ok = ok && set(QStringLiteral("password_hash"), QString::fromLatin1(*hash));
    }
    if (!ok)
        return makeError(QStringLiteral("conflict"),
            QStringLiteral("Não foi possível alterar (nome de usuário já usado?)."), 409);
    // A new password, a new role or a disabled account ends every open session of that person.
    if (change.password || change.role || (change.active && !*change.active))
        closeSessionsOf(id);
    if (!tx.commit())
        return makeError(QStringLiteral("storage_error"), QStringLiteral("Falha ao gravar o usuário."), 500);
    return *user(id);
}

QList<StaffUser> UserStore::users()
{
    QList<StaffUser> out;
    QSqlQuery &q = sql().cached(kUserSelect + QStringLiteral("WHERE unit_id = ? ORDER BY username"));
    SqlConnection::exec(q, { m_unit.id() });
    while (q.next())
        out << readUser(q);
    return out;
}

std::optional<StaffUser> UserStore::user(qint64 id)
{
    QSqlQuery &q = sql().cached(kUserSelect + QStringLiteral("WHERE id = ?"));
    if (SqlConnection::exec(q, { id }) && q.next()) {
        StaffUser u = readUser(q);
        q.finish();
        return u;
    }
    return std::nullopt;
}

int UserStore::activeAdminCount()
{
    QSqlQuery &q
        = sql().cached(QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1"));
    const int n = q.exec() && q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return n;
}

UserStore::Credentials UserStore::credentials(const QString &username)
{
    QSqlQuery &q = sql().cached(
        QStringLiteral("SELECT id, password_hash, active FROM users WHERE lower(username) = lower(?)"));
    Credentials c;
    if (SqlConnection::exec(q, { username }) && q.next())
        c = Credentials { q.value(0).toLongLong(), q.value(1).toByteArray(), q.value(2).toBool() };
    q.finish();
    if (!c.userId) {
        static const QByteArray dummy = PasswordHash::hash(QStringLiteral("not a password")).value();
        c.passwordHash = dummy;
    }
    return c;
}

std::optional<StaffUser> UserStore::verify(const QString &username, const QString &password)
{
    const Credentials c = credentials(username);
    if (!PasswordHash::verify(c.passwordHash, password) || !c.userId || !c.active)
        return std::nullopt;
    return user(c.userId);
}

QString UserStore::freeUsername(const QString &hint)
{
    static const QRegularExpression notAllowed(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString base = hint.section(u'@', 0, 0).replace(notAllowed, QStringLiteral(".")).left(34);
    if (base.size() < 2)
        base = QStringLiteral("sso");
    QSqlQuery &taken = sql().cached(QStringLiteral("SELECT 1 FROM users WHERE lower(username) = lower(?)"));
    for (int n = 1;; ++n) {
        const QString candidate = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        const bool used = SqlConnection::exec(taken, { candidate }) && taken.next();
        taken.finish();
        if (!used)
            return candidate;
    }
}

Result<UserStore::LinkedAccount> UserStore::linkIdentity(const ProviderIdentity &who)
{
    const auto failed = [] {
        return makeError(QStringLiteral("storage_error"), QStringLiteral("Falha ao gravar o usuário."), 500);
    };
    const QString name = who.name.simplified().left(120);
    Transaction tx(sql());
    QSqlQuery &find = sql().cached(
        QStringLiteral("SELECT user_id FROM user_identities WHERE issuer = ? AND subject = ?"));
    qint64 id = 0;
    if (SqlConnection::exec(find, { who.issuer, who.subject }) && find.next())
        id = find.value(0).toLongLong();
    find.finish();
    LinkedAccount out;
    if (!id) {
        const QString username = freeUsername(who.preferredUsername.isEmpty() ? name : who.preferredUsername);
        // No password: "!" is no argon2id hash, so a password login never matches it.
        QSqlQuery &add = sql().cached(QStringLiteral(
            "INSERT INTO users(username, display_name, role, "
            "password_hash, active, created_ms, unit_id) VALUES(?, ?, ?, '!', 1, ?, ?) RETURNING id"));
        QSqlQuery &link = sql().cached(QStringLiteral(
            "INSERT INTO user_identities(issuer, subject, user_id, created_ms) VALUES(?, ?, ?, ?)"));
        if (!SqlConnection::exec(add,
                { username, name.isEmpty() ? username : name, who.role, m_clock.nowMs(),
                    who.unitId.value_or(UnitScope::kFirstUnit) })
            || !add.next())
            return failed();
        id = add.value(0).toLongLong();
        add.finish();
        if (!SqlConnection::exec(link, { who.issuer, who.subject, id, m_clock.nowMs() }))
            return failed();
        out.created = true;
    }
    const auto before = user(id);
    if (!before)
        return failed();
    if (!before->active)
        return makeError(QStringLiteral("account_disabled"),
            QStringLiteral("Sua conta foi desativada no Clinico. Fale com o administrador."), 403);
    out.previousRole = out.created ? who.role : before->role;
    out.previousUnitId = before->unitId;
    QSqlQuery &update = sql().cached(QStringLiteral(
        "UPDATE users SET display_name = ?, role = ?, unit_id = COALESCE(?, unit_id) WHERE id = ?"));
    if (!SqlConnection::exec(update,
            { name.isEmpty() ? before->displayName : name, who.role,
                who.unitId ? QVariant(*who.unitId) : QVariant(), id }))
        return failed();
    if (out.previousRole != who.role || (who.unitId && *who.unitId != out.previousUnitId))
        closeSessionsOf(id);
    if (!tx.commit())
        return failed();
    out.user = *user(id);
    return out;
}

Result<std::pair<StaffSession, QString>> UserStore::openSession(const StaffUser &u, const QByteArray &idToken)
{
    const qint64 now = m_clock.nowMs();
    // A network administrator's console starts on the first unit.
    StaffSession s { u, DeviceAuth::generateToken(), now + kSessionLifetimeMs,
        u.unitId ? u.unitId : UnitScope::kFirstUnit, u.unitId == 0 };
    const QString token = DeviceAuth::generateToken();
    Transaction tx(sql());
    QSqlQuery &del = sql().cached(QStringLiteral("DELETE FROM sessions WHERE expires_ms <= ?"));
    SqlConnection::exec(del, { now });
    QSqlQuery &ins = sql().cached(
        QStringLiteral("INSERT INTO sessions(token_hash, user_id, csrf, created_ms, expires_ms, id_token)"
                       " VALUES(?, ?, ?, ?, ?, ?)"));
    QSqlQuery &seen = sql().cached(QStringLiteral("UPDATE users SET last_login_ms = ? WHERE id = ?"));
    if (!SqlConnection::exec(ins,
            { QString::fromLatin1(DeviceAuth::hashToken(token)), u.id, s.csrfToken, now, s.expiresAtMs,
                idToken.isEmpty() ? QVariant() : QVariant(QString::fromLatin1(idToken)) })
        || !SqlConnection::exec(seen, { now, u.id }) || !tx.commit())
        return makeError(QStringLiteral("storage_error"), QStringLiteral("Falha ao abrir a sessão."), 500);
    s.user.lastLoginMs = now;
    return std::pair { s, token };
}

std::optional<StaffSession> UserStore::session(const QString &token)
{
    if (token.isEmpty())
        return std::nullopt;
    QSqlQuery &q = sql().cached(QStringLiteral(
        "SELECT s.user_id, s.csrf, s.expires_ms, COALESCE(u.unit_id, s.unit_id, 1), u.unit_id IS NULL"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = ? AND s.expires_ms > ? AND u.active = 1"));
    if (!SqlConnection::exec(q, { QString::fromLatin1(DeviceAuth::hashToken(token)), m_clock.nowMs() })
        || !q.next())
        return std::nullopt;
    const qint64 userId = q.value(0).toLongLong();
    const QString csrf = q.value(1).toString();
    const qint64 expires = q.value(2).toLongLong();
    const qint64 unitId = q.value(3).toLongLong();
    const bool networkAdmin = q.value(4).toBool();
    q.finish();
    const auto u = user(userId);
    if (!u)
        return std::nullopt;
    return StaffSession { *u, csrf, expires, unitId, networkAdmin };
}

QByteArray UserStore::idTokenOf(const QString &token)
{
    QSqlQuery &q
        = sql().cached(QStringLiteral("SELECT COALESCE(id_token, '') FROM sessions WHERE token_hash = ?"));
    QByteArray out;
    if (SqlConnection::exec(q, { QString::fromLatin1(DeviceAuth::hashToken(token)) }) && q.next())
        out = q.value(0).toString().toLatin1();
    q.finish();
    return out;
}

void UserStore::closeSession(const QString &token)
{
    QSqlQuery &q = sql().cached(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
    SqlConnection::exec(q, { QString::fromLatin1(DeviceAuth::hashToken(token)) });
}

Status UserStore::selectUnit(const QString &token, qint64 unitId)
{
    QSqlQuery &q = sql().cached(QStringLiteral("UPDATE sessions SET unit_id = ? WHERE token_hash = ?"));
    if (!SqlConnection::exec(q, { unitId, QString::fromLatin1(DeviceAuth::hashToken(token)) }))
        return SqlConnection::errorFrom(q, QStringLiteral("selectUnit"));
    return Ok {};
}

void UserStore::closeSessionsOf(qint64 userId)
{
    QSqlQuery &q = sql().cached(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"));
    SqlConnection::exec(q, { userId });
}

} // namespace clinico::server
