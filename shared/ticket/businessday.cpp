// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticket/businessday.h"

namespace clinico {

BusinessDay::BusinessDay(QTime resetAt, const QByteArray &timeZone)
    : m_resetAt(resetAt.isValid() ? resetAt : QTime(0, 0))
    , m_zone(timeZone)
{
    if (!m_zone.isValid())
        m_zone = QTimeZone(-3 * 3600); // Brasília time has had no DST since 2019
}

QString BusinessDay::dayOf(const QDateTime &t) const
{
    const QDateTime local = t.toTimeZone(m_zone);
    QDate date = local.date();
    if (local.time() < m_resetAt)
        date = date.addDays(-1);
    return date.toString(Qt::ISODate);
}

QDateTime BusinessDay::nextResetAfter(const QDateTime &t) const
{
    const QDateTime local = t.toTimeZone(m_zone);
    QDateTime candidate(local.date(), m_resetAt, m_zone);
    if (candidate <= local)
        candidate = QDateTime(local.date().addDays(1), m_resetAt, m_zone);
    return candidate.toUTC();
}

QDateTime BusinessDay::startOf(QDate day) const
{
    return QDateTime(day, m_resetAt, m_zone).toUTC();
}

} // namespace clinico
