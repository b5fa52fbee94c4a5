// SPDX-License-Identifier: GPL-3.0-or-later
// The totem with the server gone: tickets keep coming, unique, and reach the server exactly
// once, at their original times, when it is back.
#include "totemfixture.h"

#include "catalog/catalog.h"
#include "issuing/serversync.h"
#include "outbox/outbox.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTcpServer>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;
using namespace Qt::StringLiterals;

namespace {
class TotemOffline : public TotemFixture
{
protected:
    bool leasesReady()
    {
        return spinUntil(
            [&] {
                const QString today = app->issuer().today();
                for (qint64 service : { consulta, exames }) {
                    for (auto c :
                        { PriorityClass::Normal, PriorityClass::Priority, PriorityClass::Priority80 }) {
                        if (app->outbox().numbersLeft(today, service, c) < 10)
                            return false;
                    }
                }
                return true;
            },
            5000);
    }
    bool waitDrained(int timeoutMs = 15000)
    {
        return spinUntil(
            [&] {
                app->sync().syncNow();
                return app->outbox().depth() == 0;
            },
            timeoutMs);
    }
};
} // namespace

TEST_F(TotemOffline, TwentyTicketsWhileTheServerIsDownArriveExactlyOnceAtTheirTimes)
{
    startTotem();
    // The totem leases numbers for offline use as soon as it sees the server.
    ASSERT_TRUE(leasesReady());
    server.stop();

    QHash<QString, qint64> issuedAt; // code -> when the patient got it
    for (int i = 0; i < 20; ++i) {
        const auto ticket = issueAtTotem(
            validCpf(100 + i), i % 4 == 3 ? exames : consulta, i % 5 == 4 ? u"priority"_s : u"normal"_s);
        ASSERT_TRUE(ticket.has_value()) << "ticket " << i;
        EXPECT_TRUE(ticket->offline);
        EXPECT_FALSE(issuedAt.contains(ticket->code)) << "duplicate code " << ticket->code.toStdString();
        issuedAt.insert(ticket->code, ticket->issuedAt.toMSecsSinceEpoch());
    }
    EXPECT_EQ(issuedAt.size(), 20);
    EXPECT_EQ(app->outbox().depth(), 20);
    EXPECT_FALSE(app->flow().online());
    EXPECT_EQ(printer->printed.size(), 20); // every patient got paper
    EXPECT_TRUE(issuedAt.contains(u"CN501"_s)) << "the first offline tickets use leased numbers";

    ASSERT_TRUE(server.start()) << server.log().toStdString();
    ASSERT_TRUE(waitDrained());
    const auto tickets = serverTickets();
    ASSERT_EQ(tickets.size(), 20);
    QSet<QString> seen;
    for (const auto &v : tickets) {
        const auto t = v.toObject();
        const QString code = t.value(u"code"_s).toString();
        EXPECT_FALSE(seen.contains(code));
        seen.insert(code);
        ASSERT_TRUE(issuedAt.contains(code)) << code.toStdString();
        EXPECT_EQ(t.value(u"arrivedAtMs"_s).toInteger(), issuedAt.value(code)) << code.toStdString();
        EXPECT_TRUE(t.value(u"offline"_s).toBool());
    }
    // Syncing again changes nothing: exactly once.
    app->sync().syncNow();
    spinUntil([] { return false; }, 500);
    EXPECT_EQ(serverTickets().size(), 20);
}

TEST_F(TotemOffline, ATotemThatBootsWithoutTheServerWorksFromItsCache)
{
    startTotem();
    ASSERT_TRUE(spinUntil([&] { return app->sync().isOnline(); }, 3000));
    app.reset();
    server.stop();

    startTotem(); // waits for the two services: they come from the cache
    EXPECT_EQ(app->catalog().count(), 2);
    const auto ticket = issueAtTotem(u"52998224725"_s, exames);
    ASSERT_TRUE(ticket.has_value());
    EXPECT_TRUE(ticket->offline);
    EXPECT_EQ(ticket->serviceName, u"Exames"_s);
    // The same patient again, still offline: the same ticket, reprinted.
    const auto again = issueAtTotem(u"52998224725"_s, exames);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->code, ticket->code);
    EXPECT_TRUE(again->reprint);

    ASSERT_TRUE(server.start());
    ASSERT_TRUE(waitDrained());
    EXPECT_EQ(serverTickets().size(), 1);
}

TEST_F(TotemOffline, AnOfflineTicketsQrCodeWorksOnceTheServerHasIt)
{
    startTotem();
    ASSERT_TRUE(leasesReady());
    server.stop();
    const auto ticket = issueAtTotem(u"52998224725"_s, consulta);
    ASSERT_TRUE(ticket.has_value());
    ASSERT_TRUE(ticket->offline);
    ASSERT_TRUE(ticket->statusUrl.startsWith(server.url().toString() + u"/t/"_s))
        << ticket->statusUrl.toStdString();
    EXPECT_EQ(printer->printed.last().statusUrl, ticket->statusUrl);

    ASSERT_TRUE(server.start());
    ASSERT_TRUE(waitDrained());
    ApiClient phone(server.url(), QString()); // a patient's phone: no token
    // The page is the same for every ticket; what it shows comes from its status.
    auto page = phone.get(QUrl(ticket->statusUrl).path());
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->status, 200);
    auto status = phone.get(QUrl(ticket->statusUrl).path() + u"/status"_s);
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->status, 200);
    EXPECT_TRUE(status->body.contains(ticket->code.toUtf8())) << status->body.constData();
}

TEST_F(TotemOffline, AServerThatHangsCostsThePatientAboutOneAndAHalfSecondsOnce)
{
    startTotem(); // services cached from the real server
    ASSERT_TRUE(spinUntil([&] { return app->sync().isOnline(); }, 3000));
    app.reset();

    // Fault injection: a server that accepts connections and never answers.
    QTcpServer hung;
    ASSERT_TRUE(hung.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    QObject::connect(&hung, &QTcpServer::newConnection, [&] { held << hung.nextPendingConnection(); });
    serverUrlOverride = QUrl(u"http://127.0.0.1:%1"_s.arg(hung.serverPort()));
    startTotem();

    QElapsedTimer t;
    t.start();
    const auto first = issueAtTotem(validCpf(31), consulta);
    const qint64 firstMs = t.restart();
    ASSERT_TRUE(first.has_value());
    EXPECT_TRUE(first->offline);
    EXPECT_GE(firstMs, 1400);
    EXPECT_LT(firstMs, 3000);
    const auto second = issueAtTotem(validCpf(32), consulta);
    const qint64 secondMs = t.elapsed();
    ASSERT_TRUE(second.has_value());
    EXPECT_NE(second->code, first->code);
    EXPECT_LT(secondMs, 1000) << "once the server is known to be down the patient waits less";
    std::cerr << "hung server: first ticket after " << firstMs << " ms, second after " << secondMs << " ms\n";
}

TEST_F(TotemOffline, AFirstStartWithNoServerAndNoCacheTakesNoCpf)
{
    server.stop();
    app = std::make_unique<TotemApp>(config());
    ASSERT_TRUE(app->start().ok());
    auto &flow = app->flow();
    EXPECT_FALSE(flow.ready());
    flow.typeDigit(5);
    EXPECT_TRUE(flow.cpfTyped().isEmpty()) << "nothing to issue: no CPF is taken";

    ASSERT_TRUE(server.start());
    ASSERT_TRUE(spinUntil(
        [&] {
            app->sync().syncNow();
            return flow.ready();
        },
        15000));
    flow.typeDigit(5);
    EXPECT_EQ(flow.cpfTyped(), u"5"_s);
}

TEST_F(TotemOffline, AKillBetweenTheOutboxCommitAndThePrintLosesNothing)
{
    startTotem();
    ASSERT_TRUE(spinUntil([&] { return app->sync().isOnline(); }, 3000));
    app.reset();

    // A separate process commits two requests as the totem does (one the server never
    // answered, one issued offline) and is killed with SIGKILL before printing anything.
    QProcess crasher;
    crasher.start(QStringLiteral(CLINICO_OUTBOX_CRASHER),
        { totemDir.filePath(u"totem.sqlite"_s), QString::number(consulta), validCpf(7), validCpf(8) });
    ASSERT_TRUE(crasher.waitForFinished(10000));
    EXPECT_EQ(crasher.exitStatus(), QProcess::CrashExit);

    startTotem();
    ASSERT_TRUE(spinUntil(
        [&] {
            app->sync().syncNow();
            return app->outbox().depth() == 0;
        },
        10000));
    const auto tickets = serverTickets();
    ASSERT_EQ(tickets.size(), 2);
    QStringList codes { tickets[0].toObject().value(u"code"_s).toString(),
        tickets[1].toObject().value(u"code"_s).toString() };
    EXPECT_TRUE(codes.contains(u"CN-T9-001"_s)) << codes.join(u' ').toStdString();
}

// The business day has one source, the server: a totem that was never told the clinic's
// reset time or time zone (its own default is 00:00 in São Paulo) numbers its offline tickets
// by the server's day, so the server files them, and prints their time in the clinic's zone.
TEST_F(TotemOffline, OfflineTicketsFollowTheServersCalendarNotTheTotemsOwn)
{
    // A server calendar whose day differs from the totem's default right now, whatever the hour.
    const BusinessDay totemDefault;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString zone, reset;
    for (const char *z : { "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Tokyo" }) {
        for (int hour = 0; hour < 24 && zone.isEmpty(); hour += 3) {
            if (BusinessDay(QTime(hour, 0), z).dayOf(now) != totemDefault.dayOf(now)) {
                zone = QString::fromLatin1(z);
                reset = QTime(hour, 0).toString(u"HH:mm"_s);
            }
        }
    }
    ASSERT_FALSE(zone.isEmpty());
    server.stop();
    server.extraArgs = { u"--time-zone"_s, zone, u"--reset-time"_s, reset };
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    const QString serverDay = BusinessDay(QTime::fromString(reset, u"HH:mm"_s), zone.toLatin1()).dayOf(now);

    startTotem();
    ASSERT_TRUE(spinUntil([&] { return app->issuer().today() == serverDay; }, 5000))
        << app->issuer().today().toStdString() << " vs the server's " << serverDay.toStdString();
    ASSERT_TRUE(leasesReady());
    server.stop();

    const auto ticket = issueAtTotem(validCpf(7), consulta);
    ASSERT_TRUE(ticket.has_value());
    EXPECT_TRUE(ticket->offline);
    EXPECT_EQ(ticket->code, u"CN501"_s) << "a leased number of the server's day";
    ASSERT_FALSE(printer->printed.isEmpty());
    EXPECT_EQ(printer->printed.last().issuedAt.timeZone().id(), zone.toLatin1()) << "printed in clinic time";

    ASSERT_TRUE(server.start()) << server.log().toStdString();
    ASSERT_TRUE(waitDrained()) << "the server refused the offline ticket";
    const auto tickets = serverTickets();
    ASSERT_EQ(tickets.size(), 1);
    EXPECT_EQ(tickets.first().toObject().value(u"code"_s).toString(), u"CN501"_s);
}
