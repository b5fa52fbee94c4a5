// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/pgnotifylistener.h"

#include "storage/eventlog.h"
#include "storage/postgresconnection.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QTimer>

Q_LOGGING_CATEGORY(lcListener, "clinico.server.events.listen")

namespace clinico::server {

// The listening end, on the listener's thread (where its QSqlDatabase must be used).
class PgNotifyListener::Connection : public QObject
{
public:
    Connection(PgNotifyListener &owner, QUrl database)
        : m_owner(owner)
        , m_database(std::move(database))
    {
        m_check.setInterval(kCheckInterval);
        connect(&m_check, &QTimer::timeout, this, &Connection::check);
    }

    void start()
    {
        listen();
        m_check.start();
    }

private:
    bool listen()
    {
        if (Status s = m_db.open(m_database); !s) {
            qCWarning(lcListener) << "cannot listen for other instances' events:" << s.error().message;
            return false;
        }
        QSqlDriver *driver = m_db.db().driver();
        if (!driver->subscribeToNotification(EventLog::kNotifyChannel)) {
            qCWarning(lcListener) << "LISTEN failed:" << driver->lastError().text();
            m_db.close();
            return false;
        }
        connect(driver, &QSqlDriver::notification, this,
            [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                bool ok = false;
                const qint64 seq = payload.toString().toLongLong(&ok);
                if (ok && seq > 0)
                    Q_EMIT m_owner.heard(seq);
            });
        return true;
    }

    // A lost connection says nothing by itself: ask it something.
    void check()
    {
        if (m_db.db().isOpen() && m_db.execute(QStringLiteral("SELECT 1")))
            return;
        qCInfo(lcListener) << "listen connection lost: reconnecting";
        m_db.close();
        if (listen())
            Q_EMIT m_owner.resumed();
    }

    PgNotifyListener &m_owner;
    QUrl m_database;
    PostgresConnection m_db;
    QTimer m_check { this }; // a child, so it moves to the listener's thread with this
};

PgNotifyListener::PgNotifyListener(QUrl database, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
{
    m_thread.setObjectName(QStringLiteral("pg-listen"));
}

PgNotifyListener::~PgNotifyListener()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_connection, [c = m_connection] { delete c; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void PgNotifyListener::start()
{
    m_connection = new Connection(*this, m_database);
    m_connection->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_connection, [c = m_connection] { c->start(); }, Qt::QueuedConnection);
}

} // namespace clinico::server
