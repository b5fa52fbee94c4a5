// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/queuestore.h"

#include "storage/notfound.h"

namespace clinico::server {

using namespace clinico::protocol;
using namespace Qt::StringLiterals;

QueueStore::QueueStore(const Clock &clock, BusinessDay calendar)
    : m_scope(std::move(calendar))
    , m_events(m_db, m_work, clock, m_scope)
    , m_units(m_db, m_work, m_events, clock)
    , m_audit(m_db, m_work, clock, m_scope)
    , m_catalog(m_db, m_work, m_events, m_scope)
    , m_devices(m_db, m_work, clock, m_scope)
    , m_patients(m_db, m_work, m_catalog, clock, m_scope.calendar())
    , m_tickets(m_db, m_work, m_events, m_catalog, m_scope)
    , m_appointments(m_db, m_work, m_catalog, m_patients, m_tickets, clock, m_scope)
    , m_estimator(m_tickets, m_catalog, clock)
    , m_issuing(m_db, m_work, m_events, m_catalog, m_patients, m_tickets, m_appointments, m_estimator, clock,
          m_scope)
    , m_calling(m_db, m_work, m_events, m_catalog, m_patients, m_tickets, m_audit, clock, m_scope)
{ }

Result<UnitScope::Entered> QueueStore::enterUnit(qint64 unitId)
{
    const auto unit = m_units.unit(unitId);
    if (!unit)
        return notFound(QStringLiteral("Unidade %1").arg(unitId));
    return m_scope.enter(*unit);
}

Status QueueStore::open(const DatabaseAddress &address, const QString &patientKeyFile)
{
    if (Status s = m_patients.openVault(patientKeyFile); !s)
        return s;
    if (Status s = m_db.open(address); !s)
        return s;
    if (Status s = m_patients.checkKeyFile(); !s)
        return s;
    return m_patients.sealRegistry();
}

Snapshot QueueStore::snapshot(SnapshotAudience audience, int recentCalls)
{
    Snapshot s;
    s.seq = m_events.lastSeq();
    if (audience == SnapshotAudience::WithOpenTickets)
        s.openTickets = m_tickets.list();
    s.settings = m_catalog.displaySettings();
    s.recentCalls = m_calling.recentCalls(recentCalls);
    return s;
}

} // namespace clinico::server
