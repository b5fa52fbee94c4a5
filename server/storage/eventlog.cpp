// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/eventlog.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;

Result<qint64> EventLog::appendFor(qint64 unitId, const QString &kind, const QJsonObject &data)
{
    const qint64 now = m_clock.nowMs();
    static const QString insert
        = QStringLiteral("INSERT INTO events(at_ms, kind, payload, unit_id) VALUES(?, ?, ?, ?) RETURNING seq");
    // The notification rides on the same statement: no extra round trip per event.
    static const QString insertAndNotify
        = QStringLiteral("WITH e AS (%1) SELECT seq, pg_notify('%2', CAST(seq AS TEXT)) FROM e")
              .arg(insert, kNotifyChannel);
    QSqlQuery &q = m_db.connection().cached(m_db.isPostgres() ? insertAndNotify : insert);
    if (!SqlConnection::exec(
            q, { now, kind, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)), unitId })
        || !q.next())
        return SqlConnection::errorFrom(q, QStringLiteral("appendEvent"));
    const qint64 seq = q.value(0).toLongLong();
    q.finish();
    m_work.appended(Event { seq, kind, now, data, unitId });
    return seq;
}

Result<QList<Event>> EventLog::eventsAfter(qint64 seq, int limit)
{
    QList<Event> out;
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT seq, at_ms, kind, payload, unit_id FROM events WHERE seq > ? ORDER BY seq LIMIT ?"));
    if (!SqlConnection::exec(q, { seq, limit }))
        return SqlConnection::errorFrom(q, QStringLiteral("eventsAfter"));
    while (q.next())
        out << Event { q.value(0).toLongLong(), q.value(2).toString(), q.value(1).toLongLong(),
            QJsonDocument::fromJson(q.value(3).toByteArray()).object(), q.value(4).toLongLong() };
    return out;
}

Result<EventLog::Bounds> EventLog::bounds()
{
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM events"));
    if (!SqlConnection::exec(q, {}) || !q.next())
        return SqlConnection::errorFrom(q, QStringLiteral("eventLogBounds"));
    const Bounds bounds { q.value(0).toLongLong(), q.value(1).toLongLong() };
    q.finish();
    return bounds;
}

qint64 EventLog::lastSeq()
{
    const auto b = bounds();
    return b ? b->last : 0;
}

} // namespace clinico::server
