// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "printing/ticketprinter.h"

#include <QString>
#include <QTime>
#include <QUrl>

class QCommandLineParser;

namespace clinico::totem {

// /etc/clinico/totem.conf (INI) with a command-line override for every key.
struct TotemConfig
{
    QUrl serverUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    QString token;
    QString deviceTag = QStringLiteral("T1"); // in fallback codes: "CN-T1-001"
    QString dataDir = QStringLiteral("/var/lib/clinico-totem");
    printing::PrinterConfig printer;
    QString orientation = QStringLiteral("auto"); // auto, portrait, landscape
    QString language = QStringLiteral("pt_BR"); // pt_BR, en, es
    int idleTimeoutS = 30;
    int ticketScreenS = 10;
    QString maintenancePin = QStringLiteral("2468");
    int onlineTimeoutMs = 1500; // after this the totem issues the ticket itself
    int leaseSize = 10;
    QString caFile;
    QString pinnedPublicKey;
    bool windowed = false;
    QString clinicName = QStringLiteral("Clínica"); // until the server's settings are known
    // The audio guide: headphones (a jack, no loudspeaker) may hear the CPF digits read back.
    bool headphones = false;
    int volume = 80; // 0..100
    QString voiceProgram; // empty: clinico-voice next to this program

    QString outboxPath() const { return dataDir + QStringLiteral("/totem.sqlite"); }

    static void addOptions(QCommandLineParser &parser);
    static Result<TotemConfig> load(const QCommandLineParser &parser);
};

} // namespace clinico::totem
