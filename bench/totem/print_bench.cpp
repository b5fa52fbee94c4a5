// SPDX-License-Identifier: GPL-3.0-or-later
// Ticket printing figures: render + encode + submit until CUPS has accepted the job, for the
// ESC/POS raster output (raw socket:// queue to a fake network thermal printer) and the PDF
// output (PDF queue to a file), against a private cupsd on loopback.
//
//   build/bench/totem/totem_print_bench [tickets=100]
#include "escpos.h"
#include "privatecupsd.h"
#include "ticketpdf.h"
#include "ticketprinter.h"
#include "ticketrenderer.h"

#include "support/testclients.h"

#include "support/percentile.h"

#include <QElapsedTimer>
#include <QGuiApplication>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace clinico::printing;

using clinico::bench::percentile;

namespace {

TicketContent benchTicket(int n)
{
    TicketContent ticket;
    ticket.clinicName = QStringLiteral("Clínica São Lucas");
    ticket.code = QStringLiteral("CP%1").arg(n % 1000, 3, 10, QLatin1Char('0'));
    ticket.serviceName = QStringLiteral("Cardiologia");
    ticket.priorityLabel = n % 3 == 0 ? QStringLiteral("Preferencial 80+") : QString();
    ticket.issuedAt = QDateTime::currentDateTime();
    ticket.peopleAhead = n % 12;
    ticket.estimatedWaitMinutes = 5 * (n % 12);
    ticket.statusUrl
        = QStringLiteral("https://clinica.example/s/%1").arg(QString::number(0x5eed0000 + n, 36));
    ticket.footer = QStringLiteral("Aguarde a chamada pela TV");
    return ticket;
}

void report(const char *what, const QList<double> &ms)
{
    std::printf("%-44s n=%-4lld p50=%7.2f ms  p95=%7.2f ms  max=%7.2f ms\n", what,
        static_cast<long long>(ms.size()), percentile(ms, 0.5), percentile(ms, 0.95),
        *std::max_element(ms.begin(), ms.end()));
}

QList<double> timeInProcess(int count, const std::function<void(int)> &work)
{
    QList<double> ms;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer clock;
        clock.start();
        work(i);
        ms.append(double(clock.nsecsElapsed()) / 1e6);
    }
    return ms;
}

// Tickets one after the other, as a totem issues them: submit, wait for CUPS to accept, wait for the end.
bool timeThroughCups(CupsTicketPrinter &printer, int count, QList<double> *accepted, QList<double> *finished)
{
    int failures = 0;
    for (int i = -3; i < count; ++i) { // three warm-up tickets are not counted
        bool gotAccepted = false;
        bool gotFinished = false;
        double acceptedMs = 0;
        QElapsedTimer clock;
        const auto onAccepted = QObject::connect(&printer, &TicketPrinter::jobAccepted, [&] {
            acceptedMs = double(clock.nsecsElapsed()) / 1e6;
            gotAccepted = true;
        });
        const auto onFinished
            = QObject::connect(&printer, &TicketPrinter::finished, [&](quint64, const PrintOutcome &outcome) {
                  gotFinished = true;
                  if (!outcome.ok) {
                      ++failures;
                      std::fprintf(stderr, "ticket %d: %s: %s\n", i, qPrintable(outcome.state),
                          qPrintable(outcome.message));
                  }
              });
        clock.start();
        printer.print(quint64(i + 10), benchTicket(i + 10));
        clinico::test::spinUntil([&] { return gotFinished; }, 30000);
        const double finishedMs = double(clock.nsecsElapsed()) / 1e6;
        QObject::disconnect(onAccepted);
        QObject::disconnect(onFinished);
        if (i >= 0 && gotAccepted) {
            accepted->append(acceptedMs);
            finished->append(finishedMs);
        }
    }
    return failures == 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 100;

    std::printf("In process (no CUPS):\n");
    report("render ticket image (576 dots, 1 bit)",
        timeInProcess(count, [](int i) { renderTicket(benchTicket(i)); }));
    const QImage image = renderTicket(benchTicket(1));
    report("encode ESC/POS raster", timeInProcess(count, [&image](int) { encodeEscPosRaster(image); }));
    report("render ticket PDF (80 mm)", timeInProcess(count, [](int i) { renderTicketPdf(benchTicket(i)); }));
    std::printf("  ESC/POS job %lld bytes, PDF job %lld bytes\n",
        static_cast<long long>(encodeEscPosRaster(image).size()),
        static_cast<long long>(renderTicketPdf(benchTicket(1)).size()));

    clinico::test::PrivateCupsd cupsd;
    if (!cupsd.start()) {
        std::fprintf(stderr, "could not start a private cupsd\n");
        return 1;
    }
    clinico::test::ThermalPrinterListener thermal;
    const QString pdfOut = cupsd.dir() + QStringLiteral("/out.pdf");
    if (!cupsd.addSocketQueue(QStringLiteral("thermal"), thermal.port())
        || !cupsd.addPdfFileQueue(QStringLiteral("pdf"), pdfOut)) {
        std::fprintf(stderr, "could not create the queues\n");
        return 1;
    }

    bool ok = true;
    for (const OutputKind kind : { OutputKind::EscPos, OutputKind::Pdf }) {
        PrinterConfig config;
        config.queue = kind == OutputKind::EscPos ? QStringLiteral("thermal") : QStringLiteral("pdf");
        config.kind = kind;
        config.cupsServer = cupsd.server();
        config.completionTimeoutMs = 20000;
        CupsTicketPrinter printer(config);
        QList<double> accepted;
        QList<double> finished;
        ok = timeThroughCups(printer, count, &accepted, &finished) && ok;
        const QByteArray name = outputKindToString(kind).toUtf8();
        std::printf("Through a private cupsd, %s queue:\n", name.constData());
        report("print() -> jobAccepted (render+encode+submit)", accepted);
        report("print() -> finished (job completed)", finished);
    }
    return ok ? 0 : 1;
}
