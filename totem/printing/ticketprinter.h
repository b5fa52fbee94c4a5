// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticketcontent.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QString>

class QThread;
class QTimer;

namespace clinico::printing {

enum class OutputKind { EscPos, Pdf };

// "escpos" / "pdf", as written in totem.conf. Unknown text sets *ok to false and gives EscPos.
OutputKind outputKindFromString(const QString &text, bool *ok = nullptr);
QString outputKindToString(OutputKind kind);

struct PrinterConfig
{
    QString queue;
    OutputKind kind = OutputKind::EscPos;
    QString cupsServer; // empty: libcups default / CUPS_SERVER; "host:port" or a socket path
    int completionTimeoutMs = 6000; // from print() to finished, whatever CUPS does
    // A job that failed or timed out is cancelled in CUPS, so a stale ticket never comes out later.
    bool cancelFailedJobs = true;
    // PDF output asks for an 80 mm x ticket-length page (media=Custom.80x...mm), which roll
    // printers with a CUPS driver honour; others fall back to their default page.
    bool pdfCustomMediaSize = true;
};

struct PrintOutcome
{
    bool ok = false;
    // Machine word: "printed", or a fault: "no-queue", "stopped", "rejecting", "media-empty",
    // "media-jam", "cover-open", "offline", "aborted", "canceled", "timeout", "cups-unreachable",
    // "render-failed", "failed".
    QString state;
    QString message; // pt-BR for staff/IT, e.g. "Impressora sem papel"
    int jobId = 0;
};

// The seam between the totem and the printer; tests may fake it to inject faults.
class TicketPrinter : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Asynchronous, never blocks the calling thread. Emits jobAccepted (when CUPS took it)
    // and then exactly one finished for this requestId.
    virtual void print(quint64 requestId, const TicketContent &ticket) = 0;
    // Asynchronous; emits printerStateChanged. Its state is "ready", "printing", "media-low"
    // (a warning) or one of PrintOutcome's fault words. It is also emitted, before finished,
    // whenever a job shows the printer's state changed.
    virtual void checkPrinter() = 0;

Q_SIGNALS:
    void jobAccepted(quint64 requestId, int jobId); // CUPS took the job
    void finished(
        quint64 requestId, const clinico::printing::PrintOutcome &outcome); // completed, failed or timed out
    void printerStateChanged(const QString &state, const QString &message);
};

class CupsWorker;

// Prints through libcups (cupsCreateDestJob, cupsStartDestDocument, cupsWriteRequestData,
// cupsFinishDestDocument) on a worker thread, then follows job-state and the printer's
// printer-state-reasons until the job completes, fails or the completion timeout passes.
// Tickets are submitted one at a time, in order; a stopped or rejecting queue is not sent a job,
// and a job that fails or times out is cancelled.
class CupsTicketPrinter final : public TicketPrinter
{
    Q_OBJECT
public:
    explicit CupsTicketPrinter(PrinterConfig config, QObject *parent = nullptr);
    ~CupsTicketPrinter() override;

    const PrinterConfig &config() const { return m_config; }

    void print(quint64 requestId, const TicketContent &ticket) override;
    void checkPrinter() override;

private:
    void complete(quint64 requestId, const PrintOutcome &outcome);

    PrinterConfig m_config;
    QThread *m_thread = nullptr;
    CupsWorker *m_worker = nullptr; // lives in m_thread
    QHash<quint64, QTimer *> m_watchdogs; // requests not finished yet
};

// The document bytes a printer config sends for a ticket (ESC/POS raster or PDF).
QByteArray renderTicketDocument(const TicketContent &ticket, OutputKind kind);

} // namespace clinico::printing

Q_DECLARE_METATYPE(clinico::printing::PrintOutcome)
