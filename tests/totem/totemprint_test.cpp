// SPDX-License-Identifier: GPL-3.0-or-later
// The whole totem end to end: the patient's path against the real server, the ticket through
// a real (private) cupsd, and what came out of the printer read back.
#include "totemfixture.h"

#include "escpos.h"
#include "printingtesthelpers.h"
#include "privatecupsd.h"

#include <QFile>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;
using namespace Qt::StringLiterals;
using printing::OutputKind;

namespace {
class TotemPrinting : public TotemFixture
{
protected:
    void SetUp() override
    {
        TotemFixture::SetUp();
        ASSERT_TRUE(cupsd.start()) << cupsd.errorLog().right(2000).toStdString();
    }
    TotemApp &startWithPrinter(const QString &queue, OutputKind kind)
    {
        printing::PrinterConfig printerConfig;
        printerConfig.queue = queue;
        printerConfig.kind = kind;
        printerConfig.cupsServer = cupsd.server();
        return startTotem(std::make_unique<printing::CupsTicketPrinter>(printerConfig));
    }
    bool waitPrintState(TotemFlow::PrintState state)
    {
        return spinUntil([&] { return app->flow().printState() == state; }, 15000);
    }
    QString deviceStatus() { return server.devicesAsStaffSee(); }
    PrivateCupsd cupsd;
};
} // namespace

TEST_F(TotemPrinting, TheThermalTicketCarriesAQrCodeWithTheTicketsStatusUrl)
{
    ThermalPrinterListener thermal;
    ASSERT_TRUE(cupsd.addSocketQueue(u"balcao"_s, thermal.port()));
    startWithPrinter(u"balcao"_s, OutputKind::EscPos);
    const auto ticket = issueAtTotem(u"52998224725"_s, consulta, u"priority"_s);
    ASSERT_TRUE(ticket.has_value());
    ASSERT_TRUE(waitPrintState(TotemFlow::PrintState::Printed)) << cupsd.errorLog().right(2000).toStdString();
    EXPECT_EQ(app->flow().printerState(), u"ready"_s); // what the maintenance screen shows in green

    const QByteArray bytes = thermal.takeJob();
    ASSERT_FALSE(bytes.isEmpty());
    EXPECT_TRUE(bytes.startsWith("\x1b@")) << "ESC @ first";
    const QImage paper = printing::decodeEscPosRaster(bytes);
    ASSERT_EQ(paper.width(), 576);
    saveForReview(paper, u"totem-e2e-thermal.png"_s);
    EXPECT_EQ(readQrCode(paper), ticket->statusUrl);
    EXPECT_TRUE(ticket->statusUrl.startsWith(server.url().toString() + u"/t/"_s));
    EXPECT_FALSE(bytes.contains("52998224725"));
}

TEST_F(TotemPrinting, ThePdfTicketShowsTheCode)
{
    const QString out = cupsd.dir() + u"/ticket.pdf"_s;
    ASSERT_TRUE(cupsd.addPdfFileQueue(u"pdf"_s, out));
    startWithPrinter(u"pdf"_s, OutputKind::Pdf);
    const auto ticket = issueAtTotem(u"11144477735"_s, exames);
    ASSERT_TRUE(ticket.has_value());
    ASSERT_TRUE(waitPrintState(TotemFlow::PrintState::Printed)) << cupsd.errorLog().right(2000).toStdString();
    ASSERT_TRUE(spinUntil([&] { return QFileInfo(out).size() > 0; }, 5000));
    QFile file(out);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    const QImage page = rasterisePdf(pdf);
    ASSERT_FALSE(page.isNull());
    saveForReview(page, u"totem-e2e-pdf.png"_s);
    EXPECT_NEAR(pdfPageSizePoints(pdf).width(), 80 / 25.4 * 72, 2.0); // 80 mm paper
    EXPECT_TRUE(pdfText(pdf).contains(ticket->code)) << pdfText(pdf).toStdString();
    EXPECT_EQ(readQrCode(page), ticket->statusUrl);
}

TEST_F(TotemPrinting, NoSuchQueueStillIssuesTheTicketAndReportsTheFault)
{
    startWithPrinter(u"nao-existe"_s, OutputKind::EscPos);
    const auto ticket = issueAtTotem(u"52998224725"_s, consulta);
    ASSERT_TRUE(ticket.has_value());
    EXPECT_EQ(ticket->code, u"CN001"_s);
    ASSERT_TRUE(waitPrintState(TotemFlow::PrintState::Failed));
    EXPECT_EQ(serverTickets().size(), 1);
    EXPECT_TRUE(spinUntil([&] { return deviceStatus().contains(u"no-queue"_s); }, 5000))
        << deviceStatus().toStdString();
}

TEST_F(TotemPrinting, OutOfPaperStillIssuesTheTicketAndTellsStaff)
{
    ASSERT_TRUE(cupsd.addFaultyQueue(u"balcao"_s, u"media-empty-error"_s));
    startWithPrinter(u"balcao"_s, OutputKind::EscPos);
    const auto ticket = issueAtTotem(u"52998224725"_s, consulta);
    ASSERT_TRUE(ticket.has_value());
    ASSERT_TRUE(waitPrintState(TotemFlow::PrintState::Failed));
    EXPECT_EQ(app->flow().printerState(), u"media-empty"_s);
    EXPECT_EQ(serverTickets().size(), 1);
    EXPECT_TRUE(spinUntil([&] { return deviceStatus().contains(u"media-empty"_s); }, 5000))
        << deviceStatus().toStdString();
}
