// SPDX-License-Identifier: GPL-3.0-or-later
// A totem with no token, as a kiosk image boots in a new clinic: it shows a code and its QR,
// an admin approves the code through the API, the totem stores its token (0600) and issues
// tickets with it; revoked in the console, it hears so and forgets the token.
#include "totemfixture.h"

#include "enrolment/enrolfile.h"
#include "enrolment/enrolmentscreen.h"
#include "enrolment/storedtoken.h"
#include "issuing/serversync.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QProcess>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QtQml/qqmlextensionplugin.h>

#include <sys/stat.h>

Q_IMPORT_QML_PLUGIN(Clinico_KioskPlugin)

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

class TotemEnrolment : public TotemFixture
{
protected:
    EnrolmentClient::Options options() const
    {
        return { server.url(), protocol::Role::Totem, u"0.1.0"_s, totemDir.path(), {}, {}, 200, 200 };
    }
    QImage shoot(QQuickWindow *window, QSize size, const QString &name)
    {
        window->resize(size);
        spinUntil([] { return false; }, 200); // let bindings and layouts settle
        QImage image = window->grabWindow();
        QDir().mkpath(QStringLiteral(CLINICO_SCREENSHOT_DIR));
        const QString path = QStringLiteral(CLINICO_SCREENSHOT_DIR "/%1.png").arg(name);
        EXPECT_TRUE(image.save(path)) << path.toStdString();
        lastShot = path;
        return image;
    }
    // What a phone reading the QR on the screen would get (zbarimg, Debian's zbar-tools).
    static QString decodeQr(const QString &png)
    {
        QProcess zbar;
        zbar.start(u"zbarimg"_s, { u"--quiet"_s, u"--raw"_s, png });
        if (!zbar.waitForFinished(10000))
            return {};
        return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
    }
    QString lastShot;
};

} // namespace

TEST_F(TotemEnrolment, ATotemWithNoTokenShowsACodeIsApprovedAndIssuesTickets)
{
    const QString adminToken = server.addDevice(u"admin"_s, u"TI"_s);
    ASSERT_TRUE(StoredToken::read(totemDir.path()).token.isEmpty());

    EnrolmentClient client(options());
    EnrolmentScreen screen(client);
    ASSERT_TRUE(screen.show(true).ok());
    client.start();
    ASSERT_TRUE(spinUntil([&] { return client.status() == EnrolmentClient::Waiting; }, 5000))
        << client.status().toStdString() << ' ' << client.detail().toStdString();
    const QString code = client.code();
    ASSERT_TRUE(QRegularExpression(u"^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$"_s).match(code).hasMatch());

    // The code is on screen, and its QR opens the console with the code filled in.
    const QString consoleLink = server.url().toString() + u"/desk/#/admin?enrol="_s + code;
    for (const auto &[name, size] : { std::pair { u"enrolment-portrait"_s, QSize(1080, 1920) },
             std::pair { u"enrolment-landscape"_s, QSize(1920, 1080) } }) {
        const QImage image = shoot(screen.window(), size, name);
        ASSERT_EQ(image.size(), size * screen.window()->devicePixelRatio());
        EXPECT_EQ(decodeQr(lastShot), consoleLink) << name.toStdString();
    }

    // An admin types the code; the totem's next poll takes the token.
    auto approved = ApiClient(server.url(), adminToken)
                        .post(u"/api/v1/enrolments/approve"_s,
                            protocol::EnrolmentApproval { code, u"Totem da entrada"_s }.toJson());
    ASSERT_TRUE(approved.ok() && approved->status == 201) << (approved ? approved->body.constData() : "");
    QString handed;
    QObject::connect(&client, &EnrolmentClient::enrolled, [&](const QString &token) { handed = token; });
    ASSERT_TRUE(spinUntil([&] { return !handed.isEmpty(); }, 5000)) << client.status().toStdString();
    EXPECT_EQ(client.status(), EnrolmentClient::Enrolled);
    EXPECT_EQ(client.detail(), u"Totem da entrada"_s);
    shoot(screen.window(), QSize(1080, 1920), u"enrolment-enrolled"_s);

    // Stored for the next boot, readable by the kiosk's user only.
    EXPECT_EQ(StoredToken::read(totemDir.path()).token, handed);
    EXPECT_EQ(StoredToken::read(totemDir.path()).server, server.url());
    struct stat info
    {
    };
    ASSERT_EQ(
        ::stat(QFile::encodeName(QDir(totemDir.path()).filePath(StoredToken::kFileName)).constData(), &info),
        0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    // The next start uses it, and a token in the configuration still wins.
    auto next = EnrolmentScreen::ensureEnrolled({ server.url(), {} }, options(), true);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->token, handed);
    auto pinned = EnrolmentScreen::ensureEnrolled({ server.url(), u"from-config"_s }, options(), true);
    EXPECT_EQ(pinned->token, u"from-config"_s);

    // The totem starts with it and a patient gets a ticket filed by the server.
    totemToken = handed;
    startTotem();
    const auto ticket = issueAtTotem(validCpf(7), consulta);
    ASSERT_TRUE(ticket.has_value());
    EXPECT_FALSE(ticket->offline);
    EXPECT_EQ(serverTickets().size(), 1);

    // Its health reaches the admin view: version, uptime, disk free of its data directory.
    ApiClient admin(server.url(), adminToken);
    auto reported = [&]() -> std::optional<protocol::DeviceInfo> {
        for (const QJsonValue &v : admin.get(u"/api/v1/devices"_s)->json().value(u"devices"_s).toArray()) {
            auto d = protocol::DeviceInfo::fromJson(v.toObject());
            if (d && d->name == u"Totem da entrada"_s && d->diskFreeBytes > 0)
                return *d;
        }
        return std::nullopt;
    };
    ASSERT_TRUE(spinUntil([&] { return reported().has_value(); }, 10000));
    EXPECT_EQ(reported()->version, QStringLiteral(CLINICO_VERSION));
    EXPECT_FALSE(reported()->silent);
    EXPECT_EQ(reported()->restarts24h, 0); // the first start of the day

    // Revoked in the console: the totem's next report is refused and it says so.
    bool refused = false;
    QObject::connect(&app->sync(), &totem::ServerSync::tokenRefused, [&] { refused = true; });
    const qint64 id = approved->json().value(u"id"_s).toInteger();
    ASSERT_EQ(ApiClient(server.url(), adminToken).post(u"/api/v1/devices/%1/revoke"_s.arg(id))->status, 204);
    app->sync().setPrinterStatus(u"media-low"_s, u"Papel no fim"_s); // something new to report
    EXPECT_TRUE(spinUntil([&] { return refused; }, 5000));
}

TEST_F(TotemEnrolment, ACodeInClinicoEnrolConfEnrolsWithNobodyAtTheScreen)
{
    const QString adminToken = server.addDevice(u"admin"_s, u"TI"_s);
    auto made = ApiClient(server.url(), adminToken)
                    .post(u"/api/v1/enrolments/preapproved"_s,
                        protocol::NewDeviceRequest { u"Totem do 2º andar"_s, u"totem"_s }.toJson());
    ASSERT_TRUE(made.ok() && made->status == 201);
    const QString code = made->json().value(u"code"_s).toString();
    {
        QFile conf(QDir(totemDir.path()).filePath(EnrolFile::kFileName));
        ASSERT_TRUE(conf.open(QIODevice::WriteOnly));
        conf.write("[enrol]\nserver=" + server.url().toString().toUtf8() + "\ncode=" + code.toUtf8() + "\n");
    }
    // The configured server is wrong on purpose: the file's wins for this enrolment and after.
    auto identity = EnrolmentScreen::ensureEnrolled({ QUrl(u"http://127.0.0.1:9"_s), {} }, options(), true);
    ASSERT_TRUE(identity.ok()) << identity.error().message.toStdString();
    EXPECT_EQ(identity->server, server.url());
    EXPECT_EQ(ApiClient(server.url(), identity->token).get(u"/api/v1/services"_s)->status, 200);
    const auto stored = StoredToken::read(totemDir.path());
    EXPECT_EQ(stored.token, identity->token);
    EXPECT_EQ(stored.server, server.url());
    totemToken = identity->token;
    startTotem();
    EXPECT_TRUE(issueAtTotem(validCpf(9), consulta).has_value());
}

TEST_F(TotemEnrolment, ASpentCodeInClinicoEnrolConfFallsBackToShowingACode)
{
    {
        QFile conf(QDir(totemDir.path()).filePath(EnrolFile::kFileName));
        ASSERT_TRUE(conf.open(QIODevice::WriteOnly));
        conf.write("[enrol]\ncode=2222-3333\n");
    }
    const auto file = EnrolFile::find(totemDir.path());
    ASSERT_TRUE(file.has_value());
    EXPECT_FALSE(file->server.isValid());
    EnrolmentClient::Options o = options();
    o.preapprovedCode = file->code;
    EnrolmentClient client(o);
    client.start();
    ASSERT_TRUE(spinUntil([&] { return client.status() == EnrolmentClient::Waiting; }, 5000))
        << client.status().toStdString();
    EXPECT_FALSE(client.code().isEmpty());
}

TEST_F(TotemEnrolment, AnUnreachableServerIsShownAndAskedAgain)
{
    EnrolmentClient::Options o = options();
    o.server = QUrl(u"http://127.0.0.1:9"_s); // discard: nothing listens
    EnrolmentClient client(o);
    client.start();
    ASSERT_TRUE(spinUntil([&] { return client.status() == EnrolmentClient::Unreachable; }, 5000));
    EXPECT_FALSE(client.detail().isEmpty());
    EXPECT_TRUE(client.code().isEmpty());
}

TEST_F(TotemEnrolment, ARefusedTotemGetsANewCode)
{
    const QString adminToken = server.addDevice(u"admin"_s, u"TI"_s);
    EnrolmentClient client(options());
    client.start();
    ASSERT_TRUE(spinUntil([&] { return client.status() == EnrolmentClient::Waiting; }, 5000));
    const QString first = client.code();
    ApiClient admin(server.url(), adminToken);
    const qint64 id = admin.get(u"/api/v1/enrolments"_s)->json()[u"enrolments"_s][0][u"id"_s].toInteger();
    ASSERT_EQ(admin.post(u"/api/v1/enrolments/%1/refuse"_s.arg(id))->status, 204);
    EXPECT_TRUE(spinUntil([&] { return client.status() == EnrolmentClient::Refused; }, 5000));
    EXPECT_TRUE(spinUntil(
        [&] { return client.status() == EnrolmentClient::Waiting && client.code() != first; }, 5000));
}
