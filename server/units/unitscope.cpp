// SPDX-License-Identifier: GPL-3.0-or-later
#include "units/unitscope.h"

namespace clinico::server {

UnitScope::Entered UnitScope::enter(const protocol::Unit &unit)
{
    Entered previous(this, m_id, m_timeZone);
    set(unit.id, unit.timeZone);
    return previous;
}

void UnitScope::setResetTime(QTime resetAt)
{
    m_network = BusinessDay(resetAt, m_network.timeZone().id());
    set(m_id, m_timeZone);
}

void UnitScope::set(qint64 id, const QString &timeZone)
{
    m_id = id;
    m_timeZone = timeZone;
    m_calendar = timeZone.isEmpty() ? m_network : BusinessDay(m_network.resetAt(), timeZone.toLatin1());
}

} // namespace clinico::server
