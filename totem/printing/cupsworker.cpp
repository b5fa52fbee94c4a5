// SPDX-License-Identifier: GPL-3.0-or-later
#include "cupsworker.h"

#include "ticketpdf.h"

#include <QTimer>

#include <memory>

namespace clinico::printing {

namespace {

constexpr int kConnectTimeoutMs = 2000;
constexpr double kRequestTimeoutSeconds = 3.0;
constexpr int kPollIntervalMs = 100;

struct IppDeleter
{
    void operator()(ipp_t *ipp) const { ippDelete(ipp); }
};
using IppPtr = std::unique_ptr<ipp_t, IppDeleter>;

struct DestDeleter
{
    void operator()(cups_dest_t *dest) const { cupsFreeDests(1, dest); }
};
struct DestInfoDeleter
{
    void operator()(cups_dinfo_t *info) const { cupsFreeDestInfo(info); }
};

bool isSuccess(ipp_status_t status)
{
    return status <= IPP_STATUS_OK_EVENTS_COMPLETE;
}

PrintOutcome failed(const QString &state, const QString &message, int jobId = 0)
{
    return { false, state, message, jobId };
}

// " (what CUPS said)", or nothing: CUPS's own words help IT, after ours.
QString detail(const QString &cupsMessage)
{
    return cupsMessage.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(cupsMessage);
}

QString attributeText(ipp_t *response, const char *name)
{
    ipp_attribute_t *attr = ippFindAttribute(response, name, IPP_TAG_ZERO);
    const char *text = attr ? ippGetString(attr, 0, nullptr) : nullptr;
    return text ? QString::fromUtf8(text) : QString();
}

} // namespace

CupsWorker::CupsWorker(PrinterConfig config)
    : m_config(std::move(config))
    , m_pollTimer(new QTimer(this))
{
    m_pollTimer->setInterval(kPollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &CupsWorker::poll);
}

CupsWorker::~CupsWorker()
{
    dropConnection();
}

http_t *CupsWorker::connection()
{
    if (m_http)
        return m_http;
    // libcups keeps the server per thread, so this only affects the worker's own thread.
    if (!m_config.cupsServer.isEmpty())
        cupsSetServer(m_config.cupsServer.toUtf8().constData());
    m_http = httpConnect2(
        cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, kConnectTimeoutMs, nullptr);
    if (m_http)
        httpSetTimeout(m_http, kRequestTimeoutSeconds, nullptr, nullptr);
    return m_http;
}

void CupsWorker::dropConnection()
{
    if (m_http)
        httpClose(m_http);
    m_http = nullptr;
}

QString CupsWorker::queue() const
{
    return m_config.queue.isEmpty() ? m_defaultQueue : m_config.queue;
}

PrintOutcome CupsWorker::requestFailure(const QString &what)
{
    const ipp_status_t status = cupsLastError();
    const QString cupsSays = QString::fromUtf8(cupsLastErrorString());
    switch (status) {
    case IPP_STATUS_ERROR_NOT_FOUND:
        return failed(QStringLiteral("no-queue"),
            QStringLiteral("Fila de impressão \"%1\" não existe no CUPS").arg(queue()));
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
        return failed(QStringLiteral("rejecting"),
            QStringLiteral("Fila de impressão \"%1\" não está aceitando trabalhos").arg(queue()));
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
    case IPP_STATUS_ERROR_INTERNAL:
        dropConnection();
        return failed(QStringLiteral("cups-unreachable"),
            QStringLiteral("Serviço de impressão (CUPS) não responde") + detail(cupsSays));
    default:
        return failed(
            QStringLiteral("failed"), QStringLiteral("O CUPS recusou %1").arg(what) + detail(cupsSays));
    }
}

std::optional<CupsWorker::PrinterStatus> CupsWorker::queryPrinter(PrintOutcome *failure)
{
    http_t *http = connection();
    if (!http) {
        *failure = failed(
            QStringLiteral("cups-unreachable"), QStringLiteral("Serviço de impressão (CUPS) não responde"));
        return std::nullopt;
    }
    if (queue().isEmpty()) {
        const std::unique_ptr<cups_dest_t, DestDeleter> dest(cupsGetNamedDest(http, nullptr, nullptr));
        if (!dest) {
            *failure = cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND || cupsLastError() == IPP_STATUS_OK
                ? failed(
                    QStringLiteral("no-queue"), QStringLiteral("Nenhuma fila de impressão padrão no CUPS"))
                : requestFailure(QStringLiteral("a consulta da fila padrão"));
            return std::nullopt;
        }
        m_defaultQueue = QString::fromUtf8(dest->name);
    }

    ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/printers/%s",
        queue().toUtf8().constData());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri);
    static const char *const attributes[]
        = { "printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs" };
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
        int(std::size(attributes)), nullptr, attributes);
    const IppPtr response(cupsDoRequest(http, request, "/"));
    if (!response || !isSuccess(cupsLastError())) {
        *failure = requestFailure(QStringLiteral("a consulta da impressora"));
        return std::nullopt;
    }
    PrinterStatus status;
    if (ipp_attribute_t *state = ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM))
        status.state = QueueState(ippGetInteger(state, 0));
    if (ipp_attribute_t *accepting
        = ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
        status.accepting = ippGetBoolean(accepting, 0) != 0;
    if (ipp_attribute_t *reasons = ippFindAttribute(response.get(), "printer-state-reasons", IPP_TAG_ZERO)) {
        for (int i = 0; i < ippGetCount(reasons); ++i)
            status.reasons.append(QString::fromUtf8(ippGetString(reasons, i, nullptr)));
    }
    status.message = attributeText(response.get(), "printer-state-message");
    return status;
}

std::optional<CupsWorker::JobStatus> CupsWorker::queryJob(int jobId)
{
    http_t *http = connection();
    if (!http)
        return std::nullopt;
    ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/jobs/%d", jobId);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri);
    static const char *const attributes[] = { "job-state", "job-printer-state-message" };
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
        int(std::size(attributes)), nullptr, attributes);
    const IppPtr response(cupsDoRequest(http, request, "/jobs/"));
    if (!response || !isSuccess(cupsLastError())) {
        if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
            return JobStatus { IPP_JSTATE_COMPLETED, {}, true };
        if (cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE
            || cupsLastError() == IPP_STATUS_ERROR_INTERNAL)
            dropConnection();
        return std::nullopt;
    }
    JobStatus status;
    if (ipp_attribute_t *state = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM))
        status.state = ipp_jstate_t(ippGetInteger(state, 0));
    status.printerMessage = attributeText(response.get(), "job-printer-state-message");
    return status;
}

PrintOutcome CupsWorker::sendJob(const TicketContent &ticket)
{
    const QByteArray document = renderTicketDocument(ticket, m_config.kind);
    if (document.isEmpty())
        return failed(QStringLiteral("render-failed"), QStringLiteral("Não foi possível desenhar a senha"));

    http_t *http = connection();
    const QByteArray queueName = queue().toUtf8();
    const std::unique_ptr<cups_dest_t, DestDeleter> dest(
        cupsGetNamedDest(http, queueName.constData(), nullptr));
    if (!dest)
        return requestFailure(QStringLiteral("a consulta da fila"));
    const std::unique_ptr<cups_dinfo_t, DestInfoDeleter> info(cupsCopyDestInfo(http, dest.get()));
    if (!info)
        return requestFailure(QStringLiteral("a consulta da fila"));

    int numOptions = 0;
    cups_option_t *options = nullptr;
    if (m_config.kind == OutputKind::Pdf && m_config.pdfCustomMediaSize) {
        const QByteArray media = QStringLiteral("Custom.%1x%2mm")
                                     .arg(kPdfPageWidthMm, 0, 'f', 0)
                                     .arg(ticketPdfHeightMm(ticket), 0, 'f', 1)
                                     .toLatin1();
        numOptions = cupsAddOption("media", media.constData(), numOptions, &options);
    }
    const QByteArray title = QStringLiteral("Senha %1").arg(ticket.code).toUtf8();
    int jobId = 0;
    const ipp_status_t created
        = cupsCreateDestJob(http, dest.get(), info.get(), &jobId, title.constData(), numOptions, options);
    cupsFreeOptions(numOptions, options);
    if (!isSuccess(created) || jobId <= 0)
        return requestFailure(QStringLiteral("a impressão"));

    const char *format = m_config.kind == OutputKind::EscPos ? CUPS_FORMAT_RAW : CUPS_FORMAT_PDF;
    bool sent = cupsStartDestDocument(http, dest.get(), info.get(), jobId, "senha", format, 0, nullptr, 1)
        == HTTP_STATUS_CONTINUE;
    sent = sent
        && cupsWriteRequestData(http, document.constData(), size_t(document.size())) == HTTP_STATUS_CONTINUE;
    const bool finished = sent && isSuccess(cupsFinishDestDocument(http, dest.get(), info.get()));
    if (!finished) {
        PrintOutcome outcome = requestFailure(QStringLiteral("o documento"));
        outcome.jobId = jobId;
        cancelJob(jobId);
        return outcome;
    }
    return { true, QStringLiteral("accepted"), QStringLiteral("Trabalho aceito pelo CUPS"), jobId };
}

void CupsWorker::submit(quint64 requestId, const TicketContent &ticket, QDeadlineTimer deadline)
{
    if (deadline.hasExpired()) {
        Q_EMIT done(
            requestId, failed(QStringLiteral("timeout"), QStringLiteral("A impressão não começou a tempo")));
        return;
    }
    PrintOutcome failure;
    const std::optional<PrinterStatus> printer = queryPrinter(&failure);
    if (!printer) {
        reportPrinter(failure.state, failure.message, false);
        Q_EMIT done(requestId, failure);
        return;
    }
    // A stopped or rejecting queue would keep the job and print it whenever someone resumes it.
    const PrinterCondition condition
        = describePrinter(queue(), printer->state, printer->accepting, printer->reasons);
    if (condition.fault && (printer->state == QueueState::Stopped || !printer->accepting)) {
        reportPrinter(condition.state, condition.message, false);
        Q_EMIT done(requestId, failed(condition.state, condition.message));
        return;
    }
    const PrintOutcome sent = sendJob(ticket);
    if (!sent.ok) {
        Q_EMIT done(requestId, sent);
        return;
    }
    Q_EMIT accepted(requestId, sent.jobId);
    m_jobs.append({ requestId, sent.jobId, printer->reasons, deadline });
    if (!m_pollTimer->isActive())
        m_pollTimer->start();
}

std::optional<PrintOutcome> CupsWorker::outcomeSoFar(
    const FollowedJob &job, const PrinterStatus &printer, const JobStatus &status) const
{
    const auto fault = [&](const QStringList &ignoredReasons) {
        return describePrinter(queue(), printer.state, printer.accepting, printer.reasons, ignoredReasons);
    };
    if (status.gone) {
        // Without job history a purged job may have failed too: the printer's state tells.
        const PrinterCondition condition = fault(job.reasonsBefore);
        if (condition.fault)
            return failed(condition.state, condition.message, job.jobId);
        return PrintOutcome { true, QStringLiteral("printed"), QStringLiteral("Senha enviada à impressora"),
            job.jobId };
    }
    switch (status.state) {
    case IPP_JSTATE_COMPLETED:
        return PrintOutcome { true, QStringLiteral("printed"), QStringLiteral("Senha impressa"), job.jobId };
    case IPP_JSTATE_ABORTED:
    case IPP_JSTATE_CANCELED: {
        const PrinterCondition condition = fault({});
        if (condition.fault)
            return failed(condition.state, condition.message, job.jobId);
        if (status.state == IPP_JSTATE_CANCELED)
            return failed(QStringLiteral("canceled"), QStringLiteral("A impressão foi cancelada"), job.jobId);
        return failed(QStringLiteral("aborted"),
            QStringLiteral("A impressão foi abortada pelo CUPS") + detail(status.printerMessage), job.jobId);
    }
    case IPP_JSTATE_PENDING:
    case IPP_JSTATE_PROCESSING: {
        // Reasons from before the job may be left over from an earlier one: while this job can
        // still print, only new reasons or a stopped queue fail it.
        const PrinterCondition condition = fault(job.reasonsBefore);
        if (condition.fault)
            return failed(condition.state, condition.message, job.jobId);
        return std::nullopt;
    }
    default: {
        // Held (the scheduler's retry-job policy) or stopped: waiting for the fault to clear.
        const PrinterCondition condition = fault({});
        if (condition.fault)
            return failed(condition.state, condition.message, job.jobId);
        return std::nullopt;
    }
    }
}

PrintOutcome CupsWorker::timedOut(const FollowedJob &job, const std::optional<JobStatus> &status) const
{
    const int seconds = (m_config.completionTimeoutMs + 999) / 1000;
    if (!status)
        return failed(QStringLiteral("timeout"),
            QStringLiteral("O CUPS não informou o fim da impressão em %1 s").arg(seconds), job.jobId);
    if (status->state == IPP_JSTATE_PROCESSING)
        return failed(QStringLiteral("offline"),
            QStringLiteral("A impressora não respondeu em %1 s: desligada ou desconectada?").arg(seconds)
                + detail(status->printerMessage),
            job.jobId);
    return failed(QStringLiteral("timeout"),
        QStringLiteral("A impressão não começou em %1 s (fila ocupada ou retida)").arg(seconds), job.jobId);
}

void CupsWorker::poll()
{
    PrintOutcome printerFailure;
    const std::optional<PrinterStatus> printer = queryPrinter(&printerFailure);
    const QList<FollowedJob> jobs = m_jobs;
    for (const FollowedJob &job : jobs) {
        const std::optional<JobStatus> status = printer ? queryJob(job.jobId) : std::nullopt;
        std::optional<PrintOutcome> outcome = status ? outcomeSoFar(job, *printer, *status) : std::nullopt;
        if (!outcome && job.deadline.hasExpired())
            outcome = printer ? timedOut(job, status)
                              : failed(printerFailure.state, printerFailure.message, job.jobId);
        if (outcome)
            finish(job, *outcome);
    }
    if (m_jobs.isEmpty())
        m_pollTimer->stop();
}

void CupsWorker::finish(const FollowedJob &job, PrintOutcome outcome)
{
    m_jobs.removeIf([&job](const FollowedJob &j) { return j.requestId == job.requestId; });
    if (!outcome.ok && m_config.cancelFailedJobs)
        cancelJob(job.jobId);
    // The printer's state first, so whoever handles the outcome already sees it.
    if (outcome.ok)
        reportPrinter(QStringLiteral("ready"), QStringLiteral("Impressora pronta"), false);
    else if (outcome.state != QLatin1String("timeout"))
        reportPrinter(outcome.state, outcome.message, false);
    Q_EMIT done(job.requestId, outcome);
}

void CupsWorker::cancelJob(int jobId)
{
    if (jobId > 0 && connection())
        cupsCancelJob2(m_http, queue().toUtf8().constData(), jobId, 0);
}

void CupsWorker::check()
{
    PrintOutcome failure;
    const std::optional<PrinterStatus> printer = queryPrinter(&failure);
    if (!printer) {
        reportPrinter(failure.state, failure.message, true);
        return;
    }
    const PrinterCondition condition
        = describePrinter(queue(), printer->state, printer->accepting, printer->reasons);
    reportPrinter(condition.state, condition.message, true);
}

void CupsWorker::reportPrinter(const QString &state, const QString &message, bool always)
{
    if (!always && state == m_lastState && message == m_lastMessage)
        return;
    m_lastState = state;
    m_lastMessage = message;
    Q_EMIT printerState(state, message);
}

} // namespace clinico::printing
