// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace clinico::test {

// A plain TCP connection to the server, for what an HTTP library will not send: huge or
// malformed requests, requests sent halfway, idle connections, a chosen source address.
class RawConnection
{
public:
    // Connects from `from` (any 127.x.x.x works on Linux) to 127.0.0.1:port; null on failure.
    // A `receiveBuffer` (bytes) small enough makes a peer that does not read show at once.
    static std::unique_ptr<RawConnection> open(
        quint16 port, const char *from = "127.0.0.1", int receiveBuffer = 0);
    ~RawConnection();
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool send(QByteArrayView bytes, int timeoutMs = 5000);
    // Sends `head`, then `piece` `count` times, then `tail`, and stops sending as soon as the
    // server answers (a client that does not wait for 100-continue). Returns the answer.
    QByteArray sendUntilAnswered(
        QByteArrayView head, QByteArrayView piece, qint64 count, QByteArrayView tail, int timeoutMs);
    // The next complete response (by its Content-Length); empty on timeout or close.
    QByteArray readAnswer(int timeoutMs = 5000);
    // Whether the server closed the connection (end of stream or reset) within the time.
    bool waitClosed(int timeoutMs);

    static int status(const QByteArray &answer); // 0 if not a response
    static QByteArray body(const QByteArray &answer);

private:
    explicit RawConnection(int fd)
        : m_fd(fd)
    { }
    // Reads what is there; false once the server closed.
    bool pump();
    QByteArray takeAnswer();

    int m_fd;
    QByteArray m_in;
    bool m_closed = false;
};

} // namespace clinico::test
