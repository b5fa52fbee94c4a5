// SPDX-License-Identifier: GPL-3.0-or-later
// Every request body is read strictly: exactly what docs/protocol.md says, or a 400 that
// names the field.
#include "integration/serverfixture.h"

#include <QJsonArray>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {
class StrictJson : public ServerFixture
{
protected:
    void SetUp() override
    {
        adminToken = server.addDevice(u"admin"_s, u"TI"_s);
        ServerFixture::SetUp();
        admin = std::make_unique<ApiClient>(server.url(), adminToken);
    }
    // Refused with 400 `code`, and the message names `field`.
    void expectRefusal(const Result<HttpResponse> &r, const QString &code, const QString &field)
    {
        expectError(r, 400, code);
        EXPECT_TRUE(ErrorBody::fromJson(r->json()).message.contains(field)) << r->body.constData();
    }
    QList<qint64> servicesOf(qint64 counter)
    {
        for (const QJsonValue &c : admin->get(u"/api/v1/counters"_s)->json().value(u"counters"_s).toArray()) {
            if (c[u"id"_s].toInteger() == counter) {
                QList<qint64> ids;
                for (const QJsonValue &id : c[u"serviceIds"_s].toArray())
                    ids << id.toInteger();
                return ids;
            }
        }
        return {};
    }
    // `json` with its '@' replaced by a raw control character.
    static QByteArray withRaw(QByteArray json, char control) { return json.replace('@', control); }
    QString ticketBody(const QString &cpfField = u"cpf"_s)
    {
        return uR"({"%1":"529.982.247-25","serviceId":%2,"priority":"normal","idempotencyKey":"abcdefgh"})"_s
            .arg(cpfField)
            .arg(consulta);
    }

    QString adminToken;
    std::unique_ptr<ApiClient> admin;
};
} // namespace

TEST_F(StrictJson, UnknownFieldOnCountersIsRefusedAndChangesNothing)
{
    const QString path = u"/api/v1/counters/%1"_s.arg(room3);
    expectRefusal(admin->send("PUT", path, R"({"name":"Consultório 3","serviceID":[1,3]})"),
        u"unknown_field"_s, u"serviceID"_s);
    EXPECT_EQ(servicesOf(room3), QList<qint64> { consulta });
    expectRefusal(
        admin->send("POST", u"/api/v1/counters"_s, R"({"name":"Sala 9","serviceIds":[1],"colour":1})"),
        u"unknown_field"_s, u"colour"_s);
}

TEST_F(StrictJson, UnknownFieldOnDisplaySettingsIsRefused)
{
    expectRefusal(
        admin->send("PUT", u"/api/v1/settings/display"_s, R"({"clinicName":"Clínica","colour":"red"})"),
        u"unknown_field"_s, u"colour"_s);
    expectOk(admin->send("PUT", u"/api/v1/settings/display"_s, R"({"clinicName":"Clínica"})"));
}

TEST_F(StrictJson, ControlCharactersInNamesAndReasonsAreRefused)
{
    // Raw in the JSON text (RFC 8259 forbids it), and escaped.
    expectRefusal(
        admin->send("POST", u"/api/v1/services"_s, withRaw(R"({"prefix":"L","name":"La@b"})", '\0')),
        u"malformed_json"_s, u"name"_s);
    expectRefusal(admin->send("POST", u"/api/v1/services"_s, R"({"prefix":"L","name":"La\u0000b"})"),
        u"invalid_field"_s, u"name"_s);
    expectRefusal(admin->send("POST", u"/api/v1/services"_s, R"({"prefix":"L","name":"La\nb"})"),
        u"invalid_field"_s, u"name"_s);
    const auto ticket = totem->issue(validCpf(1), consulta);
    const QString call = u"/api/v1/tickets/%1/call"_s.arg(ticket.ticket.id);
    expectRefusal(desk->send("POST", call, withRaw(R"({"counterId":1,"reason":"urg@"})", '\x01')),
        u"malformed_json"_s, u"reason"_s);
    expectRefusal(desk->send("POST", call, R"({"counterId":1,"reason":"urg\u001b[2J"})"), u"invalid_field"_s,
        u"reason"_s);
    // A line break typed in the reason box is text, not a control character.
    expectOk(desk->send("POST", call, uR"({"counterId":%1,"reason":"dor\nforte"})"_s.arg(room3).toUtf8()));
}

TEST_F(StrictJson, BadEscapeIsRefusedNotReadAsALetter)
{
    expectRefusal(
        totem->send("POST", u"/api/v1/tickets"_s,
            uR"({"cpf":"529.982.247-25","serviceId":1,"pr\iority":"normal","idempotencyKey":"abcdefgh"})"_s
                .toUtf8()),
        u"malformed_json"_s, u"\\i"_s);
}

TEST_F(StrictJson, RepeatedFieldIsRefusedNotLastOneWins)
{
    expectRefusal(
        totem->send("POST", u"/api/v1/tickets"_s,
            uR"({"cpf":"111.111.111-11","cpf":"529.982.247-25","serviceId":%1,"priority":"normal","idempotencyKey":"abcdefgh"})"_s
                .arg(consulta)
                .toUtf8()),
        u"malformed_json"_s, u"cpf"_s);
}

TEST_F(StrictJson, AnythingAfterTheObjectIsRefused)
{
    expectError(
        totem->send("POST", u"/api/v1/tickets"_s, ticketBody().toUtf8() + "{}"), 400, u"malformed_json"_s);
    expectError(
        totem->send("POST", u"/api/v1/tickets"_s, ticketBody().toUtf8() + " x"), 400, u"malformed_json"_s);
}

TEST_F(StrictJson, MediaTypeIsExactlyApplicationJson)
{
    const QString path = u"/api/v1/patients/lookup"_s;
    const QByteArray body = R"({"cpf":"529.982.247-25"})";
    for (const QByteArray type : { "application/jsonx", "application/json-patch+json",
             "application/json; charset=latin1", "application/json; charset=utf-8; x=1", "text/json" })
        expectError(totem->send("POST", path, body, type), 415, u"unsupported_media_type"_s);
    for (const QByteArray type :
        { "application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8" })
        expectOk(totem->send("POST", path, body, type));
}

TEST_F(StrictJson, NullForARequiredFieldIsRefusedWith400)
{
    const auto ticket = totem->issue(validCpf(2), consulta);
    expectRefusal(
        desk->send("POST", u"/api/v1/tickets/%1/redirect"_s.arg(ticket.ticket.id), R"({"serviceId":null})"),
        u"invalid_field"_s, u"serviceId"_s);
}
