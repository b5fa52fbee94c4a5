// SPDX-License-Identifier: GPL-3.0-or-later
#include "feed/callfeed.h"

#include "feed/callstore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFeed, "clinico.tv.feed")

namespace clinico::tv {

using namespace clinico::protocol;

CallFeed::CallFeed(CallStore *cache, const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_clock(clock)
    , m_options(std::move(options))
{ }

QString CallFeed::keyOf(const CallAnnouncement &call)
{
    return QString::number(call.ticketId) + u'@' + QString::number(call.calledAtMs);
}

void CallFeed::rebuildKeys()
{
    m_keys.clear();
    for (const CallAnnouncement &c : m_calls)
        m_keys.insert(keyOf(c));
}

void CallFeed::restore()
{
    if (!m_cache)
        return;
    auto state = m_cache->load();
    if (!state) {
        qCWarning(lcFeed) << "cache unreadable, starting empty:" << state.error().message;
        return;
    }
    m_lastSeq = state->lastSeq;
    for (const CallAnnouncement &c : state->calls) {
        if (m_options.filter.accepts(c) && m_calls.size() < m_options.keep)
            m_calls << c;
    }
    rebuildKeys();
    m_logoUrl = state->logoUrl;
    m_logo = state->logo;
    if (state->settings) {
        m_settings = *state->settings;
        m_hasSettings = true;
        Q_EMIT settingsChanged();
    }
    Q_EMIT logoChanged();
    Q_EMIT callsReset();
}

void CallFeed::applyLogo(const QString &url, const QByteArray &image)
{
    if (url == m_logoUrl && image == m_logo)
        return;
    m_logoUrl = url;
    m_logo = image;
    if (m_cache) {
        if (Status s = m_cache->saveLogo(url, image); !s)
            qCWarning(lcFeed) << s.error().message;
    }
    Q_EMIT logoChanged();
}

bool CallFeed::isFresh(const CallAnnouncement &call) const
{
    const qint64 ageMs = m_clock.nowMs() + m_serverOffsetMs - call.calledAtMs;
    return ageMs <= m_options.maxAnnounceAgeMs;
}

void CallFeed::persistSeq(qint64 seq)
{
    m_lastSeq = seq;
    if (!m_cache)
        return;
    if (Status s = m_cache->recordSeq(seq); !s)
        qCWarning(lcFeed) << s.error().message;
}

void CallFeed::applySnapshot(const Snapshot &snapshot)
{
    const bool firstSync = m_lastSeq < 0;
    QList<CallAnnouncement> fresh;
    QList<CallAnnouncement> calls;
    for (const CallAnnouncement &c : snapshot.recentCalls) { // newest first
        if (!m_options.filter.accepts(c) || calls.size() >= m_options.keep)
            continue;
        calls << c;
        // A TV that is new says nothing about what happened before it was switched on; one
        // that was away announces what it missed, if it is still fresh.
        if (!firstSync && !m_keys.contains(keyOf(c)) && isFresh(c))
            fresh.prepend(c); // oldest first
    }
    m_calls = calls;
    m_lastSeq = snapshot.seq;
    rebuildKeys();
    if (m_cache) {
        if (Status s = m_cache->replaceCalls(m_calls, snapshot.seq); !s)
            qCWarning(lcFeed) << s.error().message;
    }
    applySettings(snapshot.settings);
    Q_EMIT callsReset();
    for (const CallAnnouncement &c : fresh)
        Q_EMIT announceRequested(c);
}

void CallFeed::addCall(const CallAnnouncement &call, qint64 seq)
{
    m_lastSeq = seq;
    m_calls.prepend(call);
    m_keys.insert(keyOf(call));
    while (m_calls.size() > m_options.keep)
        m_keys.remove(keyOf(m_calls.takeLast()));
    // Screen and speech first, then the disk: the disk never delays a call-out. If the TV
    // dies in between, the server replays the event from the last sequence on disk.
    Q_EMIT callAdded(call);
    if (isFresh(call))
        Q_EMIT announceRequested(call);
    else
        qCInfo(lcFeed) << "call" << call.code << "is too old to announce; shown in the history only";
    if (m_cache) {
        if (Status s = m_cache->recordCall(call, seq, m_options.keep); !s)
            qCWarning(lcFeed) << s.error().message;
    }
}

void CallFeed::applyEvent(const Event &event)
{
    if (event.seq <= m_lastSeq)
        return;
    if (event.kind == EventKind::TicketCalled) {
        auto call = CallAnnouncement::fromJson(event.data);
        if (!call) {
            qCWarning(lcFeed) << "bad call event" << event.seq << call.error().message;
        } else if (m_options.filter.accepts(*call) && !m_keys.contains(keyOf(*call))) {
            addCall(*call, event.seq);
            return;
        }
    } else if (event.kind == EventKind::SettingsChanged) {
        if (auto settings = DisplaySettings::fromJson(event.data, DisplaySettings::From::Server))
            applySettings(*settings);
    } else if (event.kind == EventKind::DayReset) {
        m_calls.clear();
        m_keys.clear();
        m_lastSeq = event.seq;
        if (m_cache) {
            if (Status s = m_cache->replaceCalls({}, event.seq); !s)
                qCWarning(lcFeed) << s.error().message;
        }
        Q_EMIT callsReset();
        return;
    }
    persistSeq(event.seq);
}

void CallFeed::applySettings(const DisplaySettings &settings)
{
    const bool same = m_hasSettings && settings.toJson() == m_settings.toJson();
    if (same)
        return;
    m_settings = settings;
    m_hasSettings = true;
    if (m_cache) {
        if (Status s = m_cache->saveSettings(settings); !s)
            qCWarning(lcFeed) << s.error().message;
    }
    Q_EMIT settingsChanged();
    Q_EMIT logoChanged(); // the logo shown depends on the settings' logoUrl
}

} // namespace clinico::tv
