// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace clinico::server::oidc {

// An identity provider's signing keys (RFC 7517), as its jwks_uri serves them. Only what an
// ID token may be signed with is kept: RSA keys (RS256) and P-256 EC keys (ES256) meant for
// signatures; anything else in the set (encryption keys, other curves, symmetric keys) is
// skipped, so a token can never name it.
class JsonWebKeySet
{
public:
    struct Key
    {
        QString kid;
        QString alg; // the only algorithm this key verifies: RS256 or ES256
        std::shared_ptr<EVP_PKEY> publicKey;
    };

    static Result<JsonWebKeySet> parse(const QByteArray &json);

    // The key a token's header names (its kid, or the only key for its alg when the header has
    // no kid and the set has one such key); nullptr when the set has none.
    const Key *find(const QString &kid, const QString &alg) const;
    int size() const { return int(m_keys.size()); }

private:
    QList<Key> m_keys;
};

} // namespace clinico::server::oidc
