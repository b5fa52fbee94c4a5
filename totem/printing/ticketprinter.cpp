// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticketprinter.h"

#include "cupsworker.h"
#include "escpos.h"
#include "ticketpdf.h"
#include "ticketrenderer.h"

#include <QThread>
#include <QTimer>

namespace clinico::printing {

namespace {

// The worker reports its own timeout at the deadline; this margin only covers a worker stuck
// inside a libcups call, so finished() still comes.
constexpr int kWatchdogMarginMs = 1500;

} // namespace

OutputKind outputKindFromString(const QString &text, bool *ok)
{
    const QString word = text.trimmed().toLower();
    const bool pdf = word == QLatin1String("pdf");
    if (ok)
        *ok = pdf || word == QLatin1String("escpos");
    return pdf ? OutputKind::Pdf : OutputKind::EscPos;
}

QString outputKindToString(OutputKind kind)
{
    return kind == OutputKind::Pdf ? QStringLiteral("pdf") : QStringLiteral("escpos");
}

QByteArray renderTicketDocument(const TicketContent &ticket, OutputKind kind)
{
    if (kind == OutputKind::Pdf)
        return renderTicketPdf(ticket);
    return encodeEscPosRaster(renderTicket(ticket));
}

CupsTicketPrinter::CupsTicketPrinter(PrinterConfig config, QObject *parent)
    : TicketPrinter(parent)
    , m_config(std::move(config))
    , m_thread(new QThread(this))
    , m_worker(new CupsWorker(m_config))
{
    qRegisterMetaType<clinico::printing::TicketContent>();
    qRegisterMetaType<clinico::printing::PrintOutcome>();
    m_thread->setObjectName(QStringLiteral("cups-printer"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &CupsWorker::accepted, this, [this](quint64 requestId, int jobId) {
        if (m_watchdogs.contains(requestId))
            Q_EMIT jobAccepted(requestId, jobId);
    });
    connect(m_worker, &CupsWorker::done, this, &CupsTicketPrinter::complete);
    connect(m_worker, &CupsWorker::printerState, this, &TicketPrinter::printerStateChanged);
    m_thread->start();
}

CupsTicketPrinter::~CupsTicketPrinter()
{
    // The worker and its timer are deleted on their own thread, then the thread ends.
    CupsWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void CupsTicketPrinter::print(quint64 requestId, const TicketContent &ticket)
{
    const QDeadlineTimer deadline(m_config.completionTimeoutMs);
    auto *watchdog = new QTimer(this);
    watchdog->setSingleShot(true);
    connect(watchdog, &QTimer::timeout, this, [this, requestId] {
        complete(requestId,
            { false, QStringLiteral("timeout"),
                QStringLiteral("O serviço de impressão não respondeu a tempo"), 0 });
    });
    delete m_watchdogs.value(requestId);
    m_watchdogs.insert(requestId, watchdog);
    watchdog->start(m_config.completionTimeoutMs + kWatchdogMarginMs);
    CupsWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, requestId, ticket, deadline] { worker->submit(requestId, ticket, deadline); },
        Qt::QueuedConnection);
}

void CupsTicketPrinter::checkPrinter()
{
    CupsWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->check(); }, Qt::QueuedConnection);
}

void CupsTicketPrinter::complete(quint64 requestId, const PrintOutcome &outcome)
{
    QTimer *watchdog = m_watchdogs.take(requestId);
    if (!watchdog)
        return; // already reported by the watchdog
    watchdog->deleteLater();
    Q_EMIT finished(requestId, outcome);
}

} // namespace clinico::printing
