// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/tvapp.h"

#include "announce/announcementqueue.h"
#include "announce/voiceprocess.h"
#include "app/tvdisplay.h"
#include "device/statusreporter.h"
#include "feed/cachewriter.h"
#include "feed/callfeed.h"
#include "net/eventstreamclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTvApp, "clinico.tv.app")

namespace clinico::tv {

using namespace clinico::protocol;

TvApp::TvApp(TvConfig config)
    : TvApp(std::move(config), Seams {})
{ }

TvApp::TvApp(TvConfig config, Seams seams, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(seams.clock ? *seams.clock : m_systemClock)
    , m_health(m_config.dataDir)
{
    voice::Announcer *announcer = seams.announcer;
    if (!announcer && (m_config.speech || m_config.chime)) {
        m_voice = std::make_unique<voice::VoiceProcess>(voice::VoiceProcess::Options {
            m_config.voiceProgram.isEmpty() ? voice::VoiceProcess::defaultProgram() : m_config.voiceProgram,
            { QStringLiteral("--engine"), m_config.speechEngine, QStringLiteral("--chime-device"),
                m_config.chimeDevice } });
        announcer = m_voice.get();
    }
    m_cache = std::make_unique<CacheWriter>();
    m_feed = std::make_unique<CallFeed>(m_cache.get(), m_clock,
        CallFeed::Options { m_config.filter, qint64(m_config.maxAnnounceAgeSeconds) * 1000,
            std::max(30, m_config.historySize + 1) });

    AnnouncementQueue::Options q;
    q.speech = m_config.speech;
    q.chime = m_config.chime;
    q.volume = m_config.volume / 100.0;
    q.quietHours = m_config.quietHours;
    q.minPresentMs = m_config.highlightSeconds * 1000;
    if (seams.announceDeadlineMs > 0) {
        q.watchdogBaseMs = seams.announceDeadlineMs;
        q.watchdogPerCharMs = 0;
    }
    m_queue = std::make_unique<AnnouncementQueue>(announcer, m_clock, q);
    connect(m_feed.get(), &CallFeed::announceRequested, m_queue.get(), &AnnouncementQueue::enqueue);
    connect(m_feed.get(), &CallFeed::callsReset, m_queue.get(), [this] {
        if (m_feed->calls().isEmpty())
            m_queue->clear(); // the day was reset
    });

    m_display = std::make_unique<TvDisplay>(m_clock,
        TvDisplay::Options { m_config.historySize, m_config.layout, m_config.offlineSignAfterSeconds * 1000,
            m_config.windowed, m_config.language });
    m_display->attach(m_feed.get(), m_queue.get());

    EventStreamClient::Options o;
    o.serverUrl = m_config.serverUrl;
    o.token = m_config.token;
    o.initialBackoffMs = seams.reconnectInitialMs;
    o.maxBackoffMs = seams.reconnectMaxMs;
    m_stream = std::make_unique<EventStreamClient>(o);
    connect(m_stream.get(), &EventStreamClient::snapshotReceived, m_feed.get(), &CallFeed::applySnapshot);
    connect(m_stream.get(), &EventStreamClient::eventReceived, m_feed.get(), &CallFeed::applyEvent);
    connect(m_stream.get(), &EventStreamClient::helloReceived, this,
        [this](const Hello &hello) { m_feed->setServerClockOffsetMs(hello.serverTimeMs - m_clock.nowMs()); });
    connect(m_stream.get(), &EventStreamClient::rejected, this, [this](const QString &why) {
        qCWarning(lcTvApp) << "the server refused this TV's token:" << why;
        reportProblem(tr("token recusado pelo servidor"));
        Q_EMIT tokenRefused();
    });

    if (seams.reportStatus && m_config.serverUrl.isValid()) {
        m_status = std::make_unique<StatusReporter>(
            m_config.serverUrl, m_config.token, m_config.statusIntervalSeconds * 1000);
        m_status->setHealth(&m_health, &m_clock);
        connect(m_status.get(), &StatusReporter::tokenRefused, this, &TvApp::tokenRefused);
        connect(m_status.get(), &StatusReporter::settingsFetched, m_feed.get(), &CallFeed::applySettings);
        connect(m_status.get(), &StatusReporter::logoFetched, m_feed.get(), &CallFeed::applyLogo);
        connect(m_feed.get(), &CallFeed::settingsChanged, this, &TvApp::fetchLogoIfNew);
        if (m_voice)
            connect(m_voice.get(), &voice::VoiceProcess::audioChanged, this, [this] {
                m_status->setAudio(m_voice->audioAvailable().value_or(false) ? QStringLiteral("ok")
                                                                             : QStringLiteral("no-audio"),
                    m_voice->problem());
                m_status->reportNow();
            });
    }
    connect(m_stream.get(), &EventStreamClient::connectedChanged, this, [this](bool connected) {
        m_display->setConnected(connected);
        if (connected && m_status) {
            m_status->setLastError({});
            m_status->reportNow();
            m_status->fetchSettings();
            fetchLogoIfNew();
        }
    });
}

TvApp::~TvApp()
{
    stop();
}

QString TvApp::cachePath() const
{
    return QDir(m_config.dataDir).filePath(QStringLiteral("tv-cache.sqlite"));
}

void TvApp::fetchLogoIfNew()
{
    const QString wanted = m_feed->settings().logoUrl;
    if (m_status && !wanted.isEmpty() && (wanted != m_feed->logoUrl() || m_feed->logo().isEmpty()))
        m_status->fetchLogo(wanted);
}

void TvApp::reportProblem(const QString &reason)
{
    qCWarning(lcTvApp).noquote() << reason;
    if (m_status) {
        m_status->setLastError(reason);
        m_status->reportNow();
    }
}

void TvApp::flushCache()
{
    m_cache->flush();
}

Status TvApp::start()
{
    if (Status s = m_cache->open(cachePath()); !s)
        return s;
    m_feed->restore();
    m_health.recordStart(m_clock.nowMs());
    if (!m_config.serverUrl.isValid() || m_config.token.isEmpty()) {
        reportProblem(tr("servidor ou token não configurado"));
        return Ok {};
    }
    m_stream->start(m_feed->lastSeq());
    if (m_status)
        m_status->start();
    return Ok {};
}

void TvApp::stop()
{
    if (m_stream)
        m_stream->stop();
}

} // namespace clinico::tv
