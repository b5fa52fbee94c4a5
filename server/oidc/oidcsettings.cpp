// SPDX-License-Identifier: GPL-3.0-or-later
#include "oidc/oidcsettings.h"

#include "protocol/messages.h"
#include "units/unitscope.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>

#include <algorithm>

namespace clinico::server::oidc {

namespace {

Error configError(const QString &message)
{
    return makeError(QStringLiteral("config"), QStringLiteral("[oidc] %1").arg(message));
}

bool isLoopback(const QUrl &url)
{
    return url.host() == QLatin1String("localhost") || QHostAddress(url.host()).isLoopback();
}

} // namespace

QUrl redirectUri(const QUrl &publicUrl)
{
    return publicUrl.resolved(QUrl(QStringLiteral("oidc/callback")));
}

QUrl deskUrl(const QUrl &publicUrl)
{
    return publicUrl.resolved(QUrl(QStringLiteral("desk/")));
}

QString OidcSettings::roleFor(const QStringList &groups) const
{
    using namespace protocol;
    const std::pair<const QStringList *, QString> ranks[] = { { &adminGroups, StaffRole::Admin },
        { &doctorGroups, StaffRole::Doctor }, { &attendantGroups, StaffRole::Attendant } };
    for (const auto &[mapped, role] : ranks) {
        for (const QString &group : groups) {
            if (mapped->contains(group))
                return role;
        }
    }
    return {};
}

Result<qint64> OidcSettings::unitFor(const QStringList &groups) const
{
    if (unitGroups.isEmpty())
        return UnitScope::kFirstUnit; // what a single clinic runs in
    QList<qint64> units;
    for (const QString &group : groups) {
        const qint64 unit = unitGroups.value(group);
        if (unit && !units.contains(unit))
            units << unit;
    }
    if (units.size() == 1)
        return units.first();
    if (units.isEmpty())
        return makeError(QStringLiteral("oidc_no_unit"),
            QStringLiteral("Sua conta (%1) não está no grupo de nenhuma unidade da rede no Clinico. Peça à "
                           "TI da clínica para incluí-la no grupo da sua unidade.")
                .arg(displayName),
            403);
    std::sort(units.begin(), units.end());
    QStringList names;
    for (qint64 unit : std::as_const(units))
        names << QString::number(unit);
    return makeError(QStringLiteral("oidc_several_units"),
        QStringLiteral("Sua conta (%1) está nos grupos de várias unidades (%2), e no Clinico cada conta é "
                       "de uma unidade só. Peça à TI da clínica para deixá-la só no grupo da sua unidade.")
            .arg(displayName, names.join(u", ")),
        403);
}

QString OidcSettings::unitGroupsText() const
{
    QStringList pairs;
    for (auto it = unitGroups.cbegin(); it != unitGroups.cend(); ++it)
        pairs << QStringLiteral("%1: %2").arg(it.value()).arg(it.key());
    return pairs.join(u", ");
}

QString OidcSettings::mappingText() const
{
    const QString roles
        = QStringLiteral("%1 · admin: %2; doctor: %3; attendant: %4")
              .arg(roleClaim, adminGroups.join(u", "), doctorGroups.join(u", "), attendantGroups.join(u", "));
    // Without units, the text a single clinic has always recorded (no change to audit).
    return unitGroups.isEmpty() ? roles : roles + QStringLiteral(" · units: ") + unitGroupsText();
}

bool OidcSettings::allowsLocalLogin(const QString &username) const
{
    return localLoginForEveryone || username.compare(breakGlassUser, Qt::CaseInsensitive) == 0;
}

QJsonObject OidcSettings::adminView(const QUrl &publicUrl) const
{
    if (!enabled())
        return { { QStringLiteral("enabled"), false } };
    return {
        { QStringLiteral("enabled"), true },
        { QStringLiteral("issuer"), issuer },
        { QStringLiteral("clientId"), clientId },
        { QStringLiteral("clientSecretFile"), clientSecretFile },
        { QStringLiteral("clientSecretRead"), !clientSecret.isEmpty() },
        { QStringLiteral("redirectUri"), redirectUri(publicUrl).toString() },
        { QStringLiteral("postLogoutRedirectUri"), deskUrl(publicUrl).toString() },
        { QStringLiteral("scopes"), scopes },
        { QStringLiteral("displayName"), displayName },
        { QStringLiteral("roleClaim"), roleClaim },
        { QStringLiteral("adminGroups"), QJsonArray::fromStringList(adminGroups) },
        { QStringLiteral("doctorGroups"), QJsonArray::fromStringList(doctorGroups) },
        { QStringLiteral("attendantGroups"), QJsonArray::fromStringList(attendantGroups) },
        { QStringLiteral("unitGroups"), unitGroupsText() },
        { QStringLiteral("localLogin"),
            localLoginForEveryone ? QStringLiteral("on") : QStringLiteral("breakglass-only") },
        { QStringLiteral("breakGlassUser"), breakGlassUser },
    };
}

Status OidcSettings::finish(const QUrl &publicUrl)
{
    if (!enabled())
        return Ok {};
    const QUrl issuerUrl(issuer);
    if (!issuerUrl.isValid() || issuerUrl.host().isEmpty()
        || !(issuerUrl.scheme() == QLatin1String("https")
            || (issuerUrl.scheme() == QLatin1String("http") && isLoopback(issuerUrl))))
        return configError(QStringLiteral("issuer: use o endereço https:// do provedor (http:// só em "
                                          "127.0.0.1, para testes)."));
    if (clientId.isEmpty())
        return configError(QStringLiteral("clientId: obrigatório (o ID do aplicativo no provedor)."));
    if (!publicUrl.isValid() || publicUrl.host().isEmpty()
        || (publicUrl.scheme() != QLatin1String("https") && publicUrl.scheme() != QLatin1String("http")))
        return makeError(QStringLiteral("config"),
            QStringLiteral("[server] publicUrl: obrigatório com [oidc] (o endereço que os navegadores "
                           "usam, como https://clinico.clinica.example/)."));
    if (!scopes.split(u' ', Qt::SkipEmptyParts).contains(QLatin1String("openid")))
        return configError(QStringLiteral("scopes: precisa conter openid."));
    if (roleClaim.isEmpty() || (adminGroups.isEmpty() && doctorGroups.isEmpty() && attendantGroups.isEmpty()))
        return configError(QStringLiteral("roleClaim e ao menos um de adminGroups, doctorGroups, "
                                          "attendantGroups: sem eles ninguém entra pelo provedor."));
    if (!localLoginForEveryone && breakGlassUser.isEmpty())
        return configError(QStringLiteral("localLogin=breakglass-only pede breakGlassUser (o administrador "
                                          "que ainda entra com senha se o provedor cair)."));
    if (clientSecretFile.isEmpty())
        return Ok {};
    // A secret anyone on the machine can read is no secret: refuse it, as the patient keys are.
    const QFileInfo info(clientSecretFile);
    if (info.exists() && (info.permissions() & (QFileDevice::ReadOther | QFileDevice::WriteOther)))
        return configError(QStringLiteral("clientSecretFile %1 pode ser lido por qualquer usuário: use "
                                          "chmod 600 (ou 640 com o grupo do serviço).")
                               .arg(clientSecretFile));
    QFile file(clientSecretFile);
    if (!file.open(QIODevice::ReadOnly))
        return configError(QStringLiteral("não consegui ler clientSecretFile %1.").arg(clientSecretFile));
    clientSecret = file.read(4096).trimmed();
    if (clientSecret.isEmpty())
        return configError(QStringLiteral("clientSecretFile %1 está vazio.").arg(clientSecretFile));
    return Ok {};
}

} // namespace clinico::server::oidc
