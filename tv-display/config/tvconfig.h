// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "announce/quiethours.h"
#include "core/configsource.h"
#include "core/result.h"
#include "feed/callfilter.h"

#include <QStringList>
#include <QUrl>

class QCommandLineParser;

namespace clinico::tv {

// Everything a TV needs to know about itself: /etc/clinico/tv.conf (QSettings INI), every key
// overridable by the command-line flag of the same name (TvConfig::keys() is the one table).
struct TvConfig
{
    QUrl serverUrl;
    QString token;
    QString dataDir = QStringLiteral("/var/lib/clinico-tv");
    bool windowed = false;
    QString layout = QStringLiteral("auto"); // auto, landscape, portrait
    QString language = QStringLiteral("pt_BR");
    int historySize = 6; // rows of previous calls (6 reads well from 8 m)
    CallFilter filter;
    int volume = 80; // 0..100
    QuietHours quietHours; // no chime, no speech (the screen still shows)
    bool speech = true;
    bool chime = true;
    QString speechEngine = QStringLiteral("speechd");
    QString chimeDevice = QStringLiteral("default"); // ALSA PCM
    QString voiceProgram; // empty: clinico-voice next to this program
    int maxAnnounceAgeSeconds = 120; // older calls go to the history silently
    int highlightSeconds = 6; // a new call stays highlighted at least this long
    int offlineSignAfterSeconds = 10;
    int statusIntervalSeconds = 30; // the admin view calls a kiosk silent after 2 min without news

    static const QList<ConfigKey> &keys();

    static void addOptions(QCommandLineParser &parser);
    // Defaults, then the file (--config or /etc/clinico/tv.conf if present), then the flags.
    static Result<TvConfig> fromCommandLine(const QCommandLineParser &parser);
    static Result<TvConfig> fromValues(const QHash<QString, QString> &values);
};

} // namespace clinico::tv
