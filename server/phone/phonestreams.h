// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "phone/phonepage.h"

#include <QHash>
#include <QObject>
#include <QTimer>

class QTcpSocket;
class QWebSocket;

namespace clinico::server {

// The phone page's live updates: a WebSocket on /t/live?token=<token> that carries the
// PhoneStatus of that one ticket, as JSON text frames, whenever it changes. The status is
// worked out again shortly after each committed event (coalesced) and every kRefreshMs, for
// the estimate moves with time; a frame goes out only when it differs from the last one sent.
// The phone sends nothing (anything it sends is ignored). Bounded: kMaxPerToken sockets per
// ticket and kMaxSockets in all; the newest beyond them is closed with kCloseFull and the page
// falls back to polling /t/<token>/status.
class PhoneStreams : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxPerToken = 4;
    static constexpr int kMaxSockets = 2000;
    static constexpr int kRefreshMs = 20000;
    static constexpr int kCoalesceMs = 150;
    static constexpr int kCloseNotFound = 4404;
    static constexpr int kCloseFull = 4429;
    static constexpr qint64 kMaxIncomingBytes = 1024;

    explicit PhoneStreams(PhonePage &page, QObject *parent = nullptr);
    ~PhoneStreams() override;

    // Takes ownership of the socket and of `tcp`, the connection it was upgraded from.
    void attach(QWebSocket *socket, QTcpSocket *tcp, const QString &token);
    // Something was committed: the statuses are checked again soon.
    void changed();
    int socketCount() const { return int(m_sockets.size()); }

private:
    struct Subscriber
    {
        QString token;
        QTcpSocket *tcp = nullptr;
    };
    void refresh();
    void drop(QWebSocket *socket);
    static void closeAndDelete(QWebSocket *socket, QTcpSocket *tcp, int code, const QString &why);

    PhonePage &m_page;
    QHash<QWebSocket *, Subscriber> m_sockets;
    QHash<QString, QByteArray> m_lastSent; // per token
    QTimer m_coalesce;
    QTimer m_refresh;
};

} // namespace clinico::server
