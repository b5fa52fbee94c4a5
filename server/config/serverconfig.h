// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "oidc/oidcsettings.h"
#include "storage/databaseaddress.h"
#include "transport/guardedtcpserver.h"
#include "transport/trustedproxies.h"

#include <QByteArray>
#include <QString>
#include <QTime>
#include <QUrl>

class QCommandLineParser;

namespace clinico::server {

// The process configuration: an INI file (/etc/clinico/server.conf by default) with
// command-line overrides. Clinic settings that staff change (clinic name, interleave N,
// notice...) live in the database instead, so the admin console can change them.
struct ServerConfig
{
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    // Files of the server's own (the patient key, demo tokens), and the SQLite database unless
    // `database` says otherwise.
    QString dataDir = QStringLiteral("/var/lib/clinico");
    DatabaseAddress database = DatabaseAddress::sqliteIn(dataDir);
    QTime resetTime = QTime(0, 0);
    QByteArray timeZone = "America/Sao_Paulo";
    QString portFile; // written once listening (tests use --port 0)
    QString patientKeyFile; // empty: keys/patient.keys beside the SQLite file, else in dataDir
    ConnectionPolicy connections;
    // Reverse proxies whose X-Forwarded-For names the client (transport/trustedproxies.h).
    TrustedProxies trustedProxies;
    // Threads writing to event-stream subscribers (TVs, desks, phones), beside the main one.
    int eventThreads = 2;
    // The address browsers use, with a trailing slash; empty: whatever they used (plain HTTP
    // on the clinic's network). https:// makes the session cookie Secure.
    QUrl publicUrl;
    oidc::OidcSettings oidc;

    // The patient registry's key file (patientKeyFile, or its default).
    QString patientKeyPath() const;

    static void addOptions(QCommandLineParser &parser);
    // INI first (the --config file, else the default path if it exists), then the flags.
    static Result<ServerConfig> load(const QCommandLineParser &parser);
};

} // namespace clinico::server
