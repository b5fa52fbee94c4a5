// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/signingkey.h"

#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

using namespace Qt::StringLiterals;

namespace clinico::test {

namespace {

QByteArray bnBytes(EVP_PKEY *key, const char *name, int width = 0)
{
    BIGNUM *bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    QByteArray out(width ? width : BN_num_bytes(bn), '\0');
    if (width)
        BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), width);
    else
        BN_bn2bin(bn, reinterpret_cast<unsigned char *>(out.data()));
    BN_free(bn);
    return out;
}

} // namespace

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

SigningKey SigningKey::rsa(const QString &kid)
{
    return { kid, u"RS256"_s, { EVP_RSA_gen(2048), EVP_PKEY_free } };
}

SigningKey SigningKey::p256(const QString &kid)
{
    return { kid, u"ES256"_s, { EVP_EC_gen("P-256"), EVP_PKEY_free } };
}

QJsonObject SigningKey::jwk() const
{
    if (alg == u"RS256")
        return { { u"kty"_s, u"RSA"_s }, { u"kid"_s, kid }, { u"use"_s, u"sig"_s },
            { u"n"_s, QString::fromLatin1(b64(bnBytes(key.get(), OSSL_PKEY_PARAM_RSA_N))) },
            { u"e"_s, QString::fromLatin1(b64(bnBytes(key.get(), OSSL_PKEY_PARAM_RSA_E))) } };
    return { { u"kty"_s, u"EC"_s }, { u"crv"_s, u"P-256"_s }, { u"kid"_s, kid },
        { u"x"_s, QString::fromLatin1(b64(bnBytes(key.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32))) },
        { u"y"_s, QString::fromLatin1(b64(bnBytes(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32))) } };
}

QByteArray SigningKey::sign(const QByteArray &input) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t length = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key.get());
    EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char *>(input.constData()),
        size_t(input.size()));
    QByteArray sig(qsizetype(length), '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &length,
        reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
    EVP_MD_CTX_free(ctx);
    sig.resize(qsizetype(length));
    if (alg == u"RS256")
        return sig;
    // DER -> r || s, as JOSE wants it.
    const auto *p = reinterpret_cast<const unsigned char *>(sig.constData());
    ECDSA_SIG *ecdsa = d2i_ECDSA_SIG(nullptr, &p, long(sig.size()));
    QByteArray raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa), reinterpret_cast<unsigned char *>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa), reinterpret_cast<unsigned char *>(raw.data()) + 32, 32);
    ECDSA_SIG_free(ecdsa);
    return raw;
}

QByteArray SigningKey::token(const QJsonObject &payload, QJsonObject header) const
{
    if (header.isEmpty())
        header = { { u"alg"_s, alg }, { u"kid"_s, kid }, { u"typ"_s, u"JWT"_s } };
    const QByteArray input = b64(compactJson(header)) + '.' + b64(compactJson(payload));
    return input + '.' + b64(sign(input));
}

} // namespace clinico::test
