// SPDX-License-Identifier: GPL-3.0-or-later
#include "scriptedticketprinter.h"

#include <QTimer>

namespace clinico::test {

printing::PrintOutcome ScriptedTicketPrinter::fault(const QString &faultState, const QString &faultMessage)
{
    return { false, faultState, faultMessage, 0 };
}

void ScriptedTicketPrinter::print(quint64 requestId, const printing::TicketContent &ticket)
{
    requested.append(ticket);
    printing::PrintOutcome outcome = script.isEmpty()
        ? printing::PrintOutcome { true, QStringLiteral("printed"), QStringLiteral("Senha impressa"), 0 }
        : script.takeFirst();
    if (outcome.state == QLatin1String("hang"))
        return;
    const bool accepted = outcome.ok || outcome.jobId != 0;
    if (accepted && outcome.jobId == 0)
        outcome.jobId = m_nextJobId++;
    QTimer::singleShot(delayMs, this, [this, requestId, outcome, accepted] {
        if (accepted)
            Q_EMIT jobAccepted(requestId, outcome.jobId);
        QTimer::singleShot(
            delayMs, this, [this, requestId, outcome] { Q_EMIT finished(requestId, outcome); });
    });
}

void ScriptedTicketPrinter::checkPrinter()
{
    QTimer::singleShot(0, this, [this] { Q_EMIT printerStateChanged(state, message); });
}

} // namespace clinico::test
