// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace clinico::server::oidc {

// Staff sign-in with the clinic's OpenID Connect provider: the [oidc] section of server.conf
// (ServerConfig loads it; docs/login-unico.md explains each key to clinic IT). No issuer: no provider,
// the console knows only its own usernames and passwords.
struct OidcSettings
{
    QString issuer; // exactly as the provider's discovery document says it
    QString clientId;
    QString clientSecretFile; // empty: a public client (PKCE alone)
    QByteArray clientSecret; // read from clientSecretFile, never from server.conf, never shown
    QString scopes = QStringLiteral("openid profile email");
    QString displayName = QStringLiteral("provedor da clínica"); // "Entrar com <displayName>"
    QString roleClaim = QStringLiteral("groups"); // the claim listing the person's groups or roles
    // The provider's groups (or app roles) for each Clinico role; the strongest match wins.
    QStringList adminGroups;
    QStringList doctorGroups;
    QStringList attendantGroups;
    // The provider's groups for each clinic of a network ("2: equipe-manaus" in server.conf): a
    // person's account belongs to the unit their groups name. Empty: every account in the first
    // unit, as a single clinic has it.
    QMap<QString, qint64> unitGroups; // group -> unit id
    // Off: only breakGlassUser signs in with a password; everyone else through the provider.
    bool localLoginForEveryone = true;
    QString breakGlassUser;

    bool enabled() const { return !issuer.isEmpty(); }
    // The Clinico role for these groups, or empty when none of them is mapped.
    QString roleFor(const QStringList &groups) const;
    // The unit these groups name: the first unit when no unit is mapped at all; an error a person
    // can act on when they name none, or several.
    Result<qint64> unitFor(const QStringList &groups) const;
    // "admin: a, b; doctor: c; attendant: d" (and " · units: 2: e"): the audit log records when
    // this changes.
    QString mappingText() const;
    // "1: equipe-sp, 2: equipe-manaus", as server.conf spells it.
    QString unitGroupsText() const;
    bool allowsLocalLogin(const QString &username) const;
    // What the admin view shows: every setting but the secret (only whether it was read).
    QJsonObject adminView(const QUrl &publicUrl) const;

    // Checks the settings together and reads the secret file. `publicUrl` is the server's
    // (the redirect URI hangs off it), required once a provider is configured.
    Status finish(const QUrl &publicUrl);
};

// Where the provider sends the browser back with the authorization code.
QUrl redirectUri(const QUrl &publicUrl);
// The console: where a sign-in lands, and where the provider's logout sends the browser back.
QUrl deskUrl(const QUrl &publicUrl);

} // namespace clinico::server::oidc
