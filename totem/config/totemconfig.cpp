// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/totemconfig.h"

#include "core/configsource.h"
#include "ticket/ticketcode.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace clinico::totem {

namespace {
constexpr ConfigKey kServer { "server/url", "server", "Queue server URL.", "url" };
constexpr ConfigKey kToken { "server/token", "token", "This totem's device token.", "token" };
constexpr ConfigKey kCaFile { "server/caFile", "ca-file", "Trust only this CA bundle.", "file" };
constexpr ConfigKey kPin { "server/pinnedPublicKey", "pinned-public-key", "sha256//... public key pin.",
    "pin" };
constexpr ConfigKey kOnlineTimeout { "server/onlineTimeoutMs", "online-timeout-ms",
    "Wait this long for the server before issuing offline.", "ms" };
constexpr ConfigKey kLeaseSize { "server/leaseSize", "lease-size", "Numbers leased per service and class.",
    "n" };
constexpr ConfigKey kDeviceTag { "totem/deviceTag", "device-tag",
    "Short tag (T1) for fallback offline codes.", "tag" };
constexpr ConfigKey kDataDir { "totem/dataDir", "data-dir", "Directory for the outbox and cache.", "dir" };
constexpr ConfigKey kOrientation { "display/orientation", "orientation", "auto, portrait or landscape.",
    "o" };
constexpr ConfigKey kLanguage { "display/language", "language", "pt_BR, en or es.", "lang" };
constexpr ConfigKey kIdle { "display/idleTimeoutS", "idle-timeout", "Back to the start after this idle time.",
    "s" };
constexpr ConfigKey kTicketScreen { "display/ticketScreenS", "ticket-screen",
    "Seconds the ticket stays shown.", "s" };
constexpr ConfigKey kMaintenancePin { "display/maintenancePin", "maintenance-pin", "PIN of the staff screen.",
    "pin" };
constexpr ConfigKey kClinicName { "display/clinicName", "clinic-name",
    "Name shown until the server's is known.", "name" };
constexpr ConfigKey kPrinterQueue { "printer/queue", "printer", "CUPS queue of the ticket printer.",
    "queue" };
constexpr ConfigKey kPrinterOutput { "printer/output", "printer-output", "escpos (80 mm thermal) or pdf.",
    "kind" };
constexpr ConfigKey kCupsServer { "printer/cupsServer", "cups-server", "CUPS server (host:port or socket).",
    "server" };
constexpr ConfigKey kHeadphones { "audio/headphones", "headphones",
    "The audio guide plays in headphones (a kiosk with a jack): the CPF digits are read back.", "bool" };
constexpr ConfigKey kVolume { "audio/volume", "volume", "Volume of the audio guide, 0 to 100.", "percent" };
constexpr ConfigKey kVoiceProgram { "audio/voiceProgram", "voice-program",
    "The voice process (default: clinico-voice beside clinico-totem).", "path" };
constexpr ConfigKey kAll[] = { kServer, kToken, kCaFile, kPin, kOnlineTimeout, kLeaseSize, kDeviceTag,
    kDataDir, kOrientation, kLanguage, kIdle, kTicketScreen, kMaintenancePin, kClinicName, kPrinterQueue,
    kPrinterOutput, kCupsServer, kHeadphones, kVolume, kVoiceProgram };

Error invalid(const QString &what)
{
    return makeError(
        QStringLiteral("config"), QStringLiteral("Configuração do totem inválida: %1").arg(what));
}
} // namespace

void TotemConfig::addOptions(QCommandLineParser &parser)
{
    ConfigSource::addOptions(parser, kAll);
    parser.addOption(
        { QStringLiteral("windowed"), QStringLiteral("Run in a window (development), not fullscreen.") });
}

Result<TotemConfig> TotemConfig::load(const QCommandLineParser &parser)
{
    auto source = ConfigSource::open(parser, QStringLiteral("/etc/clinico/totem.conf"));
    if (!source)
        return source.error();
    TotemConfig c;
    c.serverUrl = QUrl(source->value(kServer, c.serverUrl.toString()));
    if (!c.serverUrl.isValid() || !c.serverUrl.scheme().startsWith(u"http"))
        return invalid(QStringLiteral("endereço do servidor (%1)").arg(c.serverUrl.toString()));
    c.token = source->value(kToken, {});
    c.caFile = source->value(kCaFile, {});
    c.pinnedPublicKey = source->value(kPin, {});
    bool ok = true;
    c.onlineTimeoutMs = source->intValue(kOnlineTimeout, c.onlineTimeoutMs, &ok);
    if (!ok || c.onlineTimeoutMs < 200)
        return invalid(QStringLiteral("onlineTimeoutMs"));
    c.leaseSize = source->intValue(kLeaseSize, c.leaseSize, &ok);
    if (!ok || c.leaseSize < 0 || c.leaseSize > 500)
        return invalid(QStringLiteral("leaseSize"));
    c.deviceTag = source->value(kDeviceTag, c.deviceTag);
    if (!QRegularExpression(QStringLiteral("^[A-Z0-9]{1,4}$")).match(c.deviceTag).hasMatch())
        return invalid(QStringLiteral("deviceTag (1 a 4 letras maiúsculas ou dígitos)"));
    c.dataDir = source->value(kDataDir, c.dataDir);
    c.orientation = source->value(kOrientation, c.orientation);
    if (!QStringList { QStringLiteral("auto"), QStringLiteral("portrait"), QStringLiteral("landscape") }
             .contains(c.orientation))
        return invalid(QStringLiteral("orientation"));
    c.language = source->value(kLanguage, c.language);
    c.idleTimeoutS = source->intValue(kIdle, c.idleTimeoutS, &ok);
    if (!ok || c.idleTimeoutS < 5)
        return invalid(QStringLiteral("idleTimeoutS"));
    c.ticketScreenS = source->intValue(kTicketScreen, c.ticketScreenS, &ok);
    if (!ok || c.ticketScreenS < 3)
        return invalid(QStringLiteral("ticketScreenS"));
    c.maintenancePin = source->value(kMaintenancePin, c.maintenancePin);
    c.clinicName = source->value(kClinicName, c.clinicName);
    c.printer.queue = source->value(kPrinterQueue, {});
    c.printer.kind
        = printing::outputKindFromString(source->value(kPrinterOutput, QStringLiteral("escpos")), &ok);
    if (!ok)
        return invalid(QStringLiteral("printer/output (escpos ou pdf)"));
    c.printer.cupsServer = source->value(kCupsServer, {});
    c.headphones = source->boolValue(kHeadphones, c.headphones, &ok);
    if (!ok)
        return invalid(QStringLiteral("audio/headphones (true ou false)"));
    c.volume = source->intValue(kVolume, c.volume, &ok);
    if (!ok || c.volume < 0 || c.volume > 100)
        return invalid(QStringLiteral("audio/volume (0 a 100)"));
    c.voiceProgram = source->value(kVoiceProgram, {});
    c.windowed = parser.isSet(QStringLiteral("windowed"));
    return c;
}

} // namespace clinico::totem
