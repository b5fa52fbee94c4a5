// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "protocol/messages.h"
#include "storage/database.h"
#include "units/unitscope.h"

#include <optional>

namespace clinico::server {

// A logged-in person, as the API sees them.
struct StaffSession
{
    protocol::StaffUser user;
    QString csrfToken;
    qint64 expiresAtMs = 0;
    // The unit the person works in: their own, or for a network administrator (an account of
    // no unit) the one they picked.
    qint64 unitId = 0;
    bool networkAdmin = false;
    // The device role this person acts as: attendants and doctors are a desk, admins an admin.
    QString deviceRole() const;
    protocol::SessionInfo info() const { return { user, csrfToken, expiresAtMs, unitId }; }
};

// A person as the clinic's identity provider vouched for them at this sign-in.
struct ProviderIdentity
{
    QString issuer;
    QString subject;
    QString name; // shown in the console
    QString preferredUsername; // a hint for the new account's username only
    QString role; // the Clinico role their groups map to
    // The unit their groups map to ([oidc] unitGroups); none mapped: the account's own (a new
    // account joins the first unit).
    std::optional<qint64> unitId;
};

// Staff accounts and console sessions, in the server's database. A session token is 32
// random bytes in an HttpOnly cookie; only its SHA-256 is stored.
class UserStore
{
public:
    static constexpr qint64 kSessionLifetimeMs = 12 * 60 * 60 * 1000; // one working day

    // Accounts are added to, listed from and changed in the current unit (`unit`); signing in
    // and sessions work across the network (a username is unique in it).
    UserStore(Database &db, const Clock &clock, const UnitScope &unit)
        : m_db(db)
        , m_clock(clock)
        , m_unit(unit)
    { }

    // `networkAdmin`: an administrator of no unit, who manages the units and picks which one
    // their console shows.
    Result<protocol::StaffUser> add(const protocol::UserChange &user, bool networkAdmin = false);
    Result<protocol::StaffUser> update(qint64 id, const protocol::UserChange &change);
    QList<protocol::StaffUser> users();
    // Any unit's (sessions name their user by id).
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
    // The account linked to issuer + subject, created on the first sign-in (just in time),
    // with its name, role and unit as the provider says now; a role or unit change ends its open
    // sessions.
    // An account an admin disabled in Clinico stays disabled.
    struct LinkedAccount
    {
        protocol::StaffUser user;
        bool created = false;
        QString previousRole; // differs from user.role when this sign-in changed it
        qint64 previousUnitId = 0; // differs from user.unitId when this sign-in moved the account
    };
    Result<LinkedAccount> linkIdentity(const ProviderIdentity &who);

    // A new session; the second element is the token for the cookie (shown only now). A
    // provider's sign-in keeps its ID token for the provider's logout.
    Result<std::pair<StaffSession, QString>> openSession(
        const protocol::StaffUser &user, const QByteArray &idToken = {});
    std::optional<StaffSession> session(const QString &token);
    // The ID token the session was opened with (empty: a password login).
    QByteArray idTokenOf(const QString &token);
    void closeSession(const QString &token);
    // The unit a network administrator's console shows from now on.
    Status selectUnit(const QString &token, qint64 unitId);

private:
    void closeSessionsOf(qint64 userId);
    QString freeUsername(const QString &hint);

    SqlConnection &sql() { return m_db.connection(); }

    Database &m_db;
    const Clock &m_clock;
    const UnitScope &m_unit;
};

} // namespace clinico::server
