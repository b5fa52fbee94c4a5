// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace clinico::printing {

// What a CUPS queue's printer-state, printer-is-accepting-jobs and printer-state-reasons mean for
// the totem, as one machine word and a pt-BR sentence for staff and IT.
struct PrinterCondition
{
    QString state; // "ready", "printing", "media-low", or a fault word (see PrintOutcome::state)
    QString message;
    bool fault = false; // a job sent now would not come out
};

enum class QueueState { Idle = 3, Processing = 4, Stopped = 5 }; // IPP printer-state values

// ignoredReasons: reasons that were already there before the job was sent; they may be left over
// from an earlier job, so they alone do not fail a job that is still running.
PrinterCondition describePrinter(const QString &queue, QueueState state, bool acceptingJobs,
    const QStringList &reasons, const QStringList &ignoredReasons = {});

// The fault one printer-state-reasons keyword (with or without -error/-warning/-report) stands
// for, or an empty state when it is not a fault.
PrinterCondition faultFromReason(const QString &reason);

} // namespace clinico::printing
