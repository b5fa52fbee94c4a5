// SPDX-License-Identifier: GPL-3.0-or-later
// Enrolment by code and the kiosks' health, against the real server over HTTP: a kiosk with
// no token asks, an admin approves the code, the kiosk's next poll gets its token once.
// The server runs with a clock read from a file, so codes can expire and kiosks go silent.
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStartMs = 1795420800000; // 2026-11-24 03:00 UTC, a Tuesday

class EnrolmentApi : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server.useFileClock(QStringLiteral(CLINICO_CLOCKED_SERVER_BINARY), kStartMs));
        adminToken = server.addDevice(u"admin"_s, u"TI"_s);
        totemToken = server.addDevice(u"totem"_s, u"Totem 1"_s);
        deskToken = server.addDevice(u"desk"_s, u"Mesa 1"_s);
        ASSERT_TRUE(server.start()) << server.log().toStdString();
    }
    void TearDown() override
    {
        if (HasFailure())
            std::cerr << "--- server log ---\n" << server.log().toStdString() << std::endl;
    }
    void setClock(qint64 ms) { ASSERT_TRUE(server.setClock(ms)); }

    ApiClient anonymous() { return ApiClient(server.url(), {}); }
    ApiClient admin() { return ApiClient(server.url(), adminToken); }

    static EnrolmentRequest kiosk(const QString &role = u"totem"_s, const QString &host = u"kiosk-entrada"_s)
    {
        return EnrolmentRequest { role, host, u"Intel NUC"_s, u"0.1.0"_s };
    }
    EnrolmentTicket enrol(const EnrolmentRequest &request = kiosk())
    {
        auto r = anonymous().post(u"/api/v1/enrolments"_s, request.toJson());
        EXPECT_TRUE(r.ok() && r->status == 201) << (r ? r->body.constData() : "no reply");
        auto ticket = EnrolmentTicket::fromJson(r ? r->json() : QJsonObject());
        EXPECT_TRUE(ticket.ok());
        return ticket ? *ticket : EnrolmentTicket {};
    }
    Result<HttpResponse> poll(const EnrolmentTicket &ticket)
    {
        return anonymous().get(u"/api/v1/enrolments/"_s + ticket.handle);
    }
    QString pollState(const EnrolmentTicket &ticket)
    {
        auto r = poll(ticket);
        return r && r->isSuccess() ? r->json().value(u"state"_s).toString() : QString();
    }
    Result<HttpResponse> approve(const QString &code, const QString &name, const QString &token = {})
    {
        return ApiClient(server.url(), token.isEmpty() ? adminToken : token)
            .post(u"/api/v1/enrolments/approve"_s, EnrolmentApproval { code, name }.toJson());
    }
    QStringList auditActions()
    {
        QStringList actions;
        for (const QJsonValue &e : admin().get(u"/api/v1/audit"_s)->json().value(u"entries"_s).toArray())
            actions << e[u"action"_s].toString();
        return actions;
    }
    static void expectError(const Result<HttpResponse> &r, int status, const QString &code)
    {
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        EXPECT_EQ(r->status, status) << r->body.constData();
        const auto body = ErrorBody::fromJson(r->json());
        EXPECT_EQ(body.code, code) << r->body.constData();
        EXPECT_FALSE(body.message.isEmpty());
    }

    ServerProcess server;
    QString adminToken, totemToken, deskToken;
};

} // namespace

TEST_F(EnrolmentApi, ApprovedKioskGetsItsTokenOnceAndItWorks)
{
    const EnrolmentTicket ticket = enrol();
    EXPECT_TRUE(QRegularExpression(u"^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$"_s).match(ticket.code).hasMatch())
        << ticket.code.toStdString();
    EXPECT_EQ(ticket.handle.size(), 43);
    EXPECT_EQ(ticket.expiresAtMs, kStartMs + 15 * 60 * 1000);
    EXPECT_EQ(pollState(ticket), EnrolmentStateName::Pending);

    // The admin sees who asks (the role comes from the kiosk), but not the code.
    const QJsonArray pending = admin().get(u"/api/v1/enrolments"_s)->json().value(u"enrolments"_s).toArray();
    ASSERT_EQ(pending.size(), 1);
    EXPECT_EQ(pending[0][u"role"_s].toString(), u"totem"_s);
    EXPECT_EQ(pending[0][u"hostname"_s].toString(), u"kiosk-entrada"_s);
    EXPECT_FALSE(pending[0].toObject().contains(u"code"_s));

    // Typed as a person would: lower case, a space instead of the dash.
    auto approved = approve(ticket.code.toLower().replace(u'-', u' '), u"Totem da entrada"_s);
    ASSERT_TRUE(approved.ok());
    ASSERT_EQ(approved->status, 201) << approved->body.constData();
    const auto device = DeviceInfo::fromJson(approved->json());
    ASSERT_TRUE(device.ok());
    EXPECT_EQ(device->name, u"Totem da entrada"_s);
    EXPECT_EQ(device->role, u"totem"_s);
    EXPECT_TRUE(admin().get(u"/api/v1/enrolments"_s)->json().value(u"enrolments"_s).toArray().isEmpty());

    auto collected = poll(ticket);
    ASSERT_TRUE(collected.ok() && collected->status == 200) << collected->body.constData();
    const auto state = EnrolmentState::fromJson(collected->json());
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->state, EnrolmentStateName::Approved);
    EXPECT_EQ(state->deviceName, u"Totem da entrada"_s);
    ASSERT_EQ(state->token.size(), 43);

    // The token is a totem's, like one made with POST /api/v1/devices.
    ApiClient enrolled(server.url(), state->token);
    EXPECT_EQ(enrolled.get(u"/api/v1/services"_s)->status, 200);
    EXPECT_EQ(enrolled.get(u"/api/v1/tickets"_s)->status, 403);

    // Handed over once: the handle is spent, and so is the code.
    expectError(poll(ticket), 404, u"not_found"_s);
    expectError(approve(ticket.code, u"Outro nome"_s), 409, u"conflict"_s);
    EXPECT_EQ(enrolled.get(u"/api/v1/services"_s)->status, 200);

    const QStringList actions = auditActions();
    EXPECT_TRUE(actions.contains(u"enrolment.approve"_s));
    EXPECT_TRUE(actions.contains(u"device.add"_s));
    EXPECT_TRUE(actions.contains(u"enrolment.collect"_s));
    EXPECT_TRUE(actions.contains(u"enrolment.approve_failed"_s)); // the second approval
}

TEST_F(EnrolmentApi, AWrongCodeCreatesNothingAndIsAudited)
{
    const EnrolmentTicket ticket = enrol();
    const QString other = ticket.code.startsWith(u'2') ? u"3333-3333"_s : u"2222-2222"_s;
    expectError(approve(other, u"Totem"_s), 404, u"not_found"_s);
    expectError(approve(u"K7Q"_s, u"Totem"_s), 400, u"invalid_field"_s);
    expectError(approve(u"K7QF-9M2I"_s, u"Totem"_s), 400, u"invalid_field"_s); // I is not in the alphabet
    expectError(approve(ticket.code, u"  "_s), 400, u"invalid_field"_s);
    EXPECT_EQ(admin().get(u"/api/v1/devices"_s)->json().value(u"devices"_s).toArray().size(), 3);
    EXPECT_EQ(pollState(ticket), EnrolmentStateName::Pending);
    EXPECT_EQ(auditActions().count(u"enrolment.approve_failed"_s), 1);
}

TEST_F(EnrolmentApi, OnlyTotemsAndTvsEnrolAndOnlyAdminsApprove)
{
    expectError(
        anonymous().post(u"/api/v1/enrolments"_s, kiosk(u"admin"_s).toJson()), 400, u"invalid_field"_s);
    expectError(
        anonymous().post(u"/api/v1/enrolments"_s, kiosk(u"desk"_s).toJson()), 400, u"invalid_field"_s);
    QJsonObject extra = kiosk().toJson();
    extra.insert(u"token"_s, u"x"_s);
    expectError(anonymous().post(u"/api/v1/enrolments"_s, extra), 400, u"unknown_field"_s);
    QJsonObject noHost = kiosk().toJson();
    noHost.remove(u"hostname"_s);
    expectError(anonymous().post(u"/api/v1/enrolments"_s, noHost), 400, u"invalid_field"_s);
    expectError(anonymous().send("POST", u"/api/v1/enrolments"_s, "{\"role\":\"tv\",\"role\":\"tv\"}"), 400,
        u"malformed_json"_s);

    const EnrolmentTicket tv = enrol(kiosk(u"tv"_s, u"tv-sala"_s));
    expectError(approve(tv.code, u"TV"_s, totemToken), 403, u"forbidden"_s);
    expectError(approve(tv.code, u"TV"_s, deskToken), 403, u"forbidden"_s);
    expectError(
        anonymous().post(u"/api/v1/enrolments/approve"_s, EnrolmentApproval { tv.code, u"TV"_s }.toJson()),
        401, u"unauthorized"_s);
    auto approved = approve(tv.code, u"TV da sala"_s);
    ASSERT_TRUE(approved.ok() && approved->status == 201);
    EXPECT_EQ(approved->json().value(u"role"_s).toString(), u"tv"_s);
}

TEST_F(EnrolmentApi, RequestsAreLimitedPerAddress)
{
    for (int i = 0; i < 10; ++i)
        EXPECT_FALSE(enrol().code.isEmpty()) << i;
    auto refused = anonymous().post(u"/api/v1/enrolments"_s, kiosk().toJson());
    expectError(refused, 429, u"too_many_attempts"_s);
    // A window later the address may ask again.
    setClock(kStartMs + 15 * 60 * 1000 + 1000);
    EXPECT_FALSE(enrol().code.isEmpty());
}

TEST_F(EnrolmentApi, ACodeExpiresAfterFifteenMinutes)
{
    const EnrolmentTicket ticket = enrol();
    setClock(kStartMs + 15 * 60 * 1000 - 1);
    EXPECT_EQ(pollState(ticket), EnrolmentStateName::Pending);
    setClock(kStartMs + 15 * 60 * 1000);
    EXPECT_EQ(pollState(ticket), EnrolmentStateName::Expired);
    expectError(approve(ticket.code, u"Tarde demais"_s), 410, u"enrolment_expired"_s);
    EXPECT_TRUE(admin().get(u"/api/v1/enrolments"_s)->json().value(u"enrolments"_s).toArray().isEmpty());
    EXPECT_EQ(admin().get(u"/api/v1/devices"_s)->json().value(u"devices"_s).toArray().size(), 3);
}

TEST_F(EnrolmentApi, ARefusedKioskIsToldAndItsCodeIsSpent)
{
    const EnrolmentTicket ticket = enrol();
    const qint64 id = admin().get(u"/api/v1/enrolments"_s)->json()[u"enrolments"_s][0][u"id"_s].toInteger();
    EXPECT_EQ(
        ApiClient(server.url(), deskToken).post(u"/api/v1/enrolments/%1/refuse"_s.arg(id))->status, 403);
    EXPECT_EQ(admin().post(u"/api/v1/enrolments/%1/refuse"_s.arg(id))->status, 204);
    EXPECT_EQ(pollState(ticket), EnrolmentStateName::Refused);
    expectError(approve(ticket.code, u"Totem"_s), 409, u"conflict"_s);
    expectError(admin().post(u"/api/v1/enrolments/%1/refuse"_s.arg(id)), 404, u"not_found"_s);
    EXPECT_TRUE(auditActions().contains(u"enrolment.refuse"_s));
}

TEST_F(EnrolmentApi, ADeviceRevokedBeforeItsKioskCameGivesNoToken)
{
    const EnrolmentTicket ticket = enrol();
    auto approved = approve(ticket.code, u"Totem"_s);
    ASSERT_TRUE(approved.ok() && approved->status == 201);
    const qint64 id = approved->json().value(u"id"_s).toInteger();
    EXPECT_EQ(admin().post(u"/api/v1/devices/%1/revoke"_s.arg(id))->status, 204);
    auto r = poll(ticket);
    ASSERT_TRUE(r.ok() && r->status == 200);
    EXPECT_EQ(r->json().value(u"state"_s).toString(), EnrolmentStateName::Refused);
    EXPECT_FALSE(r->json().contains(u"token"_s));
}

TEST_F(EnrolmentApi, KioskHealthIsListedAndExportedAndSilenceIsFlagged)
{
    DeviceStatus status;
    status.version = u"0.1.0"_s;
    status.printerState = u"media-low"_s;
    status.printerMessage = u"Papel no fim"_s;
    status.uptimeS = 3700;
    status.diskFreeBytes = 5'000'000'000;
    status.restarts24h = 4;
    ASSERT_EQ(
        ApiClient(server.url(), totemToken).post(u"/api/v1/devices/me/status"_s, status.toJson())->status,
        204);

    auto findTotem = [this]() -> DeviceInfo {
        for (const QJsonValue &v : admin().get(u"/api/v1/devices"_s)->json().value(u"devices"_s).toArray()) {
            if (v[u"name"_s].toString() == u"Totem 1"_s)
                return *DeviceInfo::fromJson(v.toObject());
        }
        return {};
    };
    DeviceInfo totem = findTotem();
    EXPECT_EQ(totem.uptimeS, 3700);
    EXPECT_EQ(totem.diskFreeBytes, 5'000'000'000);
    EXPECT_EQ(totem.restarts24h, 4);
    EXPECT_EQ(totem.paper, u"low"_s);
    EXPECT_EQ(totem.lastSeenMs, kStartMs);
    EXPECT_FALSE(totem.silent);

    const QString labels = u"{unit=\"1\",device=\"Totem 1\",role=\"totem\"}"_s;
    QString metrics = QString::fromUtf8(anonymous().get(u"/metrics"_s)->body);
    EXPECT_TRUE(metrics.contains(u"clinico_device_silent"_s + labels + u" 0"_s)) << metrics.toStdString();
    EXPECT_TRUE(metrics.contains(u"clinico_device_uptime_seconds"_s + labels + u" 3700"_s));
    EXPECT_TRUE(metrics.contains(u"clinico_device_disk_free_bytes"_s + labels + u" 5000000000"_s));
    EXPECT_TRUE(metrics.contains(u"clinico_device_restarts_24h"_s + labels + u" 4"_s));
    EXPECT_TRUE(metrics.contains(
        u"clinico_device_info{unit=\"1\",device=\"Totem 1\",role=\"totem\",version=\"0.1.0\",printer=\"media-low\",paper=\"low\"} 1"_s));
    EXPECT_FALSE(metrics.contains(u"device=\"Mesa 1\""_s)); // desks are people's browsers

    setClock(kStartMs + 2 * 60 * 1000 + 1);
    EXPECT_TRUE(findTotem().silent);
    metrics = QString::fromUtf8(anonymous().get(u"/metrics"_s)->body);
    EXPECT_TRUE(metrics.contains(u"clinico_device_silent"_s + labels + u" 1"_s));

    // A report bringing nonsense is refused, and names the field.
    QJsonObject bad = status.toJson();
    bad.insert(u"diskFreeBytes"_s, -5);
    auto refused = ApiClient(server.url(), totemToken).post(u"/api/v1/devices/me/status"_s, bad);
    expectError(refused, 400, u"invalid_field"_s);
    EXPECT_TRUE(ErrorBody::fromJson(refused->json()).message.contains(u"diskFreeBytes"_s));
}

TEST_F(EnrolmentApi, ACodeMadeInAdvanceIsRedeemedOnceByTheRightKindOfKiosk)
{
    auto made = admin().post(
        u"/api/v1/enrolments/preapproved"_s, NewDeviceRequest { u"TV recepção"_s, u"tv"_s }.toJson());
    ASSERT_TRUE(made.ok() && made->status == 201) << (made ? made->body.constData() : "");
    const auto preapproval = Preapproval::fromJson(made->json());
    ASSERT_TRUE(preapproval.ok());
    EXPECT_EQ(preapproval->expiresAtMs, kStartMs + 7LL * 24 * 60 * 60 * 1000);
    expectError(
        admin().post(u"/api/v1/enrolments/preapproved"_s, NewDeviceRequest { u"Mesa"_s, u"desk"_s }.toJson()),
        400, u"invalid_field"_s);
    EXPECT_EQ(ApiClient(server.url(), totemToken)
                  .post(u"/api/v1/enrolments/preapproved"_s, NewDeviceRequest { u"X"_s, u"tv"_s }.toJson())
                  ->status,
        403);
    // It does not wait in the admin's list of kiosks showing codes.
    EXPECT_TRUE(admin().get(u"/api/v1/enrolments"_s)->json().value(u"enrolments"_s).toArray().isEmpty());

    auto redeem = [this](const QString &code, const QString &role) {
        return anonymous().post(u"/api/v1/enrolments/redeem"_s,
            EnrolmentRedemption { code, kiosk(role, u"tv-recepcao"_s) }.toJson());
    };
    expectError(redeem(preapproval->code, u"totem"_s), 409, u"conflict"_s);
    const QString other = preapproval->code.startsWith(u'2') ? u"3333-3333"_s : u"2222-2222"_s;
    expectError(redeem(other, u"tv"_s), 404, u"not_found"_s);

    auto redeemed = redeem(preapproval->code, u"tv"_s);
    ASSERT_TRUE(redeemed.ok() && redeemed->status == 201) << redeemed->body.constData();
    const auto state = EnrolmentState::fromJson(redeemed->json());
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->deviceName, u"TV recepção"_s);
    EXPECT_EQ(ApiClient(server.url(), state->token).get(u"/api/v1/counters"_s)->status, 200);
    expectError(redeem(preapproval->code, u"tv"_s), 404, u"not_found"_s); // once

    const QStringList actions = auditActions();
    EXPECT_TRUE(actions.contains(u"enrolment.preapprove"_s));
    EXPECT_TRUE(actions.contains(u"enrolment.redeem"_s));
    EXPECT_EQ(actions.count(u"enrolment.redeem_failed"_s), 3);

    // A week later an unused code is worth nothing.
    auto late = Preapproval::fromJson(
        admin()
            .post(u"/api/v1/enrolments/preapproved"_s, NewDeviceRequest { u"TV 2"_s, u"tv"_s }.toJson())
            ->json());
    ASSERT_TRUE(late.ok());
    setClock(kStartMs + 7LL * 24 * 60 * 60 * 1000);
    expectError(redeem(late->code, u"tv"_s), 404, u"not_found"_s);
}
