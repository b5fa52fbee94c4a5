// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clock.h"
#include "feed/callfilter.h"
#include "protocol/messages.h"

#include <QObject>
#include <QSet>

namespace clinico::tv {

class CallStore;

// The TV's call model: the call-outs this TV shows (newest first), its display settings and
// the last event it applied, fed by the server's event stream and kept in the cache.
// It decides what is new (a call-out is one ticket called at one instant: a replay after a
// reconnect is recognised and dropped) and what is fresh enough to be announced.
class CallFeed : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        CallFilter filter;
        qint64 maxAnnounceAgeMs = 120000;
        int keep = 30; // call-outs kept in memory and in the cache
    };

    CallFeed(CallStore *cache, const Clock &clock, Options options, QObject *parent = nullptr);

    // The last state from the cache: shown at once, before any network.
    void restore();
    void applySnapshot(const protocol::Snapshot &snapshot);
    void applyEvent(const protocol::Event &event);
    void applySettings(const protocol::DisplaySettings &settings);
    // The clinic's logo image as fetched from `url` (the settings' logoUrl).
    void applyLogo(const QString &url, const QByteArray &image);
    // Server time minus local time (from the Hello frame), so a TV with a wrong clock still
    // knows how old a call is.
    void setServerClockOffsetMs(qint64 offsetMs) { m_serverOffsetMs = offsetMs; }

    const QList<protocol::CallAnnouncement> &calls() const { return m_calls; }
    const protocol::DisplaySettings &settings() const { return m_settings; }
    qint64 lastSeq() const { return m_lastSeq; }
    bool hasSettings() const { return m_hasSettings; }
    // The cached logo, if it is the one the current settings name (else empty).
    QByteArray logo() const { return m_logoUrl == m_settings.logoUrl ? m_logo : QByteArray(); }
    QString logoUrl() const { return m_logoUrl; }

Q_SIGNALS:
    void callAdded(const clinico::protocol::CallAnnouncement &call); // at the front
    void callsReset();
    void announceRequested(const clinico::protocol::CallAnnouncement &call);
    void settingsChanged();
    void logoChanged();

private:
    static QString keyOf(const protocol::CallAnnouncement &call);
    bool isFresh(const protocol::CallAnnouncement &call) const;
    void addCall(const protocol::CallAnnouncement &call, qint64 seq);
    void persistSeq(qint64 seq);
    void rebuildKeys();

    CallStore *m_cache;
    const Clock &m_clock;
    Options m_options;
    QList<protocol::CallAnnouncement> m_calls;
    QSet<QString> m_keys;
    protocol::DisplaySettings m_settings;
    bool m_hasSettings = false;
    QString m_logoUrl;
    QByteArray m_logo;
    qint64 m_lastSeq = -1;
    qint64 m_serverOffsetMs = 0;
};

} // namespace clinico::tv
