// SPDX-License-Identifier: GPL-3.0-or-later
#include "printerstate.h"

#include <gtest/gtest.h>

using namespace clinico::printing;

namespace {

PrinterCondition describe(
    QueueState state, bool accepting, const QStringList &reasons, const QStringList &ignored = {})
{
    return describePrinter(QStringLiteral("totem"), state, accepting, reasons, ignored);
}

} // namespace

TEST(PrinterState, IdlePrinterWithNoReasonsIsReady)
{
    const PrinterCondition c = describe(QueueState::Idle, true, { QStringLiteral("none") });
    EXPECT_EQ(c.state, QStringLiteral("ready"));
    EXPECT_FALSE(c.fault);
    EXPECT_EQ(c.message, QStringLiteral("Impressora pronta"));
}

TEST(PrinterState, OutOfPaperIsMediaEmptyInPortuguese)
{
    const PrinterCondition c
        = describe(QueueState::Processing, true, { QStringLiteral("media-empty-error") });
    EXPECT_TRUE(c.fault);
    EXPECT_EQ(c.state, QStringLiteral("media-empty"));
    EXPECT_TRUE(c.message.startsWith(QStringLiteral("Impressora sem papel")));
}

TEST(PrinterState, StoppedQueueWithoutReasonIsStoppedAndNamesTheQueue)
{
    const PrinterCondition c = describe(QueueState::Stopped, true, { QStringLiteral("paused") });
    EXPECT_TRUE(c.fault);
    EXPECT_EQ(c.state, QStringLiteral("stopped"));
    EXPECT_TRUE(c.message.contains(QStringLiteral("\"totem\"")));
}

TEST(PrinterState, StoppedByAFaultTellsTheFaultAndHowToResume)
{
    const PrinterCondition c = describe(
        QueueState::Stopped, true, { QStringLiteral("paused"), QStringLiteral("media-empty-error") });
    EXPECT_EQ(c.state, QStringLiteral("media-empty"));
    EXPECT_TRUE(c.message.contains(QStringLiteral("reative a fila")));
}

TEST(PrinterState, WarningsAndReportsAreNotFaults)
{
    EXPECT_FALSE(describe(QueueState::Idle, true, { QStringLiteral("media-empty-warning") }).fault);
    EXPECT_FALSE(describe(QueueState::Idle, true, { QStringLiteral("toner-low-report") }).fault);
    EXPECT_FALSE(describe(QueueState::Processing, true, { QStringLiteral("connecting-to-device") }).fault);
    EXPECT_FALSE(
        describe(QueueState::Processing, true, { QStringLiteral("cups-waiting-for-job-completed") }).fault);
    EXPECT_EQ(describe(QueueState::Idle, true, { QStringLiteral("media-low-report") }).state,
        QStringLiteral("media-low"));
}

TEST(PrinterState, OfflineReportIsAFault)
{
    const PrinterCondition c = describe(QueueState::Processing, true, { QStringLiteral("offline-report") });
    EXPECT_TRUE(c.fault);
    EXPECT_EQ(c.state, QStringLiteral("offline"));
}

TEST(PrinterState, MostSpecificFaultWins)
{
    const PrinterCondition c = describe(QueueState::Processing, true,
        { QStringLiteral("offline-report"), QStringLiteral("cover-open-error"),
            QStringLiteral("media-empty-error") });
    EXPECT_EQ(c.state, QStringLiteral("media-empty"));
}

TEST(PrinterState, UnknownErrorIsAGenericFaultNamingTheReason)
{
    const PrinterCondition c
        = describe(QueueState::Processing, true, { QStringLiteral("marker-supply-empty-error") });
    EXPECT_TRUE(c.fault);
    EXPECT_EQ(c.state, QStringLiteral("failed"));
    EXPECT_TRUE(c.message.contains(QStringLiteral("marker-supply-empty-error")));
}

TEST(PrinterState, ReasonsLeftFromAnEarlierJobDoNotFailARunningOne)
{
    const QStringList stale { QStringLiteral("media-empty-error") };
    EXPECT_FALSE(describe(QueueState::Processing, true, stale, stale).fault);
    EXPECT_TRUE(describe(QueueState::Stopped, true, stale, stale).fault);
}

TEST(PrinterState, QueueRejectingJobsIsAFault)
{
    const PrinterCondition c = describe(QueueState::Idle, false, { QStringLiteral("none") });
    EXPECT_TRUE(c.fault);
    EXPECT_EQ(c.state, QStringLiteral("rejecting"));
}
