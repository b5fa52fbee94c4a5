// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "printing/ticketprinter.h"

#include <QList>

namespace clinico::test {

// Records what the totem asked to print and answers as told: for tests about the flow and
// the outbox, where the printer is not the point (the real cupsd is in totem_print_test).
class RecordingPrinter final : public printing::TicketPrinter
{
public:
    QList<printing::TicketContent> printed;
    printing::PrintOutcome outcome { true, QStringLiteral("printed"), {}, 1 };
    void print(quint64 requestId, const printing::TicketContent &ticket) override
    {
        printed << ticket;
        QMetaObject::invokeMethod(
            this, [this, requestId] { Q_EMIT finished(requestId, outcome); }, Qt::QueuedConnection);
    }
    void checkPrinter() override { }
};

} // namespace clinico::test
