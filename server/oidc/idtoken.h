// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "oidc/jsonwebkeyset.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace clinico::server::oidc {

// What the relying party (Clinico) expects of an ID token from this sign-in.
struct IdTokenExpectations
{
    QString issuer; // exactly the discovery document's issuer
    QString clientId; // our client_id: in aud, and azp when there are several audiences
    QString nonce; // the one sent with this sign-in's authorization request
    qint64 nowS = 0;
    int clockSkewS = 120; // the provider's clock and ours may differ this much
};

// A verified ID token: who signed in, as the provider says.
struct IdToken
{
    QString issuer;
    QString subject; // stable per issuer: an account is linked by issuer + subject, never e-mail
    QString name;
    QString email;
    QJsonObject claims;
    // A claim holding a string or a list of strings (groups, roles); empty otherwise.
    QStringList strings(const QString &claim) const;
};

// Verifies an ID token completely (OpenID Connect Core 1.0, 3.1.3.7): compact JWS with
// exactly RS256 or ES256 (never "none", never HMAC, whatever the header says), signed by a
// key of the provider's set, then iss, aud, azp, exp, nbf, iat and nonce. An error's code
// says which check failed; "oidc_unknown_kid" means the caller should refetch the keys (the
// provider rotated them) and try once more.
Result<IdToken> verifyIdToken(
    const QByteArray &compact, const JsonWebKeySet &keys, const IdTokenExpectations &expected);

} // namespace clinico::server::oidc
