// SPDX-License-Identifier: GPL-3.0-or-later
// CupsTicketPrinter against a real cupsd of the test's own, a fake network thermal printer
// (a TCP listener behind a socket:// queue), a PDF queue writing to a file and a backend that
// reports a fault the way a real one does.
#include "escpos.h"
#include "printingtesthelpers.h"
#include "privatecupsd.h"
#include "ticketpdf.h"
#include "ticketprinter.h"
#include "ticketrenderer.h"

#include "support/testclients.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace clinico::printing;
using clinico::test::PrivateCupsd;
using clinico::test::sampleTicket;
using clinico::test::ThermalPrinterListener;

namespace {

class CupsTicketPrinterTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(cupsd.start()) << cupsd.errorLog().right(2000).toStdString(); }

    PrinterConfig config(
        const QString &queue, OutputKind kind = OutputKind::EscPos, int timeoutMs = 8000) const
    {
        PrinterConfig c;
        c.queue = queue;
        c.kind = kind;
        c.cupsServer = cupsd.server();
        c.completionTimeoutMs = timeoutMs;
        return c;
    }

    // Prints one ticket and waits for its outcome.
    static PrintOutcome printAndWait(TicketPrinter &printer, const TicketContent &ticket,
        quint64 requestId = 1, int *acceptedJobId = nullptr)
    {
        QSignalSpy accepted(&printer, &TicketPrinter::jobAccepted);
        QSignalSpy finished(&printer, &TicketPrinter::finished);
        printer.print(requestId, ticket);
        if (!finished.wait(20000))
            return { false, QStringLiteral("test-timeout"), QStringLiteral("finished never came"), 0 };
        EXPECT_EQ(finished.size(), 1);
        EXPECT_EQ(finished.at(0).at(0).value<quint64>(), requestId);
        if (acceptedJobId)
            *acceptedJobId = accepted.isEmpty() ? 0 : accepted.at(0).at(1).toInt();
        return finished.at(0).at(1).value<PrintOutcome>();
    }

    PrivateCupsd cupsd;
};

} // namespace

TEST_F(CupsTicketPrinterTest, EscPosTicketComesOutOfTheNetworkThermalPrinter)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port()));
    CupsTicketPrinter printer(config(QStringLiteral("thermal")));

    const TicketContent ticket = sampleTicket();
    int jobId = 0;
    const PrintOutcome outcome = printAndWait(printer, ticket, 7, &jobId);
    EXPECT_TRUE(outcome.ok) << outcome.state.toStdString() << ": " << outcome.message.toStdString();
    EXPECT_EQ(outcome.state, QStringLiteral("printed"));
    EXPECT_GT(jobId, 0);
    EXPECT_EQ(outcome.jobId, jobId);

    const QByteArray bytes = thermal.takeJob();
    ASSERT_TRUE(bytes.startsWith("\x1b@"));
    EXPECT_TRUE(bytes.endsWith(QByteArray("\x1d\x56\x01", 3)));
    const QImage printed = decodeEscPosRaster(bytes);
    ASSERT_FALSE(printed.isNull());
    clinico::test::saveForReview(printed, QStringLiteral("ticket-from-thermal-printer.png"));
    // The same drawing, dot for dot but for a few anti-aliased glyph edges, which Qt may round
    // differently on the printer's worker thread than here.
    const QImage expected = renderTicket(ticket);
    ASSERT_EQ(printed.size(), expected.size());
    EXPECT_LT(clinico::test::differingPixels(printed, expected), printed.width() * printed.height() / 2000);
    EXPECT_EQ(clinico::test::readQrCode(printed), ticket.statusUrl);
}

TEST_F(CupsTicketPrinterTest, NoQueueConfiguredMeansTheDefaultPrinter)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port()));
    CupsTicketPrinter withoutDefault(config(QString()));
    EXPECT_EQ(printAndWait(withoutDefault, sampleTicket()).state, QStringLiteral("no-queue"));

    cupsd.runTool(QStringLiteral("lpadmin"), { QStringLiteral("-d"), QStringLiteral("thermal") });
    CupsTicketPrinter printer(config(QString()));
    EXPECT_TRUE(printAndWait(printer, sampleTicket()).ok);
    EXPECT_FALSE(thermal.takeJob().isEmpty());
}

TEST_F(CupsTicketPrinterTest, TicketsInARowAllComeOutInOrder)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port()));
    CupsTicketPrinter printer(config(QStringLiteral("thermal")));
    QSignalSpy finished(&printer, &TicketPrinter::finished);
    for (quint64 i = 1; i <= 3; ++i) {
        TicketContent ticket = sampleTicket();
        ticket.statusUrl = QStringLiteral("https://clinica.example/s/ticket-%1").arg(i);
        printer.print(i, ticket);
    }
    ASSERT_TRUE(clinico::test::spinUntil([&] { return finished.size() == 3; }, 30000));
    for (const QList<QVariant> &signal : finished)
        EXPECT_TRUE(signal.at(1).value<PrintOutcome>().ok);
    for (int i = 1; i <= 3; ++i)
        EXPECT_EQ(clinico::test::readQrCode(decodeEscPosRaster(thermal.takeJob())),
            QStringLiteral("https://clinica.example/s/ticket-%1").arg(i));
}

TEST_F(CupsTicketPrinterTest, PdfTicketIsPrintedOnEightyMillimetrePaper)
{
    const QString output = cupsd.dir() + QStringLiteral("/printed.pdf");
    ASSERT_TRUE(cupsd.addPdfFileQueue(QStringLiteral("pdf"), output));
    CupsTicketPrinter printer(config(QStringLiteral("pdf"), OutputKind::Pdf));

    const PrintOutcome outcome = printAndWait(printer, sampleTicket());
    ASSERT_TRUE(outcome.ok) << outcome.state.toStdString() << ": " << outcome.message.toStdString() << "\n"
                            << cupsd.errorLog().right(3000).toStdString();
    QFile file(output);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    ASSERT_TRUE(pdf.startsWith("%PDF"));

    const QSizeF size = clinico::test::pdfPageSizePoints(pdf);
    EXPECT_NEAR(size.width() * 25.4 / 72, 80.0, 1.0);
    EXPECT_NEAR(size.height() * 25.4 / 72, ticketPdfHeightMm(sampleTicket()), 2.0);

    const QImage page = clinico::test::rasterisePdf(pdf);
    ASSERT_FALSE(page.isNull());
    clinico::test::saveForReview(page, QStringLiteral("ticket-from-pdf-queue.png"));
    // The code is where the renderer draws it, in solid ink.
    TicketContent other = sampleTicket();
    other.code = QStringLiteral("NM987");
    const auto [first, last]
        = clinico::test::differingRows(renderTicket(sampleTicket()), renderTicket(other));
    ASSERT_GE(first, 0);
    const int left = (page.width() - kThermalWidthDots) / 2;
    const QRect codeArea(left, first, kThermalWidthDots, last - first + 1);
    EXPECT_NEAR(clinico::test::darkFraction(page, codeArea),
        clinico::test::darkFraction(
            renderTicket(sampleTicket()), QRect(0, first, kThermalWidthDots, last - first + 1)),
        0.05);
    EXPECT_EQ(clinico::test::readQrCode(page), sampleTicket().statusUrl);
}

TEST_F(CupsTicketPrinterTest, PdfTicketAlsoPrintsOnAnOfficePrinterWithA4Only)
{
    const QString output = cupsd.dir() + QStringLiteral("/printed.pdf");
    ASSERT_TRUE(cupsd.addPdfFileQueue(QStringLiteral("office"), output, PrivateCupsd::Paper::A4));
    CupsTicketPrinter printer(config(QStringLiteral("office"), OutputKind::Pdf));

    const PrintOutcome outcome = printAndWait(printer, sampleTicket());
    ASSERT_TRUE(outcome.ok) << outcome.state.toStdString() << ": " << outcome.message.toStdString();
    QFile file(output);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    // The custom 80 mm size is not offered, so CUPS puts the ticket on an A4 sheet, readable.
    EXPECT_NEAR(clinico::test::pdfPageSizePoints(pdf).width(), 595, 2);
    EXPECT_EQ(clinico::test::readQrCode(clinico::test::rasterisePdf(pdf)), sampleTicket().statusUrl);
}

TEST_F(CupsTicketPrinterTest, MissingQueueIsReportedAsNoQueue)
{
    CupsTicketPrinter printer(config(QStringLiteral("nao-existe")));
    const PrintOutcome outcome = printAndWait(printer, sampleTicket());
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(outcome.state, QStringLiteral("no-queue"));
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("não existe"))) << outcome.message.toStdString();
}

TEST_F(CupsTicketPrinterTest, StoppedPrinterFailsAtOnceAndLeavesNoJobBehind)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port()));
    cupsd.runTool(QStringLiteral("cupsdisable"), { QStringLiteral("thermal") });
    CupsTicketPrinter printer(config(QStringLiteral("thermal")));

    QElapsedTimer clock;
    clock.start();
    int jobId = -1;
    const PrintOutcome outcome = printAndWait(printer, sampleTicket(), 1, &jobId);
    EXPECT_LT(clock.elapsed(), 2000);
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(outcome.state, QStringLiteral("stopped"));
    EXPECT_TRUE(outcome.message.contains(QStringLiteral("pausada"))) << outcome.message.toStdString();
    EXPECT_EQ(jobId, 0) << "a stopped queue would print the ticket whenever someone resumes it";
    EXPECT_TRUE(cupsd.activeJobs().isEmpty());
}

TEST_F(CupsTicketPrinterTest, QueueRejectingJobsIsReported)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port()));
    cupsd.runTool(QStringLiteral("cupsreject"), { QStringLiteral("thermal") });
    CupsTicketPrinter printer(config(QStringLiteral("thermal")));
    const PrintOutcome outcome = printAndWait(printer, sampleTicket());
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(outcome.state, QStringLiteral("rejecting"));
}

TEST_F(CupsTicketPrinterTest, OutOfPaperIsReportedAsMediaEmptyAndTheJobIsNotLeftQueued)
{
    ASSERT_TRUE(cupsd.addFaultyQueue(QStringLiteral("paper"), QStringLiteral("media-empty-error")));
    CupsTicketPrinter printer(config(QStringLiteral("paper")));
    QSignalSpy printerState(&printer, &TicketPrinter::printerStateChanged);

    int jobId = 0;
    const PrintOutcome outcome = printAndWait(printer, sampleTicket(), 1, &jobId);
    EXPECT_FALSE(outcome.ok);
    EXPECT_GT(jobId, 0) << "CUPS took the job before the backend found the printer empty";
    EXPECT_EQ(outcome.state, QStringLiteral("media-empty")) << outcome.message.toStdString();
    EXPECT_TRUE(outcome.message.startsWith(QStringLiteral("Impressora sem papel")))
        << outcome.message.toStdString();
    EXPECT_TRUE(cupsd.activeJobs().isEmpty())
        << "a stale ticket must not come out after the paper is changed";
    ASSERT_FALSE(printerState.isEmpty());
    EXPECT_EQ(printerState.last().at(0).toString(), QStringLiteral("media-empty"));

    // The paper is still out: the next ticket is reported the same way, not left held for a retry.
    const PrintOutcome second = printAndWait(printer, sampleTicket(), 2);
    EXPECT_EQ(second.state, QStringLiteral("media-empty")) << second.message.toStdString();
    EXPECT_TRUE(cupsd.activeJobs().isEmpty());
}

TEST_F(CupsTicketPrinterTest, OutOfPaperThatStopsTheQueueFailsTheNextTicketAtOnce)
{
    cupsd.stop();
    ASSERT_TRUE(cupsd.start(QStringLiteral("ErrorPolicy stop-printer")));
    ASSERT_TRUE(cupsd.addFaultyQueue(QStringLiteral("paper"), QStringLiteral("media-empty-error")));
    CupsTicketPrinter printer(config(QStringLiteral("paper")));
    const PrintOutcome first = printAndWait(printer, sampleTicket(), 1);
    EXPECT_EQ(first.state, QStringLiteral("media-empty")) << first.message.toStdString();

    int secondJob = -1;
    const PrintOutcome second = printAndWait(printer, sampleTicket(), 2, &secondJob);
    EXPECT_EQ(second.state, QStringLiteral("media-empty")) << second.message.toStdString();
    EXPECT_TRUE(second.message.contains(QStringLiteral("reative a fila"))) << second.message.toStdString();
    EXPECT_EQ(secondJob, 0) << "nothing is queued on a stopped printer";
    EXPECT_TRUE(cupsd.activeJobs().isEmpty());
}

TEST_F(CupsTicketPrinterTest, AfterThePaperIsChangedTicketsPrintAgain)
{
    ASSERT_TRUE(cupsd.addFaultyQueue(QStringLiteral("paper"), QStringLiteral("media-empty-error")));
    CupsTicketPrinter printer(config(QStringLiteral("paper")));
    EXPECT_EQ(printAndWait(printer, sampleTicket(), 1).state, QStringLiteral("media-empty"));

    // The printer works again, but CUPS still lists the old alert until a job clears it.
    ThermalPrinterListener thermal;
    cupsd.runTool(QStringLiteral("lpadmin"),
        { QStringLiteral("-p"), QStringLiteral("paper"), QStringLiteral("-v"),
            QStringLiteral("socket://127.0.0.1:%1").arg(thermal.port()) });
    ASSERT_TRUE(cupsd.runTool(QStringLiteral("lpstat"), { QStringLiteral("-l"), QStringLiteral("-p") })
                    .contains(QStringLiteral("Alerts: media-empty-error")))
        << "this test is about the alert CUPS keeps from the earlier job";
    const PrintOutcome outcome = printAndWait(printer, sampleTicket(), 2);
    EXPECT_TRUE(outcome.ok) << outcome.state.toStdString() << ": " << outcome.message.toStdString();
    EXPECT_FALSE(thermal.takeJob().isEmpty());
}

TEST_F(CupsTicketPrinterTest, OutOfPaperIsReportedWhenCupsAbortsTheJob)
{
    // A scheduler that aborts failed jobs instead of stopping the queue.
    cupsd.stop();
    ASSERT_TRUE(cupsd.start(QStringLiteral("ErrorPolicy abort-job")));
    ASSERT_TRUE(cupsd.addFaultyQueue(QStringLiteral("paper"), QStringLiteral("media-empty-error")));
    CupsTicketPrinter printer(config(QStringLiteral("paper")));
    const PrintOutcome outcome = printAndWait(printer, sampleTicket());
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(outcome.state, QStringLiteral("media-empty")) << outcome.message.toStdString();
}

TEST_F(CupsTicketPrinterTest, UnreachablePrinterIsReportedAsOfflineWithinTheTimeout)
{
    const quint16 closedPort = [] {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }();
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), closedPort));
    CupsTicketPrinter printer(config(QStringLiteral("thermal"), OutputKind::EscPos, 2000));
    QElapsedTimer clock;
    clock.start();
    const PrintOutcome outcome = printAndWait(printer, sampleTicket());
    EXPECT_LT(clock.elapsed(), 3500);
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(outcome.state, QStringLiteral("offline")) << outcome.message.toStdString();
    EXPECT_TRUE(clinico::test::spinUntil([&] { return cupsd.activeJobs().isEmpty(); }, 3000))
        << "the job is cancelled, not left to print later";
}

TEST_F(CupsTicketPrinterTest, UnreachableCupsIsReported)
{
    PrinterConfig c = config(QStringLiteral("thermal"));
    cupsd.stop();
    CupsTicketPrinter printer(c);
    const PrintOutcome outcome = printAndWait(printer, sampleTicket());
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(outcome.state, QStringLiteral("cups-unreachable")) << outcome.message.toStdString();
}

TEST_F(CupsTicketPrinterTest, CheckPrinterTellsReadyOrTheFault)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port()));
    CupsTicketPrinter printer(config(QStringLiteral("thermal")));
    QSignalSpy state(&printer, &TicketPrinter::printerStateChanged);
    printer.checkPrinter();
    ASSERT_TRUE(state.wait(5000));
    EXPECT_EQ(state.last().at(0).toString(), QStringLiteral("ready"));

    cupsd.runTool(QStringLiteral("cupsdisable"), { QStringLiteral("thermal") });
    printer.checkPrinter();
    ASSERT_TRUE(state.wait(5000));
    EXPECT_EQ(state.last().at(0).toString(), QStringLiteral("stopped"));

    CupsTicketPrinter missing(config(QStringLiteral("nao-existe")));
    QSignalSpy missingState(&missing, &TicketPrinter::printerStateChanged);
    missing.checkPrinter();
    ASSERT_TRUE(missingState.wait(5000));
    EXPECT_EQ(missingState.last().at(0).toString(), QStringLiteral("no-queue"));
}

TEST_F(CupsTicketPrinterTest, PrinterCanBeDestroyedWithAJobInFlight)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port()));
    {
        CupsTicketPrinter printer(config(QStringLiteral("thermal")));
        printer.print(1, sampleTicket());
        printer.print(2, sampleTicket());
        printer.checkPrinter();
    }
    // The scheduler still prints whatever it had accepted; nothing crashes on the way out.
    EXPECT_TRUE(clinico::test::spinUntil([&] { return cupsd.activeJobs().isEmpty(); }, 10000));
}
