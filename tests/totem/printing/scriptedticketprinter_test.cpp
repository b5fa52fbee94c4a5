// SPDX-License-Identifier: GPL-3.0-or-later
#include "printingtesthelpers.h"
#include "scriptedticketprinter.h"

#include "support/testclients.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using clinico::printing::PrintOutcome;
using clinico::printing::TicketPrinter;
using clinico::test::ScriptedTicketPrinter;

TEST(ScriptedTicketPrinter, AnswersFromTheScriptThenPrints)
{
    ScriptedTicketPrinter printer;
    printer.script.append(
        ScriptedTicketPrinter::fault(QStringLiteral("media-empty"), QStringLiteral("Impressora sem papel")));
    QSignalSpy accepted(&printer, &TicketPrinter::jobAccepted);
    QSignalSpy finished(&printer, &TicketPrinter::finished);
    printer.print(1, clinico::test::sampleTicket());
    printer.print(2, clinico::test::sampleTicket());
    ASSERT_TRUE(clinico::test::spinUntil([&] { return finished.size() == 2; }, 2000));
    EXPECT_EQ(finished.at(0).at(1).value<PrintOutcome>().state, QStringLiteral("media-empty"));
    EXPECT_TRUE(finished.at(1).at(1).value<PrintOutcome>().ok);
    ASSERT_EQ(accepted.size(), 1);
    EXPECT_EQ(accepted.at(0).at(0).value<quint64>(), 2u);
    EXPECT_EQ(printer.requested.size(), 2);
}

TEST(ScriptedTicketPrinter, HangNeverFinishes)
{
    ScriptedTicketPrinter printer;
    printer.script.append(ScriptedTicketPrinter::fault(QStringLiteral("hang"), {}));
    QSignalSpy finished(&printer, &TicketPrinter::finished);
    printer.print(1, clinico::test::sampleTicket());
    EXPECT_FALSE(finished.wait(200));
}
