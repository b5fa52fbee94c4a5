// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "net/httplane.h"
#include "oidc/idtoken.h"
#include "oidc/jsonwebkeyset.h"
#include "oidc/oidcsettings.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>
#include <vector>

namespace clinico::server::oidc {

// The relying party's side of OpenID Connect's Authorization Code flow with PKCE (S256),
// state and nonce. The provider is found by discovery and its keys by its jwks_uri, both
// cached (the discovery document while the server runs, the keys for an hour or until a token
// names a key they lack); talking to it happens on an HttpLane, so the server's thread never waits on it.
// What a sign-in must remember between the two steps (state, nonce, PKCE verifier, the
// browser it started in) stays here, in memory, for ten minutes and for one use.
class OidcClient
{
public:
    static constexpr qint64 kPendingLifetimeMs = 10 * 60 * 1000;
    static constexpr int kMaxPending = 4096; // unfinished sign-ins kept; beyond, the oldest goes
    static constexpr qint64 kKeysLifetimeMs = 60 * 60 * 1000; // the provider's keys are fetched again after

    OidcClient(OidcSettings settings, QUrl publicUrl, const Clock &clock);
    OidcClient(const OidcClient &) = delete;
    OidcClient &operator=(const OidcClient &) = delete;

    // Step 1: the provider's authorization URL for a new sign-in, and a random value for a
    // cookie that ties the sign-in to this browser (so nobody can finish it in another one).
    struct Start
    {
        QUrl authorizationUrl;
        QString browserBinding;
    };
    void start(std::function<void(Result<Start>)> done);

    // Step 2: the browser came back with `code` and `state`. The code is exchanged at the
    // token endpoint and the ID token verified completely (a key it names that the cached
    // set lacks makes one refetch of the provider's keys).
    struct SignedIn
    {
        IdToken token;
        QByteArray idToken; // as received: the hint for the provider's logout
    };
    void finish(const QString &code, const QString &state, const QString &browserBinding,
        std::function<void(Result<SignedIn>)> done);

    // Where to send the browser to end the provider's session too (RP-initiated logout);
    // empty when the provider has no end_session_endpoint.
    QUrl logoutUrl(const QByteArray &idToken) const;

    const OidcSettings &settings() const { return m_settings; }

private:
    struct Discovery
    {
        QUrl authorizationEndpoint;
        QUrl tokenEndpoint;
        QUrl jwksUri;
        QUrl endSessionEndpoint;
    };
    struct Pending
    {
        QString nonce;
        QString codeVerifier;
        QByteArray bindingHash;
        qint64 createdMs = 0;
    };
    using Json = Result<QJsonObject>;

    void discover(std::function<void(Result<Discovery>)> done);
    void fetchKeys(std::function<void(Status)> done);
    void exchange(const QString &code, const Pending &pending, std::function<void(Result<SignedIn>)> done);
    void verify(const QByteArray &idToken, const QString &nonce, bool keysRefetched,
        std::function<void(Result<SignedIn>)> done);
    void getJson(HttpRequest request, const QString &what, std::function<void(Json)> done);
    Result<Discovery> readDiscovery(const QJsonObject &document) const;
    std::optional<Pending> takePending(const QString &state);
    Error unavailable(const QString &what) const;

    OidcSettings m_settings;
    QUrl m_publicUrl;
    const Clock &m_clock;
    HttpLane m_lane;
    QObject m_alive; // replies arriving after this client is gone are dropped
    std::optional<Discovery> m_discovery;
    std::vector<std::function<void(Result<Discovery>)>> m_waitingForDiscovery;
    std::optional<JsonWebKeySet> m_keys;
    qint64 m_keysFetchedMs = 0;
    QHash<QString, Pending> m_pending; // by state
};

} // namespace clinico::server::oidc
