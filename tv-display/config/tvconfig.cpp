// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/tvconfig.h"

#include <QCommandLineParser>

namespace clinico::tv {

namespace {
const QString kDefaultConfigFile = QStringLiteral("/etc/clinico/tv.conf");

Error invalid(const QString &key, const QString &value, const QString &expected)
{
    return makeError(QStringLiteral("invalid_config"),
        QStringLiteral("Configuração inválida: %1=%2 (esperado: %3)").arg(key, value, expected));
}

} // namespace

Result<QSet<qint64>> CallFilter::parseIds(const QString &text)
{
    QSet<qint64> ids;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = part.trimmed().toLongLong(&ok);
        if (!ok || id <= 0)
            return makeError(QStringLiteral("invalid_id"),
                QStringLiteral("Identificador inválido: \"%1\"").arg(part.trimmed()));
        ids.insert(id);
    }
    return ids;
}

Result<QuietHours> QuietHours::parse(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QuietHours {};
    const QStringList parts = t.split(u'-');
    if (parts.size() != 2)
        return makeError(
            QStringLiteral("invalid_quiet_hours"), QStringLiteral("Horário de silêncio inválido: %1").arg(t));
    QuietHours q { QTime::fromString(parts[0].trimmed(), QStringLiteral("H:mm")),
        QTime::fromString(parts[1].trimmed(), QStringLiteral("H:mm")) };
    if (!q.start.isValid() || !q.end.isValid())
        return makeError(
            QStringLiteral("invalid_quiet_hours"), QStringLiteral("Horário de silêncio inválido: %1").arg(t));
    return q;
}

const QList<ConfigKey> &TvConfig::keys()
{
    static const QList<ConfigKey> k {
        { "server/url", "server", "Queue server URL, e.g. http://10.0.0.2:8080", "url" },
        { "server/token", "token", "This TV's device token", "token" },
        { "data/dir", "data-dir", "Where the offline cache lives", "dir" },
        { "display/windowed", "windowed", "A window instead of fullscreen (development)", "" },
        { "display/layout", "layout", "auto, landscape or portrait", "layout" },
        { "display/language", "language", "pt_BR (default), en or es", "lang" },
        { "display/history", "history", "Previous calls shown (6 to 9)", "n" },
        { "display/services", "services", "Show only these service ids (comma-separated)", "ids" },
        { "display/counters", "counters", "Show only these counter ids (comma-separated)", "ids" },
        { "display/highlightSeconds", "highlight-seconds", "How long a new call stays highlighted", "s" },
        { "display/offlineSignAfterSeconds", "offline-after", "Seconds offline before the sign shows", "s" },
        { "sound/volume", "volume", "0 to 100", "n" },
        { "sound/quietHours", "quiet-hours", "No chime nor speech in this window, e.g. 22:00-07:00",
            "from-to" },
        { "sound/speech", "speech", "Speak the calls (true/false)", "bool" },
        { "sound/chime", "chime", "Chime before a call (true/false)", "bool" },
        { "sound/engine", "speech-engine", "Qt TextToSpeech engine (speechd has pt_BR)", "engine" },
        { "sound/chimeDevice", "chime-device", "ALSA device for the chime", "pcm" },
        { "sound/voiceProgram", "voice-program",
            "The voice process (default: clinico-voice beside clinico-tv)", "path" },
        { "announce/maxAgeSeconds", "max-age", "Calls older than this are not announced late", "s" },
        { "device/statusIntervalSeconds", "status-interval", "How often to report to the server", "s" },
    };
    return k;
}

void TvConfig::addOptions(QCommandLineParser &parser)
{
    ConfigSource::addOptions(parser, std::span<const ConfigKey>(keys().constData(), size_t(keys().size())));
}

Result<TvConfig> TvConfig::fromCommandLine(const QCommandLineParser &parser)
{
    auto source = ConfigSource::open(parser, kDefaultConfigFile);
    if (!source)
        return source.error();
    QHash<QString, QString> values;
    for (const ConfigKey &k : keys()) {
        if (source->contains(k))
            values.insert(QString::fromLatin1(k.ini), source->value(k, QString()));
    }
    return fromValues(values);
}

Result<TvConfig> TvConfig::fromValues(const QHash<QString, QString> &values)
{
    TvConfig c;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &key = it.key();
        const QString v = it.value().trimmed();
        bool ok = true;
        auto toInt = [&](int min, int max) {
            const int n = v.toInt(&ok);
            ok = ok && n >= min && n <= max;
            return n;
        };
        if (key == QLatin1String("server/url")) {
            c.serverUrl = QUrl(v);
            ok = c.serverUrl.isValid()
                && (c.serverUrl.scheme() == QLatin1String("http")
                    || c.serverUrl.scheme() == QLatin1String("https"));
        } else if (key == QLatin1String("server/token")) {
            c.token = v;
        } else if (key == QLatin1String("data/dir")) {
            c.dataDir = v;
        } else if (key == QLatin1String("display/windowed")) {
            c.windowed = ConfigSource::parseBool(v, &ok);
        } else if (key == QLatin1String("display/layout")) {
            c.layout = v;
            ok = v == QLatin1String("auto") || v == QLatin1String("landscape")
                || v == QLatin1String("portrait");
        } else if (key == QLatin1String("display/language")) {
            c.language = v;
        } else if (key == QLatin1String("display/history")) {
            c.historySize = toInt(1, 12);
        } else if (key == QLatin1String("display/services") || key == QLatin1String("display/counters")) {
            auto ids = CallFilter::parseIds(v);
            if (!ids)
                return invalid(key, v, QStringLiteral("números separados por vírgula"));
            (key.endsWith(QLatin1String("services")) ? c.filter.serviceIds : c.filter.counterIds) = *ids;
        } else if (key == QLatin1String("display/highlightSeconds")) {
            c.highlightSeconds = toInt(0, 60);
        } else if (key == QLatin1String("display/offlineSignAfterSeconds")) {
            c.offlineSignAfterSeconds = toInt(0, 3600);
        } else if (key == QLatin1String("sound/volume")) {
            c.volume = toInt(0, 100);
        } else if (key == QLatin1String("sound/quietHours")) {
            auto q = QuietHours::parse(v);
            if (!q)
                return invalid(key, v, QStringLiteral("HH:MM-HH:MM"));
            c.quietHours = *q;
        } else if (key == QLatin1String("sound/speech")) {
            c.speech = ConfigSource::parseBool(v, &ok);
        } else if (key == QLatin1String("sound/chime")) {
            c.chime = ConfigSource::parseBool(v, &ok);
        } else if (key == QLatin1String("sound/engine")) {
            c.speechEngine = v;
        } else if (key == QLatin1String("sound/chimeDevice")) {
            c.chimeDevice = v;
        } else if (key == QLatin1String("sound/voiceProgram")) {
            c.voiceProgram = v;
        } else if (key == QLatin1String("announce/maxAgeSeconds")) {
            c.maxAnnounceAgeSeconds = toInt(0, 24 * 3600);
        } else if (key == QLatin1String("device/statusIntervalSeconds")) {
            c.statusIntervalSeconds = toInt(5, 24 * 3600);
        }
        if (!ok)
            return invalid(key, v, QStringLiteral("um valor válido"));
    }
    return c;
}

} // namespace clinico::tv
