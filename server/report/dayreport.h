// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appointments/appointmentstore.h"
#include "protocol/messages.h"
#include "tickets/ticketstore.h"

namespace clinico::server {

// The figures of one business day, from the tickets and the call log. A ticket counts once,
// under the service it ended in (a transfer keeps its arrival time). Wait: arrival to first
// call (recalls do not count). Service time: start to finish. Median: the middle value (mean
// of the two middle ones); p90: nearest rank.
protocol::DayReport buildDayReport(TicketStore &tickets, const QString &day, qint64 nowMs);
// The day's appointments counted by where they ended (AppointmentState).
protocol::AppointmentFigures appointmentFigures(const QList<AppointmentView> &appointments);

} // namespace clinico::server
