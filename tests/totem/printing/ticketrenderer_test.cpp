// SPDX-License-Identifier: GPL-3.0-or-later
#include "printingtesthelpers.h"
#include "ticketrenderer.h"

#include <gtest/gtest.h>

using namespace clinico::printing;
using clinico::test::sampleTicket;

TEST(TicketRenderer, IsOneBitAndAsWideAsAnEightyMillimetreRoll)
{
    const QImage image = renderTicket(sampleTicket());
    EXPECT_EQ(image.format(), QImage::Format_Mono);
    EXPECT_EQ(image.width(), 576);
    EXPECT_GT(image.height(), 600);
    EXPECT_LT(image.height(), 1800); // under 23 cm of paper
    EXPECT_EQ(ticketHeight(sampleTicket()), image.height());
}

TEST(TicketRenderer, QrCodeHoldsTheStatusUrl)
{
    const TicketContent ticket = sampleTicket();
    EXPECT_EQ(clinico::test::readQrCode(renderTicket(ticket)), ticket.statusUrl);
}

TEST(TicketRenderer, NoStatusUrlMeansNoQrCode)
{
    TicketContent ticket = sampleTicket();
    ticket.statusUrl.clear();
    const QImage image = renderTicket(ticket);
    EXPECT_TRUE(clinico::test::readQrCode(image).isEmpty());
    EXPECT_LT(image.height(), renderTicket(sampleTicket()).height());
}

TEST(TicketRenderer, CodeIsPrintedAtLeastFifteenMillimetresTall)
{
    TicketContent other = sampleTicket();
    other.code = QStringLiteral("NM987");
    const QImage a = renderTicket(sampleTicket());
    const QImage b = renderTicket(other);
    const auto [first, last] = clinico::test::differingRows(a, b);
    ASSERT_GE(first, 0);
    EXPECT_GE(last - first + 1, 120) << "the code is only " << (last - first + 1) << " dots tall";
    EXPECT_LT(first, a.height() / 3) << "the code should be near the top";
    // Wide as well as tall: the code spans most of the printable width.
    EXPECT_GT(clinico::test::darkFraction(a, QRect(0, first, 576, last - first + 1)), 0.2);
}

TEST(TicketRenderer, PriorityLabelIsAWhiteOnBlackBand)
{
    TicketContent normal = sampleTicket();
    normal.priorityLabel.clear();
    const QImage priority = renderTicket(sampleTicket());
    EXPECT_GT(priority.height(), renderTicket(normal).height() + 40);
}

TEST(TicketRenderer, UnknownWaitAndPeopleAheadAreLeftOut)
{
    TicketContent offline = sampleTicket();
    offline.peopleAhead = -1;
    offline.estimatedWaitMinutes = -1;
    EXPECT_LT(renderTicket(offline).height(), renderTicket(sampleTicket()).height());
}

TEST(TicketRenderer, NarrowerPrintersGetTheSameTicketScaled)
{
    const QImage narrow = renderTicket(sampleTicket(), 384); // 58 mm printers
    EXPECT_EQ(narrow.width(), 384);
    EXPECT_EQ(clinico::test::readQrCode(narrow), sampleTicket().statusUrl);
}

TEST(TicketRenderer, NoCpfEverReachesThePaper)
{
    const auto withFooter = [](const QString &footer) {
        TicketContent ticket = sampleTicket();
        ticket.footer = footer;
        return renderTicket(ticket);
    };
    const QImage masked = withFooter(QStringLiteral("Paciente ***.***.***-**"));
    EXPECT_EQ(withFooter(QStringLiteral("Paciente 529.982.247-25")), masked);
    EXPECT_EQ(withFooter(QStringLiteral("Paciente 52998224725")), masked);
    EXPECT_NE(withFooter(QStringLiteral("Paciente 5299822")), masked);
}

// Not a check a machine can make: these PNGs are for a person to look at.
TEST(TicketRenderer, WritesTicketsForReview)
{
    TicketContent ticket = sampleTicket();
    EXPECT_FALSE(
        clinico::test::saveForReview(renderTicket(ticket), QStringLiteral("ticket-priority.png")).isEmpty());

    ticket.priorityLabel.clear();
    ticket.code = QStringLiteral("NM047");
    ticket.serviceName = QStringLiteral("Coleta de exames laboratoriais e vacinação");
    ticket.peopleAhead = 0;
    ticket.estimatedWaitMinutes = 3;
    EXPECT_FALSE(
        clinico::test::saveForReview(renderTicket(ticket), QStringLiteral("ticket-normal.png")).isEmpty());

    ticket.code = QStringLiteral("PR103");
    ticket.serviceName = QStringLiteral("Clínica geral");
    ticket.priorityLabel = QStringLiteral("Gestante");
    ticket.peopleAhead = -1;
    ticket.estimatedWaitMinutes = -1;
    ticket.statusUrl.clear();
    ticket.offline = true;
    ticket.reprint = true;
    EXPECT_FALSE(
        clinico::test::saveForReview(renderTicket(ticket), QStringLiteral("ticket-offline-reprint.png"))
            .isEmpty());
}
