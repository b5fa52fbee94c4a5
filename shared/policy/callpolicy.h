// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticket/priorityclass.h"

#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace clinico {

// Who is called next: pure code, no I/O, so it can be tested table by table and asked to
// explain itself to the desk and to the patient who wonders why someone else went first.
//
// Rules, in order:
//  1. Interleave: after `normalEvery` consecutive priority calls (80+ included), the oldest
//     waiting normal ticket is called, so normal tickets never starve behind a stream of
//     priority ones.
//  2. Otherwise 80+ before other priority (Lei 13.466/2017), priority before normal
//     (Lei 10.048/2000).
//  3. Within a class, the oldest arrival first (a redirected ticket keeps its arrival), with
//     booked appointments checked in at the totem merged in (docs/agendamentos.md):
//     a. an appointment whose patient arrived by its start time is due from
//        `appointmentLeadMinutes` before the start, and due ones go first, earliest start first:
//        an on-time appointment is called within that many minutes of its start as soon as a
//        desk of its class is free;
//     b. then everyone else by arrival, a late arrival (after the start) included: being late
//        puts an appointment among the walk-ins;
//     c. an early arrival whose appointment is not due yet waits for its time, unless nobody
//        else of its class waits (a free desk is never kept idle).
//     The legal classes and the interleave of rules 1 and 2 stay above all of this.
struct CallPolicyRules
{
    int normalEvery = 2; // N >= 1
    int appointmentLeadMinutes = 5; // >= 0
    QTimeZone timeZone { QByteArrayLiteral("America/Sao_Paulo") }; // for the times the explanation shows
};

struct WaitingTicket
{
    qint64 id = 0;
    QString code;
    PriorityClass priority = PriorityClass::Normal;
    qint64 arrivedAtMs = 0;
    std::optional<qint64> appointmentStartMs; // a booked appointment this ticket checked in for
};

enum class CallReason {
    NoneWaiting,
    Interleave, // rule 1
    Priority80, // rule 2, 80+
    Priority, // rule 2, other priority
    OldestNormal, // no priority waiting
};

struct CallDecision
{
    std::optional<WaitingTicket> ticket;
    CallReason reason = CallReason::NoneWaiting;
    QString explanation; // pt-BR sentence for the desk
};

QString toWire(CallReason r);

class CallPolicy
{
public:
    explicit CallPolicy(CallPolicyRules rules = {})
        : m_rules(rules)
    { }

    // consecutivePriorityCalls: how many of the most recent "call next" picks for these
    // services were priority tickets in a row (a normal pick resets it to 0).
    CallDecision next(const QList<WaitingTicket> &waiting, int consecutivePriorityCalls, qint64 nowMs) const;
    // The order next() would call them in, one call after another (O(n log n)), stopping before
    // the ticket `untilId` when it is among them.
    QList<WaitingTicket> order(const QList<WaitingTicket> &waiting, int consecutivePriorityCalls, qint64 nowMs,
        qint64 untilId = 0) const;

    const CallPolicyRules &rules() const { return m_rules; }
    // The rule in force, as shown on the desk and in the docs.
    QString describe() const;

private:
    CallPolicyRules m_rules;
};

} // namespace clinico
