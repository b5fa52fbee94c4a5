// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appointments/appointmentstore.h"
#include "protocol/messages.h"
#include "tickets/ticketstore.h"

namespace clinico::server {

// The figures of one business day, from the tickets, their stages and the call log. Per
// service (stage) and class, each stage a ticket went through counts under its service (a
// transfer keeps the stage, "Finalizar e encaminhar" starts a new one); per class and in the
// total, a ticket counts once, as one visit. Wait: joining the stage's queue to its first call
// (recalls do not count). Service time: start to finish. Over limit: waited in a stage longer
// than the wait limit of its service and class. Visit: arrival at the door to the end of the
// last stage. Median: the middle value (mean of the two middle ones); p90: nearest rank.
protocol::DayReport buildDayReport(TicketStore &tickets, const QString &day, qint64 nowMs);
// The day's appointments counted by where they ended (AppointmentState).
protocol::AppointmentFigures appointmentFigures(const QList<AppointmentView> &appointments);

} // namespace clinico::server
