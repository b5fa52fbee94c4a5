// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appointments/appointmentstore.h"
#include "audit/auditstore.h"
#include "calling/callstore.h"
#include "catalog/catalogstore.h"
#include "devices/devicestore.h"
#include "estimate/waitestimator.h"
#include "patients/patientstore.h"
#include "storage/database.h"
#include "storage/eventlog.h"
#include "storage/unitofwork.h"
#include "tickets/issuestore.h"
#include "tickets/ticketstore.h"
#include "units/unitscope.h"
#include "units/unitstore.h"

namespace clinico::server {

// The server's storage: one database, one unit of work, one event log, and a store per feature
// over them. Every write is one unit of work that changes the data and appends its events
// together, so the event log and the state never disagree; the events reach
// `onEventCommitted` after the commit, in sequence order, or never (storage/unitofwork.h).
//
// Every store works in the current unit (units/unitscope.h): enterUnit() before serving a
// device, a user or a timer tick of a unit.
//
// The SQL is kept to what SQLite and PostgreSQL share; what differs lives in Database
// (storage/database.h).
class QueueStore
{
public:
    QueueStore(const Clock &clock, BusinessDay calendar);

    // The database, and the patient registry's key file (see PatientVault).
    Status open(const DatabaseAddress &address, const QString &patientKeyFile);
    void close() { m_db.close(); }

    Database &database() { return m_db; }
    // Its onEventCommitted hears every committed event.
    UnitOfWork &work() { return m_work; }
    EventLog &events() { return m_events; }
    AuditStore &audit() { return m_audit; }
    CatalogStore &catalog() { return m_catalog; }
    DeviceStore &devices() { return m_devices; }
    PatientStore &patients() { return m_patients; }
    TicketStore &tickets() { return m_tickets; }
    WaitEstimator &estimator() { return m_estimator; }
    IssueStore &issuing() { return m_issuing; }
    CallStore &calling() { return m_calling; }
    AppointmentStore &appointments() { return m_appointments; }
    UnitStore &units() { return m_units; }
    // The current unit's calendar (its time zone, the network's reset time).
    const BusinessDay &calendar() const { return m_scope.calendar(); }
    qint64 currentUnit() const { return m_scope.id(); }
    const UnitScope &scope() const { return m_scope; }
    // Until the guard goes, everything is about unit `unitId` (an unknown one: a 404).
    Result<UnitScope::Entered> enterUnit(qint64 unitId);
    void setResetTime(QTime resetAt) { m_scope.setResetTime(resetAt); }

    // What a subscriber of the current unit starts from. A TV is shown call-outs only, so its snapshot never
    // reads the open tickets (20,000 of them on a busy day would cost a TV ~150 ms to skip).
    enum class SnapshotAudience { CallsOnly, WithOpenTickets };
    protocol::Snapshot snapshot(SnapshotAudience audience, int recentCalls = 12);

private:
    UnitScope m_scope;
    Database m_db;
    UnitOfWork m_work { m_db };
    EventLog m_events;
    UnitStore m_units;
    AuditStore m_audit;
    CatalogStore m_catalog;
    DeviceStore m_devices;
    PatientStore m_patients;
    TicketStore m_tickets;
    AppointmentStore m_appointments;
    WaitEstimator m_estimator;
    IssueStore m_issuing;
    CallStore m_calling;
};

} // namespace clinico::server
