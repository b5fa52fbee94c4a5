// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace clinico::test {

// base64url without padding, as JOSE writes it.
QByteArray b64(const QByteArray &bytes);
QByteArray compactJson(const QJsonObject &o);

// An identity provider's signing key for tests: the private half signs tokens, the public half
// goes in the provider's JWKS.
struct SigningKey
{
    QString kid;
    QString alg; // RS256 or ES256
    std::shared_ptr<EVP_PKEY> key;

    static SigningKey rsa(const QString &kid);
    static SigningKey p256(const QString &kid);
    QJsonObject jwk() const;
    QByteArray sign(const QByteArray &input) const;
    // A compact JWS of `payload`, with `header` (default: this key's alg and kid, typ JWT).
    QByteArray token(const QJsonObject &payload, QJsonObject header = {}) const;
};

} // namespace clinico::test
