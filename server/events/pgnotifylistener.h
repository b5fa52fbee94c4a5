// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QThread>
#include <QUrl>

#include <chrono>

namespace clinico::server {

// Hears the seq of every event any server instance commits on a PostgreSQL database (LISTEN
// on EventLog::kNotifyChannel), on a connection and a thread of its own: the connection must
// stay free for the notifications, and a database that does not answer must not hold up the
// server's thread. Every kCheckInterval it makes sure the connection is still there, and
// opens it again if not. It only makes the news faster: what it misses while the connection
// is down, EventFollower's poll reads from the log.
class PgNotifyListener : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kCheckInterval = std::chrono::milliseconds(2000);

    explicit PgNotifyListener(QUrl database, QObject *parent = nullptr);
    ~PgNotifyListener() override;

    void start();

Q_SIGNALS:
    // Emitted on the listener's thread: connect it to an object on the server's.
    void heard(qint64 seq);
    // Listening again after the connection was lost: something may have been missed.
    void resumed();

private:
    class Connection;
    QUrl m_database;
    QThread m_thread;
    Connection *m_connection = nullptr; // lives on m_thread
};

} // namespace clinico::server
