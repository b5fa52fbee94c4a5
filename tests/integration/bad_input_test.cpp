// SPDX-License-Identifier: GPL-3.0-or-later
// Every kind of bad input gets a clear 4xx JSON error, and changes nothing.
#include "integration/serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <QWebSocket>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {
using BadInput = ServerFixture;
} // namespace

TEST_F(BadInput, EachKindIsRefusedWithTheRightStatusAndNothingChanges)
{
    const qint64 before = lastSeq();
    const QString tickets = u"/api/v1/tickets"_s;
    const QByteArray valid
        = R"({"cpf":"529.982.247-25","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh"})";

    // Invalid CPF: never reaches the queue.
    expectError(
        totem->send("POST", tickets,
            R"({"cpf":"529.982.247-24","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh"})"),
        400, u"cpf_invalid"_s);
    expectError(
        totem->send("POST", tickets,
            R"({"cpf":"111.111.111-11","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh"})"),
        400, u"cpf_invalid"_s);
    // Malformed and non-object JSON.
    expectError(totem->send("POST", tickets, "{\"cpf\":"), 400, u"malformed_json"_s);
    expectError(totem->send("POST", tickets, "[]"), 400, u"malformed_json"_s);
    expectError(totem->send("POST", tickets, ""), 400, u"malformed_json"_s);
    // Strict fields.
    expectError(
        totem->send("POST", tickets,
            R"({"cpf":"529.982.247-25","serviceId":"1","priority":"normal","idempotencyKey":"abcdefgh"})"),
        400, u"invalid_field"_s);
    expectError(
        totem->send("POST", tickets,
            R"({"cpf":"529.982.247-25","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh","x":1})"),
        400, u"unknown_field"_s);
    // Unknown service.
    expectError(
        totem->send("POST", tickets,
            R"({"cpf":"529.982.247-25","serviceId":999,"priority":"normal","idempotencyKey":"abcdefgh"})"),
        404, u"not_found"_s);
    // Wrong media type.
    expectError(totem->send("POST", tickets, valid, "text/plain"), 415, u"unsupported_media_type"_s);
    // Oversized body.
    expectError(totem->send("POST", tickets, QByteArray(200 * 1024, 'x')), 413, u"body_too_large"_s);
    // Routing.
    expectError(totem->get(u"/api/v1/nope"_s), 404, u"not_found"_s);
    expectError(totem->send("DELETE", u"/api/v1/services"_s, {}), 405, u"method_not_allowed"_s);
    expectError(desk->post(u"/api/v1/counters/999/call-next"_s), 404, u"not_found"_s);
    expectError(desk->post(u"/api/v1/tickets/999/recall"_s), 404, u"not_found"_s);
    expectError(
        desk->send("POST", u"/api/v1/tickets/1/call"_s, R"({"counterId":1})"), 400, u"invalid_field"_s);
    // Auth.
    expectError(ApiClient(server.url(), {}).send("POST", tickets, valid), 401, u"unauthorized"_s);
    expectError(ApiClient(server.url(), tvToken).send("POST", tickets, valid), 403, u"forbidden"_s);

    EXPECT_EQ(lastSeq(), before);
    EXPECT_TRUE(desk->get(tickets)->json().value(u"tickets"_s).toArray().isEmpty());
    // And the server still works.
    EXPECT_EQ(totem->send("POST", tickets, valid)->status, 201);
}

TEST_F(BadInput, GarbageBytesDoNotCrashTheServer)
{
    QByteArray junk;
    for (int i = 0; i < 4096; ++i)
        junk.append(char((i * 131 + 7) % 256));
    for (const QByteArray &body : { junk, QByteArray("{\"cpf\":\"\xff\xfe\"}"), QByteArray(100, '{'),
             QByteArray("{\"a\":1e999999}") }) {
        auto r = totem->send("POST", u"/api/v1/tickets"_s, body);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->status, 400);
    }
    EXPECT_TRUE(server.isRunning());
    EXPECT_EQ(totem->get(u"/healthz"_s)->status, 200);
}

TEST_F(BadInput, OversizedWebSocketMessageClosesOnlyThatConnection)
{
    EventRecorder good(server.url(), deskToken);
    ASSERT_TRUE(good.waitConnected());

    QWebSocket ws;
    QNetworkRequest req(EventStreamClient::eventsUrl(server.url(), -1));
    req.setRawHeader("Authorization", "Bearer " + tvToken.toUtf8());
    bool open = false, closed = false;
    QObject::connect(&ws, &QWebSocket::connected, [&] { open = true; });
    QObject::connect(&ws, &QWebSocket::disconnected, [&] { closed = true; });
    ws.open(req);
    ASSERT_TRUE(spinUntil([&] { return open; }, 5000));
    ws.sendTextMessage(QString(1024 * 1024, u'x'));
    ASSERT_TRUE(spinUntil([&] { return closed; }, 5000));
    EXPECT_EQ(ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);

    totem->issue(validCpf(1), consulta);
    EXPECT_TRUE(good.waitForEvents(1)); // the other subscriber is unaffected
}
