// SPDX-License-Identifier: GPL-3.0-or-later
// The staff console's wire messages: each reads back what it writes, and requests read strictly.
#include "protocol/messages.h"

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

template<typename T> void expectRoundTrip(const T &message)
{
    const auto again = T::fromJson(message.toJson());
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again->toJson(), message.toJson());
}

} // namespace

TEST(StaffMessages, ReadBackWhatTheyWrite)
{
    const StaffUser ana { 2, u"ana"_s, u"Ana Souza"_s, StaffRole::Attendant, true, 1795502517065 };
    expectRoundTrip(ana);
    expectRoundTrip(SessionInfo { ana, u"csrf-token-value"_s, 1795545717065 });
    const StaffUser network { 3, u"rede"_s, u"Rede"_s, StaffRole::Admin, true, 0, 0 }; // no unit
    expectRoundTrip(network);
    EXPECT_TRUE(network.toJson().value(u"unitId"_s).isNull());
    StaffUser inManaus = ana;
    inManaus.unitId = 2;
    expectRoundTrip(SessionInfo { inManaus, u"csrf-token-value"_s, 1795545717065, 2 });
    expectRoundTrip(Unit { 2, u"Unidade Manaus"_s, u"America/Manaus"_s });
    EXPECT_EQ(Unit::fromJson({ { u"name"_s, u"X"_s }, { u"timeZone"_s, u"Lua/Base"_s } }).error().code,
        u"invalid_field"_s);
    EXPECT_EQ(Unit::fromJson({ { u"name"_s, u"  "_s } }).error().code, u"invalid_field"_s);
    expectRoundTrip(LoginRequest { u"ana"_s, u"senha-da-ana"_s });
    expectRoundTrip(AdminSettings { u"05:30"_s, 3, true, 60, u"Clínica"_s, u"Aviso"_s, 30, 10, 0 });
    const DeviceInfo totem { 1, u"Totem"_s, Role::Totem, false, 1795502517065, u"0.1.0"_s, u"media-empty"_s,
        u"Sem papel"_s, 2, u""_s };
    expectRoundTrip(totem);
    expectRoundTrip(NewDeviceRequest { u"TV"_s, Role::Tv });
    expectRoundTrip(NewDeviceResponse { totem, u"token"_s });
    expectRoundTrip(
        AuditEntry { 7, 1795502517065, u"user:ana"_s, u"specific"_s, 17, u"CN004"_s, u"urgente"_s });
    expectRoundTrip(
        AuditEntry { 8, 1795502517065, u"cli"_s, u"user.add"_s, std::nullopt, u""_s, u"ana (attendant)"_s });
    UserChange change;
    change.role = StaffRole::Doctor;
    change.active = false;
    expectRoundTrip(change);
}

TEST(StaffMessages, RequestsAreReadStrictly)
{
    EXPECT_FALSE(LoginRequest::fromJson({ { u"username"_s, u"ana"_s } }).ok()) << "password missing";
    EXPECT_FALSE(LoginRequest::fromJson(
        { { u"username"_s, u"ana"_s }, { u"password"_s, u"x"_s }, { u"remember"_s, true } })
                     .ok());
    EXPECT_FALSE(UserChange::fromJson({ { u"role"_s, u"superuser"_s } }).ok());
    EXPECT_FALSE(UserChange::fromJson({ { u"password"_s, u"1234567"_s } }).ok()) << "at least 8 characters";
    EXPECT_FALSE(UserChange::fromJson({ { u"username"_s, u"<script>"_s } }).ok());
    EXPECT_TRUE(UserChange::fromJson({ { u"username"_s, u"CRM-SP.123_4"_s } }).ok());
    EXPECT_FALSE(AdminSettings::fromJson(
        { { u"resetTime"_s, u"24:00"_s }, { u"normalEvery"_s, 2 }, { u"retentionDays"_s, 90 } })
                     .ok());
    EXPECT_FALSE(AdminSettings::fromJson(
        { { u"resetTime"_s, u"00:00"_s }, { u"normalEvery"_s, 0 }, { u"retentionDays"_s, 90 } })
                     .ok());
    EXPECT_TRUE(AdminSettings::fromJson(
        { { u"resetTime"_s, u"00:00"_s }, { u"normalEvery"_s, 2 }, { u"retentionDays"_s, 90 } })
                    .ok());
    EXPECT_FALSE(NewDeviceRequest::fromJson({ { u"name"_s, u"X"_s }, { u"role"_s, u"printer"_s } }).ok());
    EXPECT_FALSE(NewDeviceRequest::fromJson({ { u"name"_s, u"  "_s }, { u"role"_s, u"tv"_s } }).ok());
}
