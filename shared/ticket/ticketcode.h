// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticket/priorityclass.h"

#include <QString>

namespace clinico {

// A ticket code is what the patient reads and the TV speaks: the service prefix (1 to 3
// letters), one class marker (N, P or S) and a number of at least 3 digits: "CP012".
// Because the marker is always there and the number always has 3+ digits, two different
// (prefix, class) pairs can never produce the same code, so one counter per
// (day, service, class) keeps codes unique for the day.
// A totem that ran out of leased numbers while offline adds its device tag: "CP-T2-007".
namespace TicketCode {

bool isValidPrefix(QStringView prefix); // 1-3 letters A-Z
QString make(QStringView prefix, PriorityClass c, int number);
QString makeOffline(QStringView prefix, PriorityClass c, QStringView deviceTag, int number);
// "CP012" -> "C P zero doze": letters spelled, the number read as a Portuguese numeral.
QString spoken(QStringView code);
// 0..9999 in Brazilian Portuguese words ("doze", "cento e três").
QString numberInWords(int n);

} // namespace TicketCode

} // namespace clinico
