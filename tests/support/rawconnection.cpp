// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/rawconnection.h"

#include <QDeadlineTimer>
#include <QList>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace clinico::test {

namespace {
sockaddr_in loopback(const char *address, quint16 port)
{
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, address, &a.sin_addr);
    return a;
}

int waitFor(int fd, short events, const QDeadlineTimer &deadline)
{
    pollfd p { fd, events, 0 };
    const int n = ::poll(&p, 1, int(std::max<qint64>(0, deadline.remainingTime())));
    return n > 0 ? p.revents : 0;
}
} // namespace

std::unique_ptr<RawConnection> RawConnection::open(quint16 port, const char *from, int receiveBuffer)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return nullptr;
    if (receiveBuffer > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    const sockaddr_in local = loopback(from, 0);
    const sockaddr_in server = loopback("127.0.0.1", port);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0
        || ::connect(fd, reinterpret_cast<const sockaddr *>(&server), sizeof server) != 0) {
        ::close(fd);
        return nullptr;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return std::unique_ptr<RawConnection>(new RawConnection(fd));
}

RawConnection::~RawConnection()
{
    ::close(m_fd);
}

bool RawConnection::pump()
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            m_in.append(buffer, n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        m_closed = true; // end of stream, or reset
        return false;
    }
}

QByteArray RawConnection::takeAnswer()
{
    const qsizetype end = m_in.indexOf("\r\n\r\n");
    if (end < 0)
        return {};
    qint64 length = 0;
    for (const QByteArray &line : m_in.left(end).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (m_in.size() < end + 4 + length)
        return {};
    const QByteArray answer = m_in.left(end + 4 + length);
    m_in.remove(0, answer.size());
    return answer;
}

bool RawConnection::send(QByteArrayView bytes, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!bytes.isEmpty()) {
        const ssize_t n = ::send(m_fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL);
        if (n > 0) {
            bytes = bytes.sliced(n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return false;
        if (deadline.hasExpired() || !(waitFor(m_fd, POLLOUT, deadline) & POLLOUT))
            return false;
    }
    return true;
}

QByteArray RawConnection::sendUntilAnswered(
    QByteArrayView head, QByteArrayView piece, qint64 count, QByteArrayView tail, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QByteArrayView pending = head;
    qint64 piecesLeft = count;
    bool tailSent = false;
    while (!deadline.hasExpired()) {
        if (pending.isEmpty()) {
            if (piecesLeft > 0) {
                pending = piece;
                --piecesLeft;
            } else if (!tailSent) {
                pending = tail;
                tailSent = true;
            }
        }
        const short events = waitFor(m_fd, pending.isEmpty() ? POLLIN : POLLIN | POLLOUT, deadline);
        if (events & (POLLIN | POLLHUP | POLLERR)) {
            const bool open = pump();
            if (QByteArray answer = takeAnswer(); !answer.isEmpty() || !open)
                return answer;
        }
        if ((events & POLLOUT) && !pending.isEmpty()) {
            const ssize_t n = ::send(m_fd, pending.data(), size_t(pending.size()), MSG_NOSIGNAL);
            if (n > 0)
                pending = pending.sliced(n);
            else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                return readAnswer(int(std::max<qint64>(0, deadline.remainingTime())));
        }
    }
    return {};
}

QByteArray RawConnection::readAnswer(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (QByteArray answer = takeAnswer(); !answer.isEmpty())
            return answer;
        if (m_closed || deadline.hasExpired())
            return {};
        if (waitFor(m_fd, POLLIN, deadline))
            pump();
    }
}

bool RawConnection::waitClosed(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && !deadline.hasExpired()) {
        if (waitFor(m_fd, POLLIN, deadline))
            pump();
    }
    return m_closed;
}

int RawConnection::status(const QByteArray &answer)
{
    if (!answer.startsWith("HTTP/1."))
        return 0;
    return answer.mid(9, 3).toInt();
}

QByteArray RawConnection::body(const QByteArray &answer)
{
    const qsizetype end = answer.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : answer.mid(end + 4);
}

} // namespace clinico::test
