// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/serverconfig.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QHostAddress>
#include <QSettings>

namespace clinico::server {

namespace {
const QString kDefaultConfigPath = QStringLiteral("/etc/clinico/server.conf");

// One definition of each key: [INI key, command-line option].
struct Key
{
    const char *ini;
    const char *option;
    const char *help;
    const char *valueName;
};
constexpr Key kListen { "server/listen", "listen", "Address to listen on.", "address" };
constexpr Key kPort { "server/port", "port", "TCP port (0: any free port).", "port" };
constexpr Key kDataDir { "server/dataDir", "data-dir", "Directory for the database.", "dir" };
constexpr Key kResetTime { "day/resetTime", "reset-time", "Daily reset, local time (HH:mm).", "time" };
constexpr Key kTimeZone { "day/timeZone", "time-zone", "IANA time zone of the clinic.", "zone" };
constexpr Key kPortFile { "server/portFile", "port-file", "Write the port here once listening.", "file" };
constexpr Key kAll[] = { kListen, kPort, kDataDir, kResetTime, kTimeZone, kPortFile };
} // namespace

void ServerConfig::addOptions(QCommandLineParser &parser)
{
    parser.addOption({ QStringLiteral("config"), QStringLiteral("INI configuration file."), QStringLiteral("file") });
    for (const Key &k : kAll)
        parser.addOption({ QString::fromLatin1(k.option), QString::fromLatin1(k.help), QString::fromLatin1(k.valueName) });
}

Result<ServerConfig> ServerConfig::load(const QCommandLineParser &parser)
{
    QString path = parser.value(QStringLiteral("config"));
    if (path.isEmpty() && QFileInfo::exists(kDefaultConfigPath))
        path = kDefaultConfigPath;
    if (!path.isEmpty() && !QFileInfo(path).isReadable())
        return makeError(QStringLiteral("config"), QStringLiteral("Não consigo ler o arquivo de configuração %1.").arg(path));

    auto value = [&](const Key &k, const QString &fallback) {
        const QString option = QString::fromLatin1(k.option);
        if (parser.isSet(option))
            return parser.value(option);
        if (!path.isEmpty())
            return QSettings(path, QSettings::IniFormat).value(QString::fromLatin1(k.ini), fallback).toString();
        return fallback;
    };

    ServerConfig c;
    c.listenAddress = value(kListen, c.listenAddress);
    if (QHostAddress(c.listenAddress).isNull())
        return makeError(QStringLiteral("config"), QStringLiteral("Endereço inválido: %1").arg(c.listenAddress));
    bool ok = false;
    const uint port = value(kPort, QString::number(c.port)).toUInt(&ok);
    if (!ok || port > 65535)
        return makeError(QStringLiteral("config"), QStringLiteral("Porta inválida."));
    c.port = quint16(port);
    c.dataDir = value(kDataDir, c.dataDir);
    c.resetTime = QTime::fromString(value(kResetTime, QStringLiteral("00:00")), QStringLiteral("HH:mm"));
    if (!c.resetTime.isValid())
        return makeError(QStringLiteral("config"), QStringLiteral("Horário de virada inválido (use HH:mm)."));
    c.timeZone = value(kTimeZone, QString::fromLatin1(c.timeZone)).toLatin1();
    c.portFile = value(kPortFile, QString());
    return c;
}

} // namespace clinico::server
