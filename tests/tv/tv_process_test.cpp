// SPDX-License-Identifier: GPL-3.0-or-later
// The real clinico-tv program (offscreen) against the real server: a power cut of the TV
// (SIGKILL) mid-stream loses and repeats nothing once it is back.
#include "integration/serverfixture.h"
#include "qstringprinter.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

// What the TV has on disk: its last sequence and its call-outs, oldest first. Read-only, from
// outside the process, as IT would look at a TV's cache.
struct OnDisk
{
    qint64 lastSeq = -1;
    QStringList codes;
};

OnDisk readCache(const QString &path)
{
    OnDisk out;
    const QString name = u"tv-process-test-peek"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"SELECT value FROM meta WHERE key = 'lastSeq'"_s) && q.next())
                out.lastSeq = q.value(0).toLongLong();
            if (q.exec(u"SELECT json FROM calls ORDER BY id"_s)) {
                while (q.next())
                    out.codes << QJsonDocument::fromJson(q.value(0).toByteArray())
                                     .object()
                                     .value(u"code"_s)
                                     .toString();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

class TvProcess : public ServerFixture
{
protected:
    void startTv()
    {
        tv = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        tv->setProcessEnvironment(env);
        tv->setProcessChannelMode(QProcess::MergedChannels);
        tv->setStandardOutputFile(dir.filePath(u"tv.log"_s), QIODevice::Append);
        tv->start(QStringLiteral(CLINICO_TV_BINARY),
            { u"--server"_s, server.url().toString(), u"--token"_s, tvToken, u"--data-dir"_s,
                dir.filePath(u"tv"_s), u"--config"_s, u"/dev/null"_s, u"--windowed"_s, u"--speech"_s,
                u"false"_s, u"--chime"_s, u"false"_s });
        ASSERT_TRUE(tv->waitForStarted(5000));
    }
    QString cachePath() const { return dir.filePath(u"tv/tv-cache.sqlite"_s); }
    bool waitUntilCaughtUp(int timeoutMs)
    {
        return spinUntil([&] { return readCache(cachePath()).lastSeq == lastSeq(); }, timeoutMs);
    }
    QString callNext(qint64 counter)
    {
        auto r = desk->post(u"/api/v1/counters/%1/call-next"_s.arg(counter));
        EXPECT_TRUE(r.ok() && r->isSuccess());
        return r->json().value(u"ticket"_s).toObject().value(u"code"_s).toString();
    }
    void TearDown() override
    {
        if (tv) {
            tv->kill();
            tv->waitForFinished(3000);
        }
        if (HasFailure()) {
            QFile log(dir.filePath(u"tv.log"_s));
            log.open(QIODevice::ReadOnly);
            std::cerr << "--- TV log ---\n" << log.readAll().toStdString() << std::endl;
        }
        ServerFixture::TearDown();
    }

    QTemporaryDir dir;
    std::unique_ptr<QProcess> tv;
};

TEST_F(TvProcess, APowerCutOfTheTvLosesAndRepeatsNothing)
{
    startTv();
    for (int i = 0; i < 8; ++i)
        totem->issue(validCpf(700 + i), consulta);
    QStringList called;
    for (int i = 0; i < 4; ++i)
        called << callNext(i % 2 ? room5 : room3);
    ASSERT_TRUE(waitUntilCaughtUp(10000)) << "the TV never stored the calls";

    tv->kill(); // SIGKILL: no chance to flush anything
    tv->waitForFinished(3000);
    for (int i = 0; i < 4; ++i)
        called << callNext(i % 2 ? room5 : room3);

    startTv();
    ASSERT_TRUE(waitUntilCaughtUp(15000)) << "the TV did not catch up after the power cut";
    EXPECT_EQ(readCache(cachePath()).codes, called);
}

} // namespace
