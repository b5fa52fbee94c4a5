// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "printerstate.h"
#include "ticketprinter.h"

#include <QDeadlineTimer>
#include <QList>
#include <QObject>

#include <cups/cups.h>

#include <optional>

class QTimer;

namespace clinico::printing {

// The blocking libcups side of CupsTicketPrinter. Lives on its own thread; every slot runs there.
class CupsWorker : public QObject
{
    Q_OBJECT
public:
    explicit CupsWorker(PrinterConfig config);
    ~CupsWorker() override;

    void submit(quint64 requestId, const clinico::printing::TicketContent &ticket, QDeadlineTimer deadline);
    void check();

Q_SIGNALS:
    void accepted(quint64 requestId, int jobId);
    void done(quint64 requestId, const clinico::printing::PrintOutcome &outcome);
    void printerState(const QString &state, const QString &message);

private:
    struct PrinterStatus
    {
        QueueState state = QueueState::Idle;
        bool accepting = true;
        QStringList reasons;
        QString message; // printer-state-message, as CUPS or the backend wrote it
    };
    struct FollowedJob
    {
        quint64 requestId = 0;
        int jobId = 0;
        QStringList reasonsBefore;
        QDeadlineTimer deadline;
    };
    struct JobStatus
    {
        ipp_jstate_t state = IPP_JSTATE_PENDING;
        QString printerMessage; // job-printer-state-message
        bool gone = false; // purged: the scheduler keeps no job history (PreserveJobHistory No)
    };

    http_t *connection();
    void dropConnection();
    // Failure outcomes for a lost or refused request, by what libcups reported.
    PrintOutcome requestFailure(const QString &what);
    std::optional<PrinterStatus> queryPrinter(PrintOutcome *failure);
    std::optional<JobStatus> queryJob(int jobId);
    PrintOutcome sendJob(const TicketContent &ticket);
    // The job's outcome if it has one already (printed, or failed for a reason CUPS shows).
    std::optional<PrintOutcome> outcomeSoFar(
        const FollowedJob &job, const PrinterStatus &printer, const JobStatus &status) const;
    PrintOutcome timedOut(const FollowedJob &job, const std::optional<JobStatus> &status) const;
    void poll();
    void finish(const FollowedJob &job, PrintOutcome outcome);
    void cancelJob(int jobId);
    void reportPrinter(const QString &state, const QString &message, bool always);
    QString queue() const;

    PrinterConfig m_config;
    http_t *m_http = nullptr;
    QString m_defaultQueue;
    QList<FollowedJob> m_jobs;
    QTimer *m_pollTimer;
    QString m_lastState;
    QString m_lastMessage;
};

} // namespace clinico::printing
