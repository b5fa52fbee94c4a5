// SPDX-License-Identifier: GPL-3.0-or-later
// The patient's path through the totem, against the real queue server on loopback.
#include "totemfixture.h"

#include "issuing/serversync.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;
using namespace Qt::StringLiterals;
using Screen = TotemFlow::Screen;

namespace {
class TotemFlowTest : public TotemFixture
{
};
void type(TotemFlow &flow, const QString &digits)
{
    for (QChar c : digits)
        flow.typeDigit(c.digitValue());
}
} // namespace

TEST_F(TotemFlowTest, ThreeTapsBesidesTheDigitsGiveAPrintedOnlineTicket)
{
    startTotem();
    const auto ticket = issueAtTotem(u"52998224725"_s, consulta);
    ASSERT_TRUE(ticket.has_value());
    EXPECT_EQ(ticket->code, u"CN001"_s); // leases do not eat into the online numbering
    EXPECT_FALSE(ticket->offline);
    EXPECT_EQ(ticket->peopleAhead, 0);
    EXPECT_TRUE(ticket->statusUrl.startsWith(server.url().toString() + u"/t/"_s));

    ASSERT_TRUE(spinUntil([&] { return app->flow().printState() == TotemFlow::PrintState::Printed; }, 3000));
    ASSERT_EQ(printer->printed.size(), 1);
    const auto &paper = printer->printed.first();
    EXPECT_EQ(paper.code, u"CN001"_s);
    EXPECT_EQ(paper.serviceName, u"Consulta médica"_s);
    EXPECT_EQ(paper.statusUrl, ticket->statusUrl);
    EXPECT_EQ(paper.footer, u"Aguarde a chamada pela TV"_s); // the same words for everyone
    for (const QString &text :
        { paper.clinicName, paper.code, paper.serviceName, paper.footer, paper.statusUrl })
        EXPECT_FALSE(text.contains(u"529"_s) && text.contains(u"247"_s))
            << "CPF on the ticket: " << text.toStdString();

    const auto tickets = serverTickets();
    ASSERT_EQ(tickets.size(), 1);
    EXPECT_EQ(tickets[0].toObject().value(u"code"_s).toString(), u"CN001"_s);
}

TEST_F(TotemFlowTest, AnInvalidCpfIsCaughtAtOnceAndNeverReachesTheServer)
{
    auto &flow = startTotem().flow();
    type(flow, u"5299822472"_s);
    EXPECT_EQ(flow.cpfTyped(), u"529.982.247-2"_s);
    EXPECT_EQ(flow.cpfRemaining(), u"_"_s);
    EXPECT_TRUE(flow.cpfError().isEmpty());
    flow.confirmCpf(); // too short
    EXPECT_EQ(flow.cpfError(), u"Digite os 11 números do CPF"_s);
    type(flow, u"4"_s); // 529.982.247-24: the check digit is wrong
    EXPECT_EQ(flow.cpfError(), u"CPF inválido — confira os números"_s);
    EXPECT_FALSE(flow.cpfComplete() && flow.cpfError().isEmpty());
    type(flow, u"9"_s); // a 12th digit is ignored
    EXPECT_EQ(flow.cpfTyped(), u"529.982.247-24"_s);
    flow.confirmCpf();
    EXPECT_EQ(flow.screen(), Screen::Cpf);

    flow.erase();
    EXPECT_TRUE(flow.cpfError().isEmpty());
    type(flow, u"5"_s);
    flow.confirmCpf();
    EXPECT_EQ(flow.screen(), Screen::Service);
    EXPECT_TRUE(flow.cpfTyped().isEmpty()) << "the CPF must not stay on screen";
    EXPECT_TRUE(serverTickets().isEmpty());
}

TEST_F(TotemFlowTest, TheSamePatientAskingAgainGetsTheSameTicketReprinted)
{
    startTotem();
    const auto first = issueAtTotem(u"11144477735"_s, exames);
    const auto again = issueAtTotem(u"11144477735"_s, exames);
    ASSERT_TRUE(first && again);
    EXPECT_EQ(again->code, first->code);
    EXPECT_TRUE(again->reprint);
    EXPECT_TRUE(app->flow().reprint());
    const auto other = issueAtTotem(u"11144477735"_s, consulta); // another service: a new ticket
    ASSERT_TRUE(other.has_value());
    EXPECT_NE(other->code, first->code);
    EXPECT_EQ(serverTickets().size(), 2);
}

TEST_F(TotemFlowTest, TheRegistrysAgeClassIsOfferedFirst)
{
    server.runCli(
        { u"patient"_s, u"set"_s, u"--cpf"_s, u"123.456.789-09"_s, u"--birth-date"_s, u"1940-05-02"_s });
    auto &flow = startTotem().flow();
    type(flow, u"12345678909"_s);
    flow.confirmCpf();
    flow.chooseService(consulta);
    ASSERT_TRUE(spinUntil(
        [&] { return flow.priorityOptions().first().toMap().value(u"suggested"_s).toBool(); }, 3000));
    EXPECT_EQ(flow.priorityOptions().first().toMap().value(u"priorityClass"_s).toString(), u"priority80"_s);
    flow.choosePriority(u"priority80"_s);
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Ticket; }, 3000));
    EXPECT_EQ(flow.code(), u"CS001"_s);
    EXPECT_EQ(flow.priorityLabel(), u"Preferencial 80+"_s);
}

TEST_F(TotemFlowTest, APrinterFaultStillGivesTheTicketAsksToWriteItDownAndTellsTheServer)
{
    startTotem();
    printer->outcome = { false, u"media-empty"_s, u"Impressora sem papel"_s, 3 };
    const auto ticket = issueAtTotem(u"52998224725"_s, consulta);
    ASSERT_TRUE(ticket.has_value());
    EXPECT_EQ(ticket->code, u"CN001"_s);
    ASSERT_TRUE(spinUntil([&] { return app->flow().printState() == TotemFlow::PrintState::Failed; }, 3000));
    EXPECT_EQ(serverTickets().size(), 1); // issued all the same
    // Staff and IT see the fault on the server.
    ASSERT_TRUE(spinUntil(
        [&] {
            return server.devicesAsStaffSee().contains(u"media-empty"_s);
        },
        5000))
        << server.devicesAsStaffSee().toStdString();
    EXPECT_TRUE(server.devicesAsStaffSee().contains(u"Impressora sem papel"_s));
}

TEST_F(TotemFlowTest, GoingBackAndIdlingForgetTheCpf)
{
    auto &flow = startTotem().flow();
    type(flow, u"52998224725"_s);
    flow.confirmCpf();
    EXPECT_EQ(flow.screen(), Screen::Service);
    flow.back();
    EXPECT_EQ(flow.screen(), Screen::Cpf);
    EXPECT_TRUE(flow.cpfTyped().isEmpty());
    flow.choosePriority(u"normal"_s); // out of turn: ignored
    EXPECT_TRUE(serverTickets().isEmpty());
}

TEST_F(TotemFlowTest, AnIdleTotemReturnsToTheStartAndForgetsTheCpf)
{
    idleTimeoutS = 1;
    auto &flow = startTotem().flow();
    type(flow, u"529982"_s);
    ASSERT_TRUE(spinUntil([&] { return flow.cpfTyped().isEmpty(); }, 3000));
    type(flow, u"52998224725"_s);
    flow.confirmCpf();
    flow.chooseService(consulta);
    EXPECT_EQ(flow.screen(), Screen::Priority);
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Cpf; }, 3000));
    flow.choosePriority(u"normal"_s); // the CPF is gone: nothing can be issued
    EXPECT_TRUE(serverTickets().isEmpty());
}

// A patient copying the code by hand is not "idle": the ticket screen's own, visible countdown
// decides when it closes, and it starts long when the printer failed.
TEST_F(TotemFlowTest, AFailedPrintGivesAMinuteThatTheIdleTimeoutDoesNotCut)
{
    idleTimeoutS = 1;
    auto &flow = startTotem().flow();
    printer->outcome = { false, u"media-empty"_s, u"Impressora sem papel"_s, 2 };
    ASSERT_TRUE(issueAtTotem(u"529.982.247-25"_s, consulta));
    ASSERT_TRUE(spinUntil([&] { return flow.printState() == TotemFlow::PrintState::Failed; }, 5000));
    EXPECT_GE(flow.ticketSecondsLeft(), 55);
    EXPECT_FALSE(spinUntil([&] { return flow.screen() != Screen::Ticket; }, 2500))
        << "closed by the idle timer";
    EXPECT_LT(flow.ticketSecondsLeft(), 60) << "the countdown runs";
    const int before = flow.ticketSecondsLeft();
    flow.moreTime();
    EXPECT_EQ(flow.ticketSecondsLeft(), before + 60);
    flow.restart();
    EXPECT_EQ(flow.screen(), Screen::Cpf);
    EXPECT_EQ(flow.ticketSecondsLeft(), 0);
}

TEST_F(TotemFlowTest, MaintenanceNeedsThePin)
{
    auto &flow = startTotem().flow();
    EXPECT_FALSE(flow.unlockMaintenance(u"0000"_s));
    EXPECT_EQ(flow.screen(), Screen::Cpf);
    EXPECT_TRUE(flow.unlockMaintenance(u"2468"_s));
    EXPECT_EQ(flow.screen(), Screen::Maintenance);
    flow.printTestTicket();
    ASSERT_TRUE(spinUntil([&] { return printer->printed.size() == 1; }, 2000));
    EXPECT_EQ(printer->printed.first().code, u"TESTE"_s);
    EXPECT_TRUE(serverTickets().isEmpty()); // a test ticket is not a ticket
    flow.closeMaintenance();
    EXPECT_EQ(flow.screen(), Screen::Cpf);
}

TEST_F(TotemFlowTest, LanguagesSwitchAndResetForTheNextPatient)
{
    auto &flow = startTotem().flow();
    flow.setLanguage(u"en"_s);
    EXPECT_EQ(flow.language(), u"en"_s);
    type(flow, u"52998224724"_s);
    EXPECT_EQ(flow.cpfError(), u"Invalid CPF — please check the numbers"_s);
    flow.setLanguage(u"es"_s);
    EXPECT_EQ(flow.priorityOptions().first().toMap().value(u"label"_s).toString(), u"80 años o más"_s);
    flow.restart();
    EXPECT_EQ(flow.language(), u"pt_BR"_s);
    EXPECT_EQ(flow.priorityOptions().first().toMap().value(u"label"_s).toString(), u"80 anos ou mais"_s);
}
