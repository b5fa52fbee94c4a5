// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalogstore.h"
#include "core/clock.h"
#include "patients/patientstore.h"
#include "protocol/messages.h"
#include "storage/unitofwork.h"
#include "ticket/businessday.h"
#include "tickets/ticketstore.h"

#include <optional>

namespace clinico::server {

// One appointment of the clinic's schedule as it arrives (POST /api/v1/appointments, shaped
// after FHIR R4 Appointment: docs/agendamentos.md). The CPF goes into the patient registry,
// sealed, like every patient's; the appointment keeps the registry's row id.
struct AppointmentInput
{
    QString externalId; // the scheduling system's id, unique within the unit: the key of the upsert
    Cpf cpf;
    qint64 startMs = 0;
    int minutes = 0;
    QString practitioner; // the professional's login (a doctor sees the appointments with their own)
    QString practitionerName; // "Dra. Lima", as the totem says it
    qint64 serviceId = 0;
    QString status; // AppointmentStatus
};

namespace AppointmentStatus {
inline const QString Booked = QStringLiteral("booked");
inline const QString Cancelled = QStringLiteral("cancelled");
} // namespace AppointmentStatus

// Where an appointment of the day stands, for the admin's and the doctor's lists.
namespace AppointmentState {
inline const QString Scheduled = QStringLiteral("scheduled"); // its time has not come
inline const QString Late = QStringLiteral("late"); // its time has passed, the check-in window is open
inline const QString NoShow = QStringLiteral("no_show"); // the window closed, or the call went unanswered
inline const QString Waiting = QStringLiteral("waiting"); // arrived, waiting to be called
inline const QString InService = QStringLiteral("in_service"); // called or being seen
inline const QString Done = QStringLiteral("done");
inline const QString Cancelled = QStringLiteral("cancelled");
} // namespace AppointmentState

// An appointment as staff see it: never the CPF.
struct AppointmentView
{
    qint64 id = 0;
    QString externalId;
    qint64 startMs = 0;
    int minutes = 0;
    QString practitioner;
    QString practitionerName;
    qint64 serviceId = 0;
    QString serviceName;
    QString status; // AppointmentStatus
    QString state; // AppointmentState
    std::optional<qint64> arrivedAtMs;
    QString ticketCode;
    QJsonObject toJson() const;
};

// The line of a bulk upsert that is wrong, and why ("linha" = its position, from 0).
struct AppointmentProblem
{
    int index = 0;
    QString message;
    QJsonObject toJson() const;
};

// The check-in window around an appointment's start, in minutes (settings, admin view).
struct CheckInWindow
{
    int earlyMinutes = 60; // the totem accepts an arrival from this long before the start...
    int lateMinutes = 15; // ...to this long after it; later, the patient is sent to the reception
};

// The clinic's schedule: bulk upsert by the scheduling system's id, the day's list, the
// appointment a patient at the totem can check in for, and the check-in itself, which is the
// ticket the totem issues for the appointment's service inside the window.
class AppointmentStore
{
public:
    AppointmentStore(Database &db, UnitOfWork &work, CatalogStore &catalog, PatientStore &patients,
        TicketStore &tickets, const Clock &clock, const UnitScope &unit)
        : m_db(db)
        , m_work(work)
        , m_catalog(catalog)
        , m_patients(patients)
        , m_tickets(tickets)
        , m_clock(clock)
        , m_unit(unit)
        , m_calendar(unit.calendar())
    { }

    static constexpr int kMaxPerRequest = 300;

    // Every item of a bulk upsert read and checked; every problem kept with its position.
    struct Parsed
    {
        QList<AppointmentInput> items;
        QList<AppointmentProblem> problems;
    };
    Parsed parse(const QList<QJsonObject> &items);
    struct Summary
    {
        int created = 0;
        int updated = 0;
    };
    // All or nothing, in one unit of work.
    Result<Summary> upsert(const QList<AppointmentInput> &items);

    // The business day's appointments, by start time; `practitioner` empty: everyone's.
    QList<AppointmentView> day(const QString &day, const QString &practitioner = {});
    // The earliest booked appointment today the patient has not checked in for and whose window
    // has not closed long ago (a late one is told to see the reception).
    std::optional<protocol::AppointmentArrival> arrivalFor(const Cpf &cpf);
    // A ticket issued for the patient: it checks in the appointment it is for (same patient,
    // same service, inside the window), if there is one. Inside the issuing unit of work.
    Status checkIn(qint64 patientId, qint64 serviceId, qint64 ticketId, qint64 arrivedMs);

    CheckInWindow window();
    // Retention: the appointments of days before `day` go (their patients may go after them).
    // Inside a unit of work.
    Result<int> removeBefore(const QString &day);

private:
    QString stateOf(const QString &status, qint64 startMs, const QString &ticketStatus, qint64 nowMs,
        const CheckInWindow &w) const;

    Database &m_db;
    UnitOfWork &m_work;
    CatalogStore &m_catalog;
    PatientStore &m_patients;
    TicketStore &m_tickets;
    const Clock &m_clock;
    const UnitScope &m_unit; // appointments are in their service's unit, their ids unique within it
    const BusinessDay &m_calendar;
};

} // namespace clinico::server
