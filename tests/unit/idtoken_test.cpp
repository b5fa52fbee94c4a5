// SPDX-License-Identifier: GPL-3.0-or-later
// OpenID Connect ID tokens as an attacker would forge them: each must be refused for the right
// reason, and a genuine one (RS256 or ES256, from the provider's key set) accepted.
#include "oidc/idtoken.h"
#include "support/signingkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::server::oidc;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

class IdTokenTest : public ::testing::Test
{
protected:
    static constexpr qint64 kNow = 1'796'600'000;

    JsonWebKeySet keySet(const QList<const SigningKey *> &published) const
    {
        QJsonArray array;
        for (const SigningKey *k : published)
            array.append(k->jwk());
        return *JsonWebKeySet::parse(compactJson({ { u"keys"_s, array } }));
    }

    QJsonObject claims() const
    {
        return { { u"iss"_s, u"https://login.clinica.example/realms/staff"_s },
            { u"sub"_s, u"248289761001"_s }, { u"aud"_s, u"clinico"_s }, { u"exp"_s, kNow + 300 },
            { u"iat"_s, kNow - 5 }, { u"nonce"_s, u"n-0S6_WzA2Mj"_s }, { u"name"_s, u"Dra. Beatriz Lima"_s },
            { u"groups"_s, QJsonArray { u"clinico-medicos"_s, u"todos"_s } } };
    }

    QByteArray token(const SigningKey &key, const QJsonObject &payload, QJsonObject header = {}) const
    {
        return key.token(payload, header);
    }

    Result<IdToken> verify(const QByteArray &compact, const JsonWebKeySet &set) const
    {
        return verifyIdToken(compact, set,
            { u"https://login.clinica.example/realms/staff"_s, u"clinico"_s, u"n-0S6_WzA2Mj"_s, kNow, 120 });
    }

    QString refusal(const QByteArray &compact, const JsonWebKeySet &set) const
    {
        const auto r = verify(compact, set);
        return r ? u"accepted"_s : r.error().code;
    }

    SigningKey rsa = SigningKey::rsa(u"rsa-1"_s);
    SigningKey ec = SigningKey::p256(u"ec-1"_s);
    JsonWebKeySet keys = keySet({ &rsa, &ec });
};

} // namespace

TEST_F(IdTokenTest, GenuineRs256AndEs256TokensAreAccepted)
{
    for (const SigningKey *k : { &rsa, &ec }) {
        const auto t = verify(token(*k, claims()), keys);
        ASSERT_TRUE(t.ok()) << k->alg.toStdString() << ": " << t.error().message.toStdString();
        EXPECT_EQ(t->subject, u"248289761001"_s);
        EXPECT_EQ(t->name, u"Dra. Beatriz Lima"_s);
        EXPECT_EQ(t->strings(u"groups"_s), (QStringList { u"clinico-medicos"_s, u"todos"_s }));
    }
}

TEST_F(IdTokenTest, ForgedSignaturesAndAlgorithmsAreRefused)
{
    // Signed by a key the provider never published, under a kid it did publish.
    SigningKey impostor = SigningKey::rsa(u"rsa-1"_s);
    EXPECT_EQ(refusal(token(impostor, claims()), keys), u"oidc_signature"_s);
    // A claim changed after signing.
    QByteArray tampered = token(rsa, claims());
    QList<QByteArray> parts = tampered.split('.');
    QJsonObject more = claims();
    more[u"groups"_s] = QJsonArray { u"clinico-admins"_s };
    parts[1] = b64(compactJson(more));
    EXPECT_EQ(refusal(parts.join('.'), keys), u"oidc_signature"_s);
    // alg none, with and without a signature part.
    const QByteArray unsigned_
        = b64(compactJson({ { u"alg"_s, u"none"_s } })) + '.' + b64(compactJson(claims()));
    EXPECT_EQ(refusal(unsigned_ + '.', keys), u"oidc_token_malformed"_s);
    EXPECT_EQ(refusal(unsigned_ + ".AAAA", keys), u"oidc_alg"_s);
    // HS256 with the provider's public key (its JWK text) as the HMAC secret.
    const QByteArray hsInput = b64(compactJson({ { u"alg"_s, u"HS256"_s }, { u"kid"_s, u"rsa-1"_s } })) + '.'
        + b64(compactJson(claims()));
    const QByteArray mac
        = QMessageAuthenticationCode::hash(hsInput, compactJson(rsa.jwk()), QCryptographicHash::Sha256);
    EXPECT_EQ(refusal(hsInput + '.' + b64(mac), keys), u"oidc_alg"_s);
    // An RS256 header on an EC key's kid: the key is not for that algorithm.
    EXPECT_EQ(refusal(token(rsa, claims(), { { u"alg"_s, u"RS256"_s }, { u"kid"_s, u"ec-1"_s } }), keys),
        u"oidc_unknown_kid"_s);
    // A kid the set does not have (the provider rotated): the caller refetches the JWKS.
    SigningKey rotated = SigningKey::p256(u"ec-2"_s);
    EXPECT_EQ(refusal(token(rotated, claims()), keys), u"oidc_unknown_kid"_s);
    EXPECT_EQ(refusal(token(rotated, claims()), keySet({ &rsa, &ec, &rotated })), u"accepted"_s);
    // Not a JWS at all.
    EXPECT_EQ(refusal("not-a-token", keys), u"oidc_token_malformed"_s);
    EXPECT_EQ(refusal(token(rsa, claims(),
                          { { u"alg"_s, u"RS256"_s }, { u"kid"_s, u"rsa-1"_s },
                              { u"crit"_s, QJsonArray { u"exp"_s } } }),
                  keys),
        u"oidc_token_malformed"_s);
}

TEST_F(IdTokenTest, EveryClaimIsChecked)
{
    auto with = [&](const QString &key, const QJsonValue &value) {
        QJsonObject c = claims();
        if (value.isUndefined())
            c.remove(key);
        else
            c[key] = value;
        return refusal(token(rsa, c), keys);
    };
    EXPECT_EQ(with(u"iss"_s, u"https://evil.example"_s), u"oidc_iss"_s);
    EXPECT_EQ(with(u"aud"_s, u"another-app"_s), u"oidc_aud"_s);
    EXPECT_EQ(with(u"aud"_s, QJsonArray { u"clinico"_s, u"another-app"_s }), u"oidc_azp"_s)
        << "several audiences, no azp";
    {
        QJsonObject c = claims();
        c[u"aud"_s] = QJsonArray { u"clinico"_s, u"another-app"_s };
        c[u"azp"_s] = u"clinico"_s;
        EXPECT_EQ(refusal(token(rsa, c), keys), u"accepted"_s);
        c[u"azp"_s] = u"another-app"_s;
        EXPECT_EQ(refusal(token(rsa, c), keys), u"oidc_azp"_s);
    }
    EXPECT_EQ(with(u"exp"_s, kNow - 121), u"oidc_expired"_s);
    EXPECT_EQ(with(u"exp"_s, kNow - 60), u"accepted"_s) << "within the clock skew";
    EXPECT_EQ(with(u"exp"_s, QJsonValue::Undefined), u"oidc_token_malformed"_s);
    EXPECT_EQ(with(u"iat"_s, kNow + 600), u"oidc_iat"_s);
    EXPECT_EQ(with(u"nbf"_s, kNow + 600), u"oidc_not_yet_valid"_s);
    EXPECT_EQ(with(u"nonce"_s, u"another-sign-in"_s), u"oidc_nonce"_s)
        << "a token replayed from another sign-in";
    EXPECT_EQ(with(u"nonce"_s, QJsonValue::Undefined), u"oidc_nonce"_s);
    EXPECT_EQ(with(u"sub"_s, u""_s), u"oidc_token_malformed"_s);
}

TEST_F(IdTokenTest, AKeySetWithNothingUsableIsAnError)
{
    EXPECT_FALSE(JsonWebKeySet::parse("{\"keys\":[]}").ok());
    EXPECT_FALSE(JsonWebKeySet::parse("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}").ok())
        << "symmetric keys are never used";
    EXPECT_FALSE(JsonWebKeySet::parse("not json").ok());
    QJsonObject encryption = rsa.jwk();
    encryption[u"use"_s] = u"enc"_s;
    EXPECT_FALSE(JsonWebKeySet::parse(compactJson({ { u"keys"_s, QJsonArray { encryption } } })).ok());
}
