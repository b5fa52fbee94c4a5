// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticketprinter.h"

#include <QList>

namespace clinico::test {

// A TicketPrinter that answers from a script, for tests that need a printer fault at a chosen
// moment (out of paper on the third ticket, a printer that never answers...). The real
// CupsTicketPrinter is tested against a real cupsd; this is only for injecting faults upstream.
class ScriptedTicketPrinter : public printing::TicketPrinter
{
    Q_OBJECT
public:
    using TicketPrinter::TicketPrinter;

    // Outcomes of the next print() calls, in order; once empty, every ticket prints.
    // An outcome with state "hang" never finishes (for timeout handling upstream).
    QList<printing::PrintOutcome> script;
    int delayMs = 0; // before jobAccepted and again before finished
    QList<printing::TicketContent> requested; // every ticket print() was given
    QString state = QStringLiteral("ready");
    QString message = QStringLiteral("Impressora pronta");

    void print(quint64 requestId, const printing::TicketContent &ticket) override;
    void checkPrinter() override;

    static printing::PrintOutcome fault(const QString &state, const QString &message);

private:
    int m_nextJobId = 1;
};

} // namespace clinico::test
