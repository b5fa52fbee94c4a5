// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

namespace clinico {

// The clinic's day runs from one daily reset to the next (default 00:00 in
// America/Sao_Paulo). Ticket numbers, leases and "today" all use this day, on the server
// and on an offline totem alike.
class BusinessDay
{
public:
    explicit BusinessDay(QTime resetAt = QTime(0, 0), const QByteArray &timeZone = "America/Sao_Paulo");

    QString dayOf(const QDateTime &t) const; // yyyy-MM-dd
    QString dayOf(qint64 ms) const { return dayOf(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)); }
    // The next reset strictly after t, as a UTC instant.
    QDateTime nextResetAfter(const QDateTime &t) const;
    // When the business day `day` began (its reset), as a UTC instant.
    QDateTime startOf(QDate day) const;
    QTime resetAt() const { return m_resetAt; }
    const QTimeZone &timeZone() const { return m_zone; }

private:
    QTime m_resetAt;
    QTimeZone m_zone;
};

} // namespace clinico
