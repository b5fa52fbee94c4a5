// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "protocol/messages.h"
#include "storage/sqlitedatabase.h"

#include <optional>

namespace clinico::server {

// A logged-in person, as the API sees them.
struct StaffSession
{
    protocol::StaffUser user;
    QString csrfToken;
    qint64 expiresAtMs = 0;
    // The device role this person acts as: attendants and doctors are a desk, admins an admin.
    QString deviceRole() const;
    protocol::SessionInfo info() const { return { user, csrfToken, expiresAtMs }; }
};

// Staff accounts and console sessions, in the server's database. A session token is 32
// random bytes in an HttpOnly cookie; only its SHA-256 is stored.
class UserStore
{
public:
    static constexpr qint64 kSessionLifetimeMs = 12 * 60 * 60 * 1000; // one working day

    UserStore(SqliteDatabase &db, const Clock &clock)
        : m_db(db)
        , m_clock(clock)
    { }

    Result<protocol::StaffUser> add(const protocol::UserChange &user);
    Result<protocol::StaffUser> update(qint64 id, const protocol::UserChange &change);
    QList<protocol::StaffUser> users();
    std::optional<protocol::StaffUser> user(qint64 id);
    int activeAdminCount();

    // The user if the password is right and the account active.
    std::optional<protocol::StaffUser> verify(const QString &username, const QString &password);

    // The same in two steps, so the slow hash can run off the server's thread: look the
    // account up here, check the password anywhere (PasswordHash::verify on `passwordHash`,
    // which is a dummy hash for unknown names so timing does not tell which names exist).
    struct Credentials
    {
        qint64 userId = 0; // 0: no such account
        QByteArray passwordHash;
        bool active = false;
    };
    Credentials credentials(const QString &username);
    // A new session; the second element is the token for the cookie (shown only now).
    Result<std::pair<StaffSession, QString>> openSession(const protocol::StaffUser &user);
    std::optional<StaffSession> session(const QString &token);
    void closeSession(const QString &token);

private:
    void closeSessionsOf(qint64 userId);

    SqliteDatabase &m_db;
    const Clock &m_clock;
};

} // namespace clinico::server
