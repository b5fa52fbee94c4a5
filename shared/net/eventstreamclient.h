// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace clinico {

// A resumable subscription to the server's event stream (/api/v1/events).
// It connects with the last sequence it has seen, so the server replays exactly what was
// missed (or sends a snapshot); it drops duplicates, keeps the link alive with pings, and
// reconnects with exponential backoff and full jitter, capped at maxBackoff.
class EventStreamClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl serverUrl; // http(s)://host:port; the ws(s) URL is derived
        QString token;
        int pingIntervalMs = 10000;
        int deadAfterMs = 25000; // no frame or pong for this long: reconnect
        int initialBackoffMs = 250;
        int maxBackoffMs = 10000;
    };

    explicit EventStreamClient(Options options, QObject *parent = nullptr);
    ~EventStreamClient() override;

    // lastSeq < 0: never synced, ask for a snapshot.
    void start(qint64 lastSeq);
    void stop();

    qint64 lastSeq() const { return m_lastSeq; }
    bool isConnected() const { return m_connected; }
    static QUrl eventsUrl(const QUrl &serverUrl, qint64 since);

Q_SIGNALS:
    void connectedChanged(bool connected);
    void helloReceived(const clinico::protocol::Hello &hello);
    void snapshotReceived(const clinico::protocol::Snapshot &snapshot);
    void eventReceived(const clinico::protocol::Event &event);
    // Authentication refused (401/403 close codes): retrying will not help until IT fixes the token.
    void rejected(const QString &message);

private:
    void connectNow();
    void scheduleReconnect();
    void onTextMessage(const QString &message);
    void onDisconnected();
    void setConnected(bool connected);

    Options m_options;
    QWebSocket m_socket;
    QTimer m_pingTimer;
    QTimer m_reconnectTimer;
    qint64 m_lastSeq = -1;
    qint64 m_lastFrameMs = 0;
    int m_attempt = 0;
    bool m_running = false;
    bool m_connected = false;
    bool m_filtered = false;
};

} // namespace clinico
