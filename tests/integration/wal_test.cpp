// SPDX-License-Identifier: GPL-3.0-or-later
// The real server's write-ahead log under load: checkpointed as it grows, emptied when idle.
#include "integration/serverfixture.h"
#include "support/issueload.h"

#include <QFileInfo>
#include <QRegularExpression>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

class Wal : public ServerFixture
{
protected:
    qint64 walBytes() const { return QFileInfo(server.dataDir() + u"/clinico.sqlite-wal"_s).size(); }
    qint64 walBytesInMetrics()
    {
        const QString text = QString::fromUtf8(totem->get(u"/metrics"_s)->body);
        const auto m
            = QRegularExpression(u"^clinico_storage_wal_bytes (\\d+)$"_s, QRegularExpression::MultilineOption)
                  .match(text);
        return m.hasMatch() ? m.captured(1).toLongLong() : -1;
    }
};

} // namespace

TEST_F(Wal, StaysBoundedWhileThousandsOfTicketsAreIssuedAndIsEmptiedWhenIdle)
{
    IssueLoad load(server.url(), totemToken, { consulta }, 4);
    qint64 largest = 0;
    for (int round = 0; round < 6; ++round) {
        const IssueLoadResult r = load.run(500);
        ASSERT_EQ(r.created, 500) << r.firstFailures.join(u'\n').toStdString();
        largest = std::max(largest, walBytes());
    }
    // SQLite's auto-checkpoint restarts the WAL every 1000 pages (4 MiB); a WAL nobody
    // checkpoints grows by some 30 KiB per ticket (90 MiB here).
    EXPECT_LE(largest, 8 * kMiB) << "WAL reached " << largest / kMiB << " MiB";
    EXPECT_GT(walBytesInMetrics(), 0);

    // Idle for a whole checkpoint interval: the WAL is copied back and truncated.
    EXPECT_TRUE(spinUntil([&] { return walBytes() == 0; }, 15000)) << walBytes() << " bytes left";
    EXPECT_EQ(walBytesInMetrics(), 0);
}
