// SPDX-License-Identifier: GPL-3.0-or-later
// The TV against the real clinico-server on loopback: what reaches its model, what it would
// say, what survives a server crash and a reboot with no network.
#include "announce/announcementqueue.h"
#include "announce/phrasing.h"
#include "app/tvapp.h"
#include "app/tvdisplay.h"
#include "device/statusreporter.h"
#include "fakevoice.h"
#include "feed/callfeed.h"
#include "heartbeat.h"
#include "integration/serverfixture.h"
#include "net/eventstreamclient.h"
#include "qstringprinter.h"
#include "support/recordingannouncer.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QWebSocket>

#include <atomic>
#include <thread>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::tv;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

class TvEndToEnd : public ServerFixture
{
protected:
    std::unique_ptr<TvApp> makeTv(test::RecordingAnnouncer &announcer, TvConfig config = {})
    {
        config.serverUrl = server.url();
        config.token = tvToken;
        config.dataDir = tvDir.path();
        config.highlightSeconds = 0;
        config.offlineSignAfterSeconds = 1;
        TvApp::Seams seams;
        seams.announcer = &announcer;
        seams.reconnectInitialMs = 50;
        seams.reconnectMaxMs = 500;
        auto tv = std::make_unique<TvApp>(config, seams);
        EXPECT_TRUE(tv->start().ok());
        return tv;
    }
    static QStringList codesOldestFirst(TvApp &tv)
    {
        QStringList codes;
        for (const CallAnnouncement &c : tv.feed().calls())
            codes.prepend(c.code);
        return codes;
    }
    QString callNext(qint64 counter)
    {
        auto r = desk->post(u"/api/v1/counters/%1/call-next"_s.arg(counter));
        EXPECT_TRUE(r.ok() && r->isSuccess());
        return r->json().value(u"ticket"_s).toObject().value(u"code"_s).toString();
    }

    QTemporaryDir tvDir;
};

TEST_F(TvEndToEnd, ACallReachesTheTvModelAndIsAnnouncedInPortuguese)
{
    test::RecordingAnnouncer announcer;
    auto tv = makeTv(announcer);
    ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected() && tv->feed().lastSeq() >= 0; }, 5000));
    totem->issue(validCpf(1), consulta);
    EXPECT_EQ(callNext(room3), u"CN001"_s);
    ASSERT_TRUE(spinUntil([&] { return announcer.texts.size() == 1; }, 5000));
    EXPECT_EQ(announcer.texts.first(), u"Senha cê êne zero zero um, consultório três."_s);
    EXPECT_EQ(tv->display().currentCode(), u"CN001"_s);
    EXPECT_EQ(tv->display().currentDestination(), u"Consultório 3"_s);
    EXPECT_EQ(tv->display().currentService(), u"Consulta"_s);

    // A recall is said again, as a recall.
    const qint64 ticketId = tv->feed().calls().first().ticketId;
    expectOk(desk->post(u"/api/v1/tickets/%1/recall"_s.arg(ticketId)));
    ASSERT_TRUE(spinUntil([&] { return announcer.texts.size() == 2; }, 5000));
    EXPECT_EQ(announcer.texts.last(), u"Chamando novamente. Senha cê êne zero zero um, consultório três."_s);
    EXPECT_TRUE(tv->display().currentRecall());
    EXPECT_EQ(announcer.overlaps, 0);
}

// The README demo's frozen TV: a voice that never finishes must not stop the screen. With the
// real announcer (VoiceProcess) on a voice that hangs forever, every call still becomes the
// current call, the clock's thread keeps running, the stream stays connected, and the server
// is told "no-audio" with the reason.
TEST_F(TvEndToEnd, AHangingVoiceNeverFreezesTheScreenAndTheServerIsToldThereIsNoAudio)
{
    FakeVoice hanging(FakeVoice::Behaviour::Hangs);
    TvConfig config;
    config.serverUrl = server.url();
    config.token = tvToken;
    config.dataDir = tvDir.path();
    config.highlightSeconds = 0;
    config.voiceProgram = hanging.program();
    TvApp::Seams seams;
    seams.announceDeadlineMs = 800;
    TvApp tv(config, seams);
    ASSERT_TRUE(tv.start().ok());
    ASSERT_TRUE(spinUntil([&] { return tv.stream().isConnected(); }, 5000));
    clinico::test::Heartbeat heart;

    QStringList shown;
    QObject::connect(&tv.queue(), &AnnouncementQueue::started,
        [&](const CallAnnouncement &c, const QString &) { shown << c.code; });
    for (int i = 1; i <= 3; ++i)
        totem->issue(validCpf(i), consulta);
    for (int i = 0; i < 3; ++i)
        callNext(room3);
    ASSERT_TRUE(spinUntil([&] { return shown.size() == 3 && !tv.queue().isBusy(); }, 10000))
        << shown.join(u' ').toStdString();
    EXPECT_EQ(shown, (QStringList { u"CN001"_s, u"CN002"_s, u"CN003"_s }));
    EXPECT_EQ(tv.display().currentCode(), u"CN003"_s);
    EXPECT_TRUE(heart.neverStalled())
        << "the GUI thread stalled: " << heart.ticks << " ticks in " << heart.clock.elapsed() << " ms";
    EXPECT_TRUE(tv.stream().isConnected());
    EXPECT_TRUE(spinUntil(
        [&] {
            const QString devices = server.devicesAsStaffSee();
            return devices.contains(u"\"audioState\":\"no-audio\""_s)
                && devices.contains(u"a voz não terminou a tempo"_s);
        },
        5000))
        << server.devicesAsStaffSee().toStdString();
}

TEST_F(TvEndToEnd, ServerKilledAndRestartedMidStreamLosesAndRepeatsNothing)
{
    test::RecordingAnnouncer announcer;
    auto tv = makeTv(announcer);
    ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected(); }, 5000));
    for (int i = 0; i < 8; ++i)
        totem->issue(validCpf(100 + i), consulta);
    QStringList called;
    for (int i = 0; i < 4; ++i)
        called << callNext(i % 2 ? room5 : room3);
    ASSERT_TRUE(spinUntil([&] { return tv->feed().calls().size() == 4; }, 5000));

    server.kill();
    ASSERT_TRUE(spinUntil([&] { return !tv->stream().isConnected(); }, 5000));
    ASSERT_TRUE(spinUntil([&] { return tv->display().offlineSignVisible(); }, 3000)) << "the sign for staff";
    ASSERT_TRUE(server.start()) << server.log().toStdString();
    for (int i = 0; i < 4; ++i)
        called << callNext(i % 2 ? room5 : room3);
    ASSERT_TRUE(spinUntil([&] { return tv->feed().calls().size() == 8; }, 15000))
        << "the TV did not catch up";
    ASSERT_TRUE(spinUntil([&] { return announcer.texts.size() == 8; }, 5000));
    spinUntil([] { return false; }, 300); // a duplicate would arrive now
    EXPECT_EQ(codesOldestFirst(*tv), called);
    EXPECT_EQ(announcer.texts.size(), 8);
    EXPECT_EQ(QSet<QString>(announcer.texts.begin(), announcer.texts.end()).size(), 8);
    EXPECT_FALSE(tv->display().offlineSignVisible());
}

TEST_F(TvEndToEnd, TenCallsInOneSecondAreAllShownAndSpokenInOrderOnce)
{
    test::RecordingAnnouncer announcer(5);
    auto tv = makeTv(announcer);
    ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected(); }, 5000));
    for (int i = 0; i < 10; ++i)
        totem->issue(validCpf(200 + i), consulta, i % 3 ? PriorityClass::Normal : PriorityClass::Priority);
    // The server's own order of the call-outs, as any subscriber sees it.
    EventRecorder reference(server.url(), deskToken, lastSeq());
    ASSERT_TRUE(reference.waitConnected());
    // Ten desks click at the same moment.
    QElapsedTimer t;
    t.start();
    std::vector<std::thread> desks;
    std::atomic<int> failures { 0 };
    for (int i = 0; i < 10; ++i) {
        desks.emplace_back([&, i] {
            ApiClient client(server.url(), deskToken);
            auto r = client.post(u"/api/v1/counters/%1/call-next"_s.arg(i % 2 ? room5 : room3));
            if (!r.ok() || !r->isSuccess())
                ++failures;
        });
    }
    for (auto &d : desks)
        d.join();
    EXPECT_LT(t.elapsed(), 1000) << "the burst took too long to be a burst";
    ASSERT_EQ(failures, 0);
    ASSERT_TRUE(reference.waitForEvents(10));
    QStringList called;
    for (const Event &e : reference.events) {
        if (e.kind == EventKind::TicketCalled)
            called << e.data.value(u"code"_s).toString();
    }
    ASSERT_EQ(called.size(), 10);
    ASSERT_TRUE(spinUntil([&] { return tv->feed().calls().size() == 10; }, 5000));
    EXPECT_EQ(codesOldestFirst(*tv), called);
    ASSERT_TRUE(spinUntil([&] { return announcer.texts.size() == 10 && !tv->queue().isBusy(); }, 10000));
    spinUntil([] { return false; }, 200);
    ASSERT_EQ(announcer.texts.size(), 10);
    EXPECT_EQ(announcer.overlaps, 0);
    for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(announcer.texts[i].startsWith(u"Senha "_s + voice::Phrasing::spokenCode(called[i])))
            << i << ": " << announcer.texts[i].toStdString();
    }
}

TEST_F(TvEndToEnd, ATvBootedWithNoServerShowsItsCachedStateAtOnce)
{
    QString lastCode;
    {
        test::RecordingAnnouncer announcer;
        auto tv = makeTv(announcer);
        ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected(); }, 5000));
        for (int i = 0; i < 3; ++i)
            totem->issue(validCpf(300 + i), consulta);
        for (int i = 0; i < 3; ++i)
            lastCode = callNext(room3);
        ASSERT_TRUE(
            spinUntil([&] { return tv->feed().calls().size() == 3 && tv->feed().hasSettings(); }, 5000));
    }
    server.kill();

    test::RecordingAnnouncer announcer;
    auto tv = makeTv(announcer);
    // No event loop has run yet: the state is there from the cache, before any network.
    EXPECT_EQ(tv->display().currentCode(), lastCode);
    EXPECT_EQ(tv->display().history()->rowCount(), 2);
    EXPECT_FALSE(tv->display().clinicName().isEmpty());
    EXPECT_FALSE(tv->display().connected());
    ASSERT_TRUE(spinUntil([&] { return tv->display().offlineSignVisible(); }, 3000));
    EXPECT_TRUE(announcer.texts.isEmpty()) << "a reboot must not repeat old calls";

    // The server comes back; the TV resumes where it was and hears only the new call.
    ASSERT_TRUE(server.start());
    totem->issue(validCpf(310), consulta);
    const QString fresh = callNext(room5);
    ASSERT_TRUE(spinUntil([&] { return announcer.texts.size() == 1; }, 15000));
    EXPECT_EQ(tv->display().currentCode(), fresh);
    EXPECT_EQ(tv->feed().calls().size(), 4);
}

TEST_F(TvEndToEnd, CallsMissedWhileOfflineAppearButOldOnesAreNotAnnouncedLate)
{
    {
        test::RecordingAnnouncer announcer;
        auto tv = makeTv(announcer);
        ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected(); }, 5000));
    }
    for (int i = 0; i < 2; ++i)
        totem->issue(validCpf(400 + i), consulta);
    const QString first = callNext(room3);
    const QString second = callNext(room5);

    test::RecordingAnnouncer announcer;
    TvConfig config;
    config.maxAnnounceAgeSeconds = 0; // everything missed counts as old here
    auto tv = makeTv(announcer, config);
    ASSERT_TRUE(spinUntil([&] { return tv->feed().calls().size() == 2; }, 5000));
    EXPECT_EQ(codesOldestFirst(*tv), (QStringList { first, second }));
    spinUntil([] { return false; }, 300);
    EXPECT_TRUE(announcer.texts.isEmpty());
}

TEST_F(TvEndToEnd, ATvShowsOnlyItsServices)
{
    test::RecordingAnnouncer announcer;
    TvConfig config;
    config.filter.serviceIds = { exames };
    auto tv = makeTv(announcer, config);
    ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected(); }, 5000));
    totem->issue(validCpf(500), consulta);
    callNext(room3);
    const qint64 lab = server.addCounter(u"Sala de Coleta 1"_s, { exames });
    const auto labTicket = totem->issue(validCpf(501), exames);
    expectOk(desk->post(u"/api/v1/tickets/%1/call"_s.arg(labTicket.ticket.id),
        QJsonObject { { u"counterId"_s, lab }, { u"reason"_s, u"coleta"_s } }));
    ASSERT_TRUE(spinUntil([&] { return announcer.texts.size() == 1; }, 5000));
    spinUntil([] { return false; }, 200);
    ASSERT_EQ(tv->feed().calls().size(), 1);
    EXPECT_EQ(tv->feed().calls().first().code, labTicket.ticket.code);
}

TEST_F(TvEndToEnd, SettingsChangedOnTheServerReachTheScreenAndTheCache)
{
    test::RecordingAnnouncer announcer;
    auto tv = makeTv(announcer);
    ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected() && tv->feed().hasSettings(); }, 5000));
    ApiClient admin(server.url(), server.addDevice(u"admin"_s, u"Admin"_s));
    DisplaySettings s;
    s.clinicName = u"Clínica São Lucas"_s;
    s.notice = u"Atendimento até às 18h"_s;
    expectOk(admin.send("PUT", u"/api/v1/settings/display"_s, QJsonDocument(s.toJson()).toJson()));
    ASSERT_TRUE(spinUntil([&] { return tv->display().notice() == s.notice; }, 5000));
    EXPECT_EQ(tv->display().clinicName(), s.clinicName);
    tv.reset();
    server.kill();
    auto rebooted = makeTv(announcer);
    EXPECT_EQ(rebooted->display().clinicName(), s.clinicName) << "settings come back from the cache";
    EXPECT_EQ(rebooted->display().notice(), s.notice);
}

// The clinic's logo lives on its website: the TV fetches it without its token and keeps it.
TEST_F(TvEndToEnd, TheLogoIsFetchedWithoutTheTokenAndShownOffline)
{
    QImage image(120, 60, QImage::Format_RGB32);
    image.fill(QColor(0, 120, 200));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(image.save(&buffer, "PNG"));
    QTcpServer website;
    ASSERT_TRUE(website.listen(QHostAddress::LocalHost));
    QByteArray request;
    QObject::connect(&website, &QTcpServer::newConnection, [&] {
        QTcpSocket *socket = website.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
            request += socket->readAll();
            if (!request.contains("\r\n\r\n"))
                return;
            socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\nContent-Length: "
                + QByteArray::number(png.size()) + "\r\n\r\n" + png);
            socket->disconnectFromHost();
        });
    });

    test::RecordingAnnouncer announcer;
    auto tv = makeTv(announcer);
    ASSERT_TRUE(spinUntil([&] { return tv->stream().isConnected(); }, 5000));
    ApiClient admin(server.url(), server.addDevice(u"admin"_s, u"Admin"_s));
    DisplaySettings s;
    s.clinicName = u"Clínica Boa Saúde"_s;
    s.logoUrl = u"http://127.0.0.1:%1/logo.png"_s.arg(website.serverPort());
    expectOk(admin.send("PUT", u"/api/v1/settings/display"_s, QJsonDocument(s.toJson()).toJson()));
    ASSERT_TRUE(spinUntil([&] { return !tv->display().logoSource().isEmpty(); }, 5000))
        << request.constData();
    EXPECT_EQ(tv->display().logo().size(), QSize(120, 60));
    EXPECT_TRUE(request.startsWith("GET /logo.png"));
    EXPECT_FALSE(request.contains(tvToken.toUtf8())) << "the TV's token went to another host";
    EXPECT_FALSE(request.toLower().contains("authorization"));

    tv.reset();
    server.kill();
    website.close();
    auto rebooted = makeTv(announcer);
    EXPECT_FALSE(rebooted->display().logoSource().isEmpty()) << "the logo comes back from the cache";
    EXPECT_EQ(rebooted->display().logo().size(), QSize(120, 60));
}

TEST_F(TvEndToEnd, TheTvReportsItsVersionToTheServer)
{
    test::RecordingAnnouncer announcer;
    auto tv = makeTv(announcer);
    ASSERT_TRUE(spinUntil([&] { return tv->status() && tv->status()->reportsSent() > 0; }, 5000));
    const QString devices = server.devicesAsStaffSee();
    bool found = false;
    const auto list = QJsonDocument::fromJson(devices.toUtf8()).object().value(u"devices"_s).toArray();
    for (const QJsonValue &d : list) {
        const QJsonObject device = d.toObject();
        if (device.value(u"role"_s).toString() == u"tv"_s) {
            found = true;
            EXPECT_EQ(device.value(u"version"_s).toString(), QStringLiteral(CLINICO_VERSION));
            EXPECT_GT(device.value(u"lastSeenMs"_s).toInteger(), 0);
        }
    }
    EXPECT_TRUE(found) << devices.toStdString();
}

// Everything a TV token receives on the event stream, as raw text, and the TV's own cache.
TEST_F(TvEndToEnd, NothingATvReceivesOrStoresContainsACpf)
{
    const QString adminToken = server.addDevice(u"admin"_s, u"Admin"_s);
    ApiClient admin(server.url(), adminToken);
    QStringList cpfs;
    for (int i = 0; i < 4; ++i)
        cpfs << validCpf(600 + i);
    // A patient with a name in the registry, and names turned on: the TV gets "Maria S." only.
    server.runCli({ u"patient"_s, u"set"_s, u"--cpf"_s, cpfs[0], u"--name"_s, u"Maria Souza"_s,
        u"--birth-date"_s, u"1940-05-02"_s });

    QStringList frames;
    QWebSocket socket;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &m) { frames << m; });
    QNetworkRequest request(EventStreamClient::eventsUrl(server.url(), -1));
    request.setRawHeader("Authorization", "Bearer " + tvToken.toUtf8());
    socket.open(request);
    test::RecordingAnnouncer announcer;
    auto tv = makeTv(announcer);
    ASSERT_TRUE(spinUntil([&] { return !frames.isEmpty() && tv->stream().isConnected(); }, 5000));

    auto settings = admin.get(u"/api/v1/settings/display"_s);
    ASSERT_TRUE(settings.ok());
    QJsonObject s = settings->json();
    s[u"showNames"_s] = true;
    expectOk(admin.send("PUT", u"/api/v1/settings/display"_s, QJsonDocument(s).toJson()));

    totem->issue(cpfs[0], consulta, PriorityClass::Priority80);
    totem->issue(cpfs[1], consulta, PriorityClass::Priority);
    totem->issue(cpfs[2], exames);
    totem->issue(cpfs[3], consulta);
    const QString code = callNext(room3);
    callNext(room5);
    ASSERT_TRUE(spinUntil([&] { return tv->feed().calls().size() == 2; }, 5000));
    expectOk(desk->post(u"/api/v1/tickets/%1/no-show"_s.arg(tv->feed().calls().last().ticketId)));
    // hello, snapshot, settings.changed, 2 called: a TV is not sent the issuing or the no-show
    ASSERT_TRUE(spinUntil([&] { return frames.size() >= 5; }, 5000)) << frames.size();
    spinUntil([] { return false; }, 300);
    socket.close();

    tv->flushCache();
    QFile cacheFile(tv->cachePath());
    ASSERT_TRUE(cacheFile.open(QIODevice::ReadOnly));
    QByteArray cached = cacheFile.readAll();
    QFile wal(tv->cachePath() + u"-wal"_s);
    if (wal.open(QIODevice::ReadOnly))
        cached += wal.readAll();

    const QString all = frames.join(u'\n');
    for (const QString &cpf : cpfs) {
        const QString formatted
            = u"%1.%2.%3-%4"_s.arg(cpf.mid(0, 3), cpf.mid(3, 3), cpf.mid(6, 3), cpf.mid(9, 2));
        EXPECT_FALSE(all.contains(cpf)) << "CPF on the TV's event stream";
        EXPECT_FALSE(all.contains(formatted)) << "CPF on the TV's event stream";
        EXPECT_FALSE(cached.contains(cpf.toUtf8())) << "CPF in the TV's cache";
    }
    EXPECT_FALSE(all.contains(u"Souza"_s)) << "a full name on the TV";
    EXPECT_FALSE(all.contains(u"1940"_s)) << "a birth date on the TV";
    EXPECT_FALSE(all.contains(u"cpf"_s, Qt::CaseInsensitive));
    EXPECT_FALSE(all.contains(u"reason"_s, Qt::CaseInsensitive)) << "a priority reason on the TV";
    EXPECT_TRUE(all.contains(code)) << "the stream was recorded";
    EXPECT_TRUE(all.contains(u"Maria S."_s)) << "names were turned on";
    EXPECT_FALSE(all.contains(u"ticket.issued"_s)) << "who is waiting is not a TV's business";
    EXPECT_FALSE(all.contains(u"ticket.updated"_s));
    EXPECT_FALSE(all.contains(u"priority80"_s)) << "no priority class next to a name";
}

} // namespace
