// SPDX-License-Identifier: GPL-3.0-or-later
#include "oidc/idtoken.h"

#include "protocol/jsonreader.h"

#include <QJsonArray>

#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

namespace clinico::server::oidc {

namespace {

constexpr qsizetype kMaxTokenBytes = 16 * 1024;

Error refused(const QString &code, const QString &why)
{
    return makeError(code, QStringLiteral("Login pelo provedor de identidade recusado: %1").arg(why), 401);
}

std::optional<QByteArray> base64Url(QByteArrayView text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

// JOSE's ES256 signature is r || s (32 bytes each); OpenSSL verifies DER.
std::optional<QByteArray> ecdsaDer(const QByteArray &raw)
{
    if (raw.size() != 64)
        return std::nullopt;
    const auto *bytes = reinterpret_cast<const unsigned char *>(raw.constData());
    ECDSA_SIG *sig = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(bytes, 32, nullptr);
    BIGNUM *s = BN_bin2bn(bytes + 32, 32, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return std::nullopt;
    }
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (length <= 0)
        return std::nullopt;
    QByteArray out(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return out;
}

bool signatureHolds(EVP_PKEY *key, const QString &alg, QByteArrayView signingInput, QByteArray signature)
{
    if (alg == QLatin1String("ES256")) {
        const auto der = ecdsaDer(signature);
        if (!der)
            return false;
        signature = *der;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
               size_t(signature.size()), reinterpret_cast<const unsigned char *>(signingInput.data()),
               size_t(signingInput.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

bool sameText(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    return x.size() == y.size() && CRYPTO_memcmp(x.constData(), y.constData(), size_t(x.size())) == 0;
}

std::optional<qint64> seconds(const QJsonObject &claims, const QString &name)
{
    const QJsonValue v = claims.value(name);
    if (!v.isDouble())
        return std::nullopt;
    return qint64(v.toDouble());
}

} // namespace

QStringList IdToken::strings(const QString &claim) const
{
    const QJsonValue v = claims.value(claim);
    if (v.isString())
        return { v.toString() };
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        if (item.isString())
            out << item.toString();
    return out;
}

Result<IdToken> verifyIdToken(
    const QByteArray &compact, const JsonWebKeySet &keys, const IdTokenExpectations &expected)
{
    if (compact.size() > kMaxTokenBytes)
        return refused(QStringLiteral("oidc_token_malformed"), QStringLiteral("token grande demais."));
    const QList<QByteArray> parts = compact.split('.');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
        return refused(
            QStringLiteral("oidc_token_malformed"), QStringLiteral("o token não é um JWS assinado."));
    const auto headerBytes = base64Url(parts[0]);
    const auto payloadBytes = base64Url(parts[1]);
    const auto signature = base64Url(parts[2]);
    if (!headerBytes || !payloadBytes || !signature)
        return refused(QStringLiteral("oidc_token_malformed"), QStringLiteral("base64url inválido."));
    const auto header = JsonReader::parseObject(*headerBytes);
    if (!header)
        return refused(QStringLiteral("oidc_token_malformed"), QStringLiteral("cabeçalho inválido."));

    // The algorithm is ours to choose, not the token's: only the asymmetric ones the provider's
    // keys are for. "none" and HS256 (a public key used as an HMAC secret) never get this far.
    const QString alg = header->value(QStringLiteral("alg")).toString();
    if (alg != QLatin1String("RS256") && alg != QLatin1String("ES256"))
        return refused(QStringLiteral("oidc_alg"), QStringLiteral("algoritmo '%1' não aceito.").arg(alg));
    if (header->contains(QStringLiteral("crit")))
        return refused(
            QStringLiteral("oidc_token_malformed"), QStringLiteral("extensão crítica desconhecida."));
    const QString kid = header->value(QStringLiteral("kid")).toString();
    const JsonWebKeySet::Key *key = keys.find(kid, alg);
    if (!key)
        return refused(
            QStringLiteral("oidc_unknown_kid"), QStringLiteral("chave '%1' desconhecida.").arg(kid));
    const qsizetype signedLength = parts[0].size() + 1 + parts[1].size();
    if (!signatureHolds(key->publicKey.get(), alg, QByteArrayView(compact).first(signedLength), *signature))
        return refused(QStringLiteral("oidc_signature"), QStringLiteral("assinatura inválida."));

    const auto payload = JsonReader::parseObject(*payloadBytes);
    if (!payload)
        return refused(QStringLiteral("oidc_token_malformed"), QStringLiteral("conteúdo inválido."));
    const QJsonObject &claims = *payload;
    IdToken token;
    token.claims = claims;
    token.issuer = claims.value(QStringLiteral("iss")).toString();
    token.subject = claims.value(QStringLiteral("sub")).toString();
    token.name = claims.value(QStringLiteral("name")).toString();
    token.email = claims.value(QStringLiteral("email")).toString();
    if (token.issuer != expected.issuer)
        return refused(QStringLiteral("oidc_iss"),
            QStringLiteral("emissor '%1' não é o configurado.").arg(token.issuer));
    if (token.subject.isEmpty() || token.subject.size() > 255)
        return refused(
            QStringLiteral("oidc_token_malformed"), QStringLiteral("falta o identificador (sub)."));
    const QStringList audience = token.strings(QStringLiteral("aud"));
    if (!audience.contains(expected.clientId))
        return refused(QStringLiteral("oidc_aud"), QStringLiteral("o token é para outro aplicativo."));
    const QJsonValue azp = claims.value(QStringLiteral("azp"));
    if ((audience.size() > 1 && !azp.isString())
        || (!azp.isUndefined() && azp.toString() != expected.clientId))
        return refused(
            QStringLiteral("oidc_azp"), QStringLiteral("o token foi pedido por outro aplicativo."));
    const auto exp = seconds(claims, QStringLiteral("exp"));
    const auto iat = seconds(claims, QStringLiteral("iat"));
    if (!exp || !iat)
        return refused(QStringLiteral("oidc_token_malformed"), QStringLiteral("faltam exp ou iat."));
    if (expected.nowS > *exp + expected.clockSkewS)
        return refused(QStringLiteral("oidc_expired"), QStringLiteral("token expirado."));
    if (*iat > expected.nowS + expected.clockSkewS)
        return refused(QStringLiteral("oidc_iat"), QStringLiteral("token emitido no futuro."));
    if (const auto nbf = seconds(claims, QStringLiteral("nbf"));
        nbf && *nbf > expected.nowS + expected.clockSkewS)
        return refused(QStringLiteral("oidc_not_yet_valid"), QStringLiteral("token ainda não vale."));
    if (expected.nonce.isEmpty()
        || !sameText(claims.value(QStringLiteral("nonce")).toString(), expected.nonce))
        return refused(QStringLiteral("oidc_nonce"), QStringLiteral("o token não é deste login (nonce)."));
    return token;
}

} // namespace clinico::server::oidc
