// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/serverconfig.h"

#include "core/configsource.h"

#include <QCommandLineParser>
#include <QHostAddress>

namespace clinico::server {

namespace {
const QString kDefaultConfigPath = QStringLiteral("/etc/clinico/server.conf");

constexpr ConfigKey kListen { "server/listen", "listen", "Address to listen on.", "address" };
constexpr ConfigKey kPort { "server/port", "port", "TCP port (0: any free port).", "port" };
constexpr ConfigKey kDataDir { "server/dataDir", "data-dir", "Directory for the database.", "dir" };
constexpr ConfigKey kDatabase { "server/database", "database",
    "Where the data lives: sqlite:DIR (default: sqlite:DATADIR) or postgresql://user@host:port/db.",
    "address" };
constexpr ConfigKey kResetTime { "day/resetTime", "reset-time", "Daily reset, local time (HH:mm).", "time" };
constexpr ConfigKey kTimeZone { "day/timeZone", "time-zone", "IANA time zone of the clinic.", "zone" };
constexpr ConfigKey kPortFile { "server/portFile", "port-file", "Write the port here once listening.",
    "file" };
constexpr ConfigKey kHeaderTimeout { "server/headerTimeoutS", "header-timeout",
    "A request's headers must arrive within this many seconds (else 408).", "seconds" };
constexpr ConfigKey kIdleTimeout { "server/idleTimeoutS", "idle-timeout",
    "Close a connection idle this many seconds.", "seconds" };
constexpr ConfigKey kMaxPerAddress { "server/maxConnectionsPerAddress", "max-connections-per-address",
    "Open connections one remote address may hold.", "count" };
constexpr ConfigKey kMaxPerLoopback { "server/maxConnectionsPerLoopbackAddress",
    "max-connections-per-loopback-address", "The same for 127.x.x.x and ::1 (a local reverse proxy).",
    "count" };
constexpr ConfigKey kTrustedProxies { "server/trustedProxies", "trusted-proxy",
    "Reverse proxies (addresses or CIDR blocks, comma-separated) whose X-Forwarded-For names the "
    "client; their connections are not capped per address.",
    "addresses" };
constexpr ConfigKey kPatientKeyFile { "privacy/patientKeyFile", "patient-key-file",
    "Key file sealing the patient registry (default: DATADIR/keys/patient.keys).", "file" };
constexpr ConfigKey kEventThreads { "server/eventThreads", "event-threads",
    "Threads writing to event-stream subscribers (default 2; thousands of TVs: one per core).", "count" };
constexpr ConfigKey kPublicUrl { "server/publicUrl", "public-url",
    "The address browsers use (https://... behind a reverse proxy): the sign-in redirect and the "
    "cookie's Secure flag follow it.",
    "url" };
constexpr ConfigKey kOidcIssuer { "oidc/issuer", "oidc-issuer",
    "Staff sign-in with this OpenID Connect provider (its issuer URL).", "url" };
constexpr ConfigKey kOidcClientId { "oidc/clientId", "oidc-client-id", "Clinico's client ID at the provider.",
    "id" };
constexpr ConfigKey kOidcSecretFile { "oidc/clientSecretFile", "oidc-client-secret-file",
    "File holding the client secret (not world-readable).", "file" };
constexpr ConfigKey kOidcScopes { "oidc/scopes", "oidc-scopes", "Scopes asked for (with openid).", "scopes" };
constexpr ConfigKey kOidcDisplayName { "oidc/displayName", "oidc-display-name",
    "The provider's name on the login button.", "name" };
constexpr ConfigKey kOidcRoleClaim { "oidc/roleClaim", "oidc-role-claim",
    "ID token claim with the person's groups or roles.", "claim" };
constexpr ConfigKey kOidcAdminGroups { "oidc/adminGroups", "oidc-admin-groups",
    "Provider groups whose members are admins (comma-separated).", "groups" };
constexpr ConfigKey kOidcDoctorGroups { "oidc/doctorGroups", "oidc-doctor-groups",
    "Provider groups whose members are doctors.", "groups" };
constexpr ConfigKey kOidcAttendantGroups { "oidc/attendantGroups", "oidc-attendant-groups",
    "Provider groups whose members are attendants.", "groups" };
constexpr ConfigKey kOidcUnitGroups { "oidc/unitGroups", "oidc-unit-groups",
    "Several clinics: each unit's provider groups, as unit:group pairs (comma-separated).", "unit:group" };
constexpr ConfigKey kOidcLocalLogin { "oidc/localLogin", "oidc-local-login",
    "Password logins: on, or breakglass-only (only breakGlassUser).", "on|breakglass-only" };
constexpr ConfigKey kOidcBreakGlassUser { "oidc/breakGlassUser", "oidc-break-glass-user",
    "The admin who still logs in with a password when local logins are off.", "username" };
constexpr ConfigKey kAll[]
    = { kListen, kPort, kDataDir, kDatabase, kResetTime, kTimeZone, kPortFile, kHeaderTimeout, kIdleTimeout,
          kMaxPerAddress, kMaxPerLoopback, kTrustedProxies, kPatientKeyFile, kPublicUrl, kOidcIssuer,
          kOidcClientId, kOidcSecretFile, kOidcScopes, kOidcDisplayName, kOidcRoleClaim, kOidcAdminGroups,
          kOidcDoctorGroups, kOidcAttendantGroups, kOidcUnitGroups, kOidcLocalLogin, kOidcBreakGlassUser,
          kEventThreads };

QStringList listValue(const ConfigSource &source, const ConfigKey &key)
{
    QStringList out;
    for (const QString &item : source.value(key, QString()).split(u',', Qt::SkipEmptyParts)) {
        if (!item.trimmed().isEmpty())
            out << item.trimmed();
    }
    return out;
}

Result<oidc::OidcSettings> loadOidc(const ConfigSource &source, const QUrl &publicUrl)
{
    oidc::OidcSettings o;
    auto value = [&](const ConfigKey &k, const QString &fallback) { return source.value(k, fallback); };
    o.issuer = value(kOidcIssuer, QString());
    o.clientId = value(kOidcClientId, QString());
    o.clientSecretFile = value(kOidcSecretFile, QString());
    o.scopes = value(kOidcScopes, o.scopes).simplified();
    o.displayName = value(kOidcDisplayName, o.displayName).simplified();
    o.roleClaim = value(kOidcRoleClaim, o.roleClaim).trimmed();
    o.adminGroups = listValue(source, kOidcAdminGroups);
    o.doctorGroups = listValue(source, kOidcDoctorGroups);
    o.attendantGroups = listValue(source, kOidcAttendantGroups);
    for (const QString &pair : listValue(source, kOidcUnitGroups)) {
        const qsizetype colon = pair.indexOf(u':');
        bool ok = false;
        const qint64 unit = colon > 0 ? pair.left(colon).trimmed().toLongLong(&ok) : 0;
        const QString group = pair.mid(colon + 1).trimmed();
        if (!ok || unit < 1 || group.isEmpty() || o.unitGroups.contains(group))
            return makeError(QStringLiteral("config"),
                QStringLiteral("[oidc] unitGroups: '%1' não é unidade:grupo (cada grupo de uma unidade só), "
                               "por exemplo 2: equipe-manaus.")
                    .arg(pair));
        o.unitGroups.insert(group, unit);
    }
    const QString localLogin = value(kOidcLocalLogin, QStringLiteral("on"));
    if (localLogin != QLatin1String("on") && localLogin != QLatin1String("breakglass-only"))
        return makeError(
            QStringLiteral("config"), QStringLiteral("[oidc] localLogin: use on ou breakglass-only."));
    o.localLoginForEveryone = localLogin == QLatin1String("on");
    o.breakGlassUser = value(kOidcBreakGlassUser, QString()).trimmed();
    if (Status s = o.finish(publicUrl); !s)
        return s.error();
    return o;
}
} // namespace

QString ServerConfig::patientKeyPath() const
{
    if (!patientKeyFile.isEmpty())
        return patientKeyFile;
    const QString dir = database.engine() == DatabaseAddress::Engine::Sqlite ? database.sqliteDir() : dataDir;
    return dir + QStringLiteral("/keys/patient.keys");
}

void ServerConfig::addOptions(QCommandLineParser &parser)
{
    ConfigSource::addOptions(parser, kAll);
}

Result<ServerConfig> ServerConfig::load(const QCommandLineParser &parser)
{
    auto source = ConfigSource::open(parser, kDefaultConfigPath);
    if (!source)
        return source.error();
    auto value = [&](const ConfigKey &k, const QString &fallback) { return source->value(k, fallback); };

    ServerConfig c;
    c.listenAddress = value(kListen, c.listenAddress);
    if (QHostAddress(c.listenAddress).isNull())
        return makeError(
            QStringLiteral("config"), QStringLiteral("Endereço inválido: %1").arg(c.listenAddress));
    bool ok = false;
    const uint port = value(kPort, QString::number(c.port)).toUInt(&ok);
    if (!ok || port > 65535)
        return makeError(QStringLiteral("config"), QStringLiteral("Porta inválida."));
    c.port = quint16(port);
    c.dataDir = value(kDataDir, c.dataDir);
    const QString database = value(kDatabase, QString());
    if (database.isEmpty()) {
        c.database = DatabaseAddress::sqliteIn(c.dataDir);
    } else {
        auto address = DatabaseAddress::parse(database);
        if (!address)
            return address.error();
        c.database = *address;
    }
    c.resetTime = QTime::fromString(value(kResetTime, QStringLiteral("00:00")), QStringLiteral("HH:mm"));
    if (!c.resetTime.isValid())
        return makeError(QStringLiteral("config"), QStringLiteral("Horário de virada inválido (use HH:mm)."));
    c.timeZone = value(kTimeZone, QString::fromLatin1(c.timeZone)).toLatin1();
    c.portFile = value(kPortFile, QString());
    c.patientKeyFile = value(kPatientKeyFile, QString());
    const auto positive = [&](const ConfigKey &k, int fallback) -> Result<int> {
        bool isNumber = false;
        const int n = source->intValue(k, fallback, &isNumber);
        if (!isNumber || n < 1)
            return makeError(QStringLiteral("config"),
                QStringLiteral("%1: use um número inteiro maior que zero.").arg(QLatin1String(k.ini)));
        return n;
    };
    ConnectionPolicy &p = c.connections;
    const auto header = positive(kHeaderTimeout, int(p.headerTimeout.count()));
    const auto idle = positive(kIdleTimeout, int(p.idleTimeout.count()));
    const auto perAddress = positive(kMaxPerAddress, p.maxPerAddress);
    const auto perLoopback = positive(kMaxPerLoopback, p.maxPerLoopbackAddress);
    const auto eventThreads = positive(kEventThreads, c.eventThreads);
    for (const Result<int> *r : { &header, &idle, &perAddress, &perLoopback, &eventThreads }) {
        if (!*r)
            return r->error();
    }
    p = { std::chrono::seconds(*header), std::chrono::seconds(*idle), *perAddress, *perLoopback };
    c.eventThreads = std::min(*eventThreads, 64);
    auto trusted = TrustedProxies::parse(listValue(*source, kTrustedProxies));
    if (!trusted)
        return trusted.error();
    c.trustedProxies = *trusted;
    const QString publicUrl = value(kPublicUrl, QString());
    if (!publicUrl.isEmpty()) {
        // Relative paths (oidc/callback, desk/) resolve below it: it ends with a slash.
        c.publicUrl = QUrl(publicUrl.endsWith(u'/') ? publicUrl : publicUrl + u'/');
        if (!c.publicUrl.isValid() || c.publicUrl.host().isEmpty())
            return makeError(QStringLiteral("config"),
                QStringLiteral("[server] publicUrl inválido: %1 (use https://endereço/).").arg(publicUrl));
    }
    auto oidc = loadOidc(*source, c.publicUrl);
    if (!oidc)
        return oidc.error();
    c.oidc = *oidc;
    return c;
}

} // namespace clinico::server
