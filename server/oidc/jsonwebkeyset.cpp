// SPDX-License-Identifier: GPL-3.0-or-later
#include "oidc/jsonwebkeyset.h"

#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace clinico::server::oidc {

namespace {

Error jwksError(const QString &why)
{
    return makeError(
        QStringLiteral("oidc_jwks"), QStringLiteral("Chaves do provedor de identidade: %1").arg(why), 502);
}

std::optional<QByteArray> base64Url(const QJsonValue &v)
{
    const auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

std::shared_ptr<EVP_PKEY> fromParams(const char *type, OSSL_PARAM_BLD *builder)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY *key = nullptr;
    const bool ok = params && ctx && EVP_PKEY_fromdata_init(ctx) > 0
        && EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) > 0;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    if (!ok) {
        EVP_PKEY_free(key);
        return {};
    }
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::shared_ptr<EVP_PKEY> rsaKey(const QByteArray &n, const QByteArray &e)
{
    // At least 2048 bits: a provider with a weaker key is misconfigured, not trusted.
    if (n.size() < 256 || e.size() > 8)
        return {};
    BIGNUM *bn = BN_bin2bn(reinterpret_cast<const unsigned char *>(n.constData()), int(n.size()), nullptr);
    BIGNUM *be = BN_bin2bn(reinterpret_cast<const unsigned char *>(e.constData()), int(e.size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    std::shared_ptr<EVP_PKEY> key;
    if (bn && be && builder && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn)
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, be))
        key = fromParams("RSA", builder);
    OSSL_PARAM_BLD_free(builder);
    BN_free(bn);
    BN_free(be);
    return key;
}

std::shared_ptr<EVP_PKEY> p256Key(const QByteArray &x, const QByteArray &y)
{
    if (x.size() != 32 || y.size() != 32)
        return {};
    const QByteArray point = QByteArray(1, '\x04') + x + y; // uncompressed SEC1 point
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    std::shared_ptr<EVP_PKEY> key;
    if (builder && OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0)
        && OSSL_PARAM_BLD_push_octet_string(
            builder, OSSL_PKEY_PARAM_PUB_KEY, point.constData(), size_t(point.size())))
        key = fromParams("EC", builder);
    OSSL_PARAM_BLD_free(builder);
    return key;
}

} // namespace

Result<JsonWebKeySet> JsonWebKeySet::parse(const QByteArray &json)
{
    auto object = JsonReader::parseObject(json);
    if (!object)
        return jwksError(QStringLiteral("JSON inválido (%1).").arg(object.error().message));
    const QJsonValue keys = object->value(QStringLiteral("keys"));
    if (!keys.isArray())
        return jwksError(QStringLiteral("falta a lista 'keys'."));
    JsonWebKeySet set;
    for (const QJsonValue &value : keys.toArray()) {
        const QJsonObject k = value.toObject();
        const QString kty = k.value(QStringLiteral("kty")).toString();
        const QString use = k.value(QStringLiteral("use")).toString();
        const QString alg = k.value(QStringLiteral("alg")).toString();
        if (!use.isEmpty() && use != QLatin1String("sig"))
            continue;
        Key key;
        key.kid = k.value(QStringLiteral("kid")).toString();
        if (kty == QLatin1String("RSA") && (alg.isEmpty() || alg == QLatin1String("RS256"))) {
            const auto n = base64Url(k.value(QStringLiteral("n")));
            const auto e = base64Url(k.value(QStringLiteral("e")));
            key.alg = QStringLiteral("RS256");
            key.publicKey = n && e ? rsaKey(*n, *e) : nullptr;
        } else if (kty == QLatin1String("EC")
            && k.value(QStringLiteral("crv")).toString() == QLatin1String("P-256")
            && (alg.isEmpty() || alg == QLatin1String("ES256"))) {
            const auto x = base64Url(k.value(QStringLiteral("x")));
            const auto y = base64Url(k.value(QStringLiteral("y")));
            key.alg = QStringLiteral("ES256");
            key.publicKey = x && y ? p256Key(*x, *y) : nullptr;
        }
        if (key.publicKey)
            set.m_keys.append(std::move(key));
    }
    if (set.m_keys.isEmpty())
        return jwksError(QStringLiteral("nenhuma chave RS256 ou ES256 de assinatura."));
    return set;
}

const JsonWebKeySet::Key *JsonWebKeySet::find(const QString &kid, const QString &alg) const
{
    const Key *only = nullptr;
    int candidates = 0;
    for (const Key &k : m_keys) {
        if (k.alg != alg)
            continue;
        if (!kid.isEmpty() && k.kid == kid)
            return &k;
        ++candidates;
        only = &k;
    }
    return kid.isEmpty() && candidates == 1 ? only : nullptr;
}

} // namespace clinico::server::oidc
