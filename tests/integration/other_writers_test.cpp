// SPDX-License-Identifier: GPL-3.0-or-later
// Other processes writing the server's database while totems issue: the admin CLI, a
// backup's checkpoint. The server waits for the lock; no patient gets a 5xx.
#include "integration/serverfixture.h"
#include "support/issueload.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>
#include <future>
#include <thread>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

class OtherWriters : public ServerFixture
{
protected:
    // Issues `count` tickets on another thread while `meanwhile` runs here, again and again.
    IssueLoadResult issueWhile(int count, const std::function<void(int)> &meanwhile)
    {
        IssueLoad load(server.url(), totemToken, { consulta }, 4);
        auto issuing = std::async(std::launch::async, [&] { return load.run(count); });
        for (int i = 0; issuing.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready; ++i)
            meanwhile(i);
        return issuing.get();
    }
};

} // namespace

TEST_F(OtherWriters, TheAdminCliWritingWhileTotemsIssueCausesNoServerErrors)
{
    int cliFailures = 0;
    const IssueLoadResult r = issueWhile(1500, [&](int i) {
        int rc = 0;
        if (i % 2 == 0)
            server.runCli({ u"patient"_s, u"set"_s, u"--cpf"_s, validCpf(900000 + i), u"--name"_s,
                              u"Paciente %1"_s.arg(i), u"--birth-date"_s, u"1941-03-02"_s },
                &rc);
        else
            server.runCli(
                { u"device"_s, u"add"_s, u"--role"_s, u"totem"_s, u"--name"_s, u"Totem %1"_s.arg(i) }, &rc);
        cliFailures += rc != 0;
    });
    EXPECT_EQ(r.serverErrors(), 0) << r.firstFailures.join(u'\n').toStdString();
    EXPECT_EQ(r.created, 1500) << r.firstFailures.join(u'\n').toStdString();
    EXPECT_EQ(cliFailures, 0);
}

TEST_F(OtherWriters, TruncatingCheckpointsFromAnotherProcessCauseNoServerErrors)
{
    std::atomic<bool> stop { false };
    std::atomic<int> checkpoints { 0 };
    std::thread backup([&] {
        // Its own connection, as a backup script's sqlite3 would have.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"backup"_s);
            db.setDatabaseName(server.dataDir() + u"/clinico.sqlite"_s);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
            ASSERT_TRUE(db.open());
            QSqlQuery q(db);
            while (!stop) {
                if (q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s))
                    ++checkpoints;
                q.finish();
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        QSqlDatabase::removeDatabase(u"backup"_s);
    });
    // Rounds of 500 tickets until the backup has checkpointed often under the load: a fast
    // machine issues a round in less time than ten checkpoints take.
    IssueLoad load(server.url(), totemToken, { consulta }, 4);
    int asked = 0;
    int created = 0;
    int serverErrors = 0;
    QStringList failures;
    while (asked < 1500 || (checkpoints <= 10 && asked < 20000)) {
        const IssueLoadResult r = load.run(500);
        asked += 500;
        created += r.created;
        serverErrors += r.serverErrors();
        failures += r.firstFailures;
    }
    stop = true;
    backup.join();
    EXPECT_GT(checkpoints, 10);
    EXPECT_EQ(serverErrors, 0) << failures.join(u'\n').toStdString();
    EXPECT_EQ(created, asked) << failures.join(u'\n').toStdString();
}
