// SPDX-License-Identifier: GPL-3.0-or-later
// The real clinico-tv program (offscreen) against the real server: a power cut of the TV
// (SIGKILL) mid-stream loses and repeats nothing once it is back; a TV with no token enrols
// by code, shows calls, and enrols again when the console revokes it.
#include "integration/serverfixture.h"
#include "qstringprinter.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
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
    void startTv(const QString &token)
    {
        tv = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        tv->setProcessEnvironment(env);
        tv->setProcessChannelMode(QProcess::MergedChannels);
        tv->setStandardOutputFile(dir.filePath(u"tv.log"_s), QIODevice::Append);
        QStringList args { u"--server"_s, server.url().toString(), u"--data-dir"_s, dir.filePath(u"tv"_s),
            u"--config"_s, u"/dev/null"_s, u"--windowed"_s, u"--speech"_s, u"false"_s, u"--chime"_s,
            u"false"_s, u"--status-interval"_s, u"5"_s };
        if (!token.isEmpty())
            args << u"--token"_s << token;
        tv->start(QStringLiteral(CLINICO_TV_BINARY), args);
        ASSERT_TRUE(tv->waitForStarted(5000));
    }
    // The enrolment codes the TV has shown so far, from its log (what IT reads off the screen).
    QStringList shownCodes() const
    {
        QFile log(dir.filePath(u"tv.log"_s));
        if (!log.open(QIODevice::ReadOnly))
            return {};
        static const QRegularExpression shown(u"showing code \"?([2-9A-Z]{4}-[2-9A-Z]{4})"_s);
        QStringList codes;
        for (auto it = shown.globalMatch(QString::fromUtf8(log.readAll())); it.hasNext();)
            codes << it.next().captured(1);
        return codes;
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
    startTv(tvToken);
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

    startTv(tvToken);
    ASSERT_TRUE(waitUntilCaughtUp(15000)) << "the TV did not catch up after the power cut";
    EXPECT_EQ(readCache(cachePath()).codes, called);
}

TEST_F(TvProcess, ATvWithNoTokenEnrolsByCodeShowsCallsAndEnrolsAgainWhenRevoked)
{
    const QString adminToken = server.addDevice(u"admin"_s, u"TI"_s);
    ApiClient admin(server.url(), adminToken);
    startTv({});
    ASSERT_TRUE(spinUntil([&] { return !shownCodes().isEmpty(); }, 10000)) << "no enrolment code shown";
    const QJsonArray pending = admin.get(u"/api/v1/enrolments"_s)->json().value(u"enrolments"_s).toArray();
    ASSERT_EQ(pending.size(), 1);
    EXPECT_EQ(pending[0][u"role"_s].toString(), u"tv"_s);

    auto approved = admin.post(u"/api/v1/enrolments/approve"_s,
        protocol::EnrolmentApproval { shownCodes().constFirst(), u"TV da sala"_s }.toJson());
    ASSERT_TRUE(approved.ok() && approved->status == 201) << (approved ? approved->body.constData() : "");
    const QString tokenFile = dir.filePath(u"tv/device-token"_s);
    ASSERT_TRUE(spinUntil([&] { return QFile::exists(tokenFile); }, 10000));
    EXPECT_EQ(QFile::permissions(tokenFile) & ~(QFile::ReadUser | QFile::WriteUser),
        QFile::ReadOwner | QFile::WriteOwner);

    // Without a restart by hand, the TV now shows the calls.
    totem->issue(validCpf(801), consulta);
    const QString code = callNext(room3);
    ASSERT_TRUE(spinUntil([&] { return readCache(cachePath()).codes.contains(code); }, 10000));

    // Revoked in the console: the next status report is refused, the TV forgets its token and
    // shows a new code.
    const qint64 id = approved->json().value(u"id"_s).toInteger();
    ASSERT_EQ(admin.post(u"/api/v1/devices/%1/revoke"_s.arg(id))->status, 204);
    EXPECT_TRUE(spinUntil([&] { return shownCodes().size() == 2; }, 15000)) << "no new code after revocation";
    EXPECT_FALSE(QFile::exists(tokenFile));
    EXPECT_EQ(tv->state(), QProcess::Running);
}

} // namespace
