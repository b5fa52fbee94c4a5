// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httplane.h"
#include "protocol/messages.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace clinico {
class Clock;
class KioskHealth;
} // namespace clinico

namespace clinico::tv {

// Tells the server this TV's version and that it is alive (POST /api/v1/devices/me/status,
// which also records last-seen), and fetches the display settings (GET
// /api/v1/settings/display) on each connection, and the clinic's logo when it changes. libcurl blocks, so it
// talks over HttpLanes: a dead server never freezes the screen.
class StatusReporter : public QObject
{
    Q_OBJECT
public:
    StatusReporter(QUrl server, QString token, int intervalMs, QObject *parent = nullptr);
    ~StatusReporter() override;

    void start();
    void reportNow();
    void fetchSettings();
    // Downloads the clinic's logo (absolute, or relative to the server). The TV's token goes
    // only to its own server, never to another host.
    void fetchLogo(const QString &url);
    void setLastError(const QString &error) { m_lastError = error; }
    // The chime and voice: "ok" or "no-audio" with the reason, sent with every report.
    void setAudio(const QString &state, const QString &message)
    {
        m_audioState = state;
        m_audioMessage = message;
    }
    // Uptime, disk and restarts go with every report.
    void setHealth(const KioskHealth *health, const Clock *clock)
    {
        m_health = health;
        m_clock = clock;
    }
    int reportsSent() const { return m_sent; }

Q_SIGNALS:
    void settingsFetched(const clinico::protocol::DisplaySettings &settings);
    void logoFetched(const QString &url, const QByteArray &image);
    void reported(bool ok, const QString &message);
    // 401: the server no longer knows this TV's token (revoked in the console).
    void tokenRefused();

private:
    QString url(const QString &path) const;
    QUrl m_server;
    HttpLane m_lane; // with the TV's token, to its own server only
    HttpLane m_anonymous; // a logo hosted elsewhere: no token
    QTimer m_timer;
    QString m_lastError;
    QString m_audioState;
    QString m_audioMessage;
    int m_sent = 0;
    const KioskHealth *m_health = nullptr;
    const Clock *m_clock = nullptr;
};

} // namespace clinico::tv
