// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/lingeringclose.h"

#include <QPointer>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

#include <array>

#include <cerrno>
#include <unistd.h>

namespace clinico::server {

namespace {
// Owns a duplicate of the connection's descriptor: the connection stays open until it goes.
class Drain : public QObject
{
public:
    explicit Drain(int fd)
        : m_fd(fd)
        , m_notifier(fd, QSocketNotifier::Read, this)
    {
        connect(&m_notifier, &QSocketNotifier::activated, this, &Drain::read);
        QTimer::singleShot(kLingerMs, this, &Drain::finish);
    }
    ~Drain() override { ::close(m_fd); }

private:
    void read()
    {
        std::array<char, 16384> buffer;
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
            if (n > 0)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
            if (n < 0 && errno == EINTR)
                continue;
            finish(); // the client closed its side too (or the connection is gone)
            return;
        }
    }
    void finish()
    {
        m_notifier.setEnabled(false);
        deleteLater();
    }

    int m_fd;
    QSocketNotifier m_notifier;
};
} // namespace

void lingerOnClose(QWebSocket *socket, QTcpSocket *tcp)
{
    if (!tcp)
        return;
    // aboutToClose comes after the close frame is flushed and before the connection closes.
    QPointer<QTcpSocket> connection(tcp);
    QObject::connect(
        socket, &QWebSocket::aboutToClose, socket,
        [connection] {
            if (!connection || connection->socketDescriptor() < 0)
                return;
            if (const int copy = ::dup(int(connection->socketDescriptor())); copy >= 0)
                new Drain(copy);
        },
        Qt::ConnectionType(Qt::DirectConnection | Qt::SingleShotConnection));
}

} // namespace clinico::server
