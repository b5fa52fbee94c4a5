// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/jsonreader.h"
#include "protocol/messages.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

using namespace clinico;
using namespace clinico::protocol;

namespace {
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}
} // namespace

TEST(Protocol, IssueRequestRoundTrips)
{
    IssueTicketRequest r;
    r.cpf = u"52998224725"_s;
    r.serviceId = 2;
    r.priority = PriorityClass::Priority80;
    r.idempotencyKey = u"totem1-abcdef"_s;
    r.issuedAtMs = 1795420800000;
    r.leaseId = 4;
    r.number = 41;
    r.statusToken = u"q8T0m7y2Zk1VYc4rWmN0sA"_s;
    auto back = IssueTicketRequest::fromJson(r.toJson());
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back->toJson(), r.toJson());
}

TEST(Protocol, IssueRequestIsStrict)
{
    const std::pair<const char *, const char *> bad[] = {
        { R"({"serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh"})", "invalid_field" }, // no cpf
        { R"({"cpf":"x","serviceId":"1","priority":"normal","idempotencyKey":"abcdefgh"})",
            "invalid_field" }, // string id
        { R"({"cpf":"x","serviceId":1.5,"priority":"normal","idempotencyKey":"abcdefgh"})", "invalid_field" },
        { R"({"cpf":"x","serviceId":1,"priority":"vip","idempotencyKey":"abcdefgh"})", "invalid_field" },
        { R"({"cpf":"x","serviceId":1,"priority":"normal","idempotencyKey":"short"})", "invalid_field" },
        { R"({"cpf":"x","serviceId":1,"priority":"normal","idempotencyKey":"abc def gh"})", "invalid_field" },
        { R"({"cpf":"x","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh","admin":true})",
            "unknown_field" },
        { R"({"cpf":"x","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh","number":3})",
            "invalid_field" },
        { R"({"cpf":"x","serviceId":-1,"priority":"normal","idempotencyKey":"abcdefgh"})", "invalid_field" },
        { R"({"cpf":"x","serviceId":1e300,"priority":"normal","idempotencyKey":"abcdefgh"})",
            "invalid_field" },
        // a status token only comes with an offline filing, and must look like one
        { R"({"cpf":"x","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh","statusToken":"q8T0m7y2Zk1VYc4rWmN0sA"})",
            "invalid_field" },
        { R"({"cpf":"x","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh","issuedAtMs":1,"statusToken":"short"})",
            "invalid_field" },
        { R"({"cpf":"x","serviceId":1,"priority":"normal","idempotencyKey":"abcdefgh","issuedAtMs":1,"statusToken":"<script>alert(1)</script>xx"})",
            "invalid_field" },
    };
    for (const auto &[json, code] : bad) {
        auto r = IssueTicketRequest::fromJson(obj(json));
        ASSERT_FALSE(r.ok()) << json;
        EXPECT_EQ(r.error().code, QString::fromLatin1(code)) << json;
        EXPECT_FALSE(r.error().message.isEmpty());
    }
}

TEST(Protocol, MalformedBodiesAreErrorsNotCrashes)
{
    for (const char *body : { "", "{", "[1,2]", "\"text\"", "{\"a\":", "null", "{\"cpf\":\"\\u0000\"}x" }) {
        auto r = JsonReader::parseObject(QByteArray(body));
        EXPECT_FALSE(r.ok()) << body;
    }
}

TEST(Protocol, BodiesAreReadAsStrictRfc8259)
{
    for (const char *body : { R"({})", R"( {"a" : [1, -0.5e+3, true, false, null, {"b": []}]} )",
             R"({"s":"\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00"})", R"({"a":"x","\u0062":1})" }) {
        EXPECT_TRUE(JsonReader::parseObject(QByteArray(body)).ok()) << body;
    }
    for (const char *body : { R"({"a":1,"a":2})", R"({"a":1,"\u0061":2})", R"({"pr\iority":1})",
             R"({"a":"\x41"})", R"({"a":"\u12"})", R"({"a":"\udc00"})", R"({"a":"\ud83dx"})",
             "{\"a\":\"\t\"}", R"({"a":01})", R"({"a":1.})", R"({"a":.5})", R"({"a":+1})", R"({"a":NaN})",
             R"({"a":tru})", R"({"a":1,})", R"({"a":[1,]})", R"({'a':1})", R"({a:1})", R"({"a":1}{})",
             R"({"a":1} x)", "{\"a\":\"\xc3\x28\"}", "\xef\xbb\xbf{}" }) {
        auto r = JsonReader::parseObject(QByteArray(body));
        ASSERT_FALSE(r.ok()) << body;
        EXPECT_EQ(r.error().code, u"malformed_json"_s) << body;
    }
    const auto repeated = JsonReader::parseObject(R"({"cpf":"1","cpf":"2"})");
    ASSERT_FALSE(repeated.ok());
    EXPECT_TRUE(repeated.error().message.contains(u"'cpf'"_s)) << repeated.error().message.toStdString();
}

TEST(Protocol, TextFieldsRefuseControlCharacters)
{
    for (const char16_t control : { 0x00, 0x0a, 0x1b, 0x7f, 0x9b }) {
        JsonReader r(QJsonObject { { u"name"_s, u"a"_s + QChar(control) + u"b"_s } });
        r.string(u"name"_s);
        EXPECT_FALSE(r.finish().ok()) << int(control);
    }
    JsonReader reason(QJsonObject { { u"reason"_s, u"dor\nforte"_s } });
    EXPECT_EQ(reason.string(u"reason"_s, 200, JsonReader::Lines::Many), u"dor\nforte"_s);
    EXPECT_TRUE(reason.finish().ok());
}

TEST(Protocol, NullIsMissingForARequiredField)
{
    JsonReader r(QJsonObject { { u"serviceId"_s, QJsonValue::Null } });
    r.integer(u"serviceId"_s, 1, 10);
    const Status s = r.finish();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().httpStatus, 400);
    EXPECT_TRUE(s.error().message.contains(u"serviceId"_s));
}

TEST(Protocol, OnlyApplicationJsonIsTheJsonMediaType)
{
    for (const char *type :
        { "application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=\"UTF-8\"" })
        EXPECT_TRUE(JsonReader::isJsonMediaType(type)) << type;
    for (const char *type :
        { "", "application/jsonx", "application/json5", "application/json; charset=latin1",
            "application/json; charset=utf-8; a=b", "text/json", "application/json;" })
        EXPECT_FALSE(JsonReader::isJsonMediaType(type)) << type;
}

TEST(Protocol, TicketAndCallCarryNoPersonalData)
{
    Ticket t;
    t.id = 1;
    t.code = u"CP001"_s;
    t.serviceId = 1;
    t.status = TicketStatus::Waiting;
    CallAnnouncement a;
    a.ticketId = 1;
    a.code = u"CP001"_s;
    a.serviceId = 1;
    a.counterId = 2;
    a.counterName = u"Guichê 2"_s;
    for (const QJsonObject &o : { t.toJson(), a.toJson() }) {
        for (const char *key : { "cpf", "birthDate", "name", "reason", "patientId" })
            EXPECT_FALSE(o.contains(QLatin1String(key))) << key;
    }
    EXPECT_FALSE(a.toJson().contains(u"displayName"_s)); // only when the clinic opts in
}

TEST(Protocol, EventAndSnapshotRoundTrip)
{
    Event e { 42, EventKind::TicketCalled, 1000, { { u"code"_s, u"CN001"_s } } };
    auto back = Event::fromJson(e.toJson());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->seq, 42);
    EXPECT_EQ(back->data.value(u"code"_s).toString(), u"CN001"_s);

    Snapshot s;
    s.seq = 9;
    s.settings.clinicName = u"Clínica"_s;
    auto snap = Snapshot::fromJson(s.toJson());
    ASSERT_TRUE(snap.ok());
    EXPECT_EQ(snap->seq, 9);
    EXPECT_EQ(snap->settings.clinicName, u"Clínica"_s);
}
