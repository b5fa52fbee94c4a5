// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cpf/cpf.h"
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <gtest/gtest.h>

namespace clinico::test {

// A real server with one service "C" served by two rooms, and a token per role.
class ServerFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        consulta = server.addService(QStringLiteral("C"), QStringLiteral("Consulta"));
        exames = server.addService(QStringLiteral("E"), QStringLiteral("Exames"));
        room3 = server.addCounter(QStringLiteral("Consultório 3"), { consulta });
        room5 = server.addCounter(QStringLiteral("Consultório 5"), { consulta });
        totemToken = server.addDevice(QStringLiteral("totem"), QStringLiteral("Totem 1"));
        tvToken = server.addDevice(QStringLiteral("tv"), QStringLiteral("TV"));
        deskToken = server.addDevice(QStringLiteral("desk"), QStringLiteral("Mesa 1"));
        ASSERT_FALSE(totemToken.isEmpty());
        ASSERT_TRUE(server.start()) << server.log().toStdString();
        totem = std::make_unique<ApiClient>(server.url(), totemToken);
        desk = std::make_unique<ApiClient>(server.url(), deskToken);
    }
    void TearDown() override
    {
        if (HasFailure())
            std::cerr << "--- server log ---\n" << server.log().toStdString() << std::endl;
    }
    // For calls made for their side effect: they must succeed.
    static void expectOk(const Result<HttpResponse> &r)
    {
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        EXPECT_TRUE(r->isSuccess()) << r->status << ' ' << r->body.constData();
    }
    // A refusal: this status and code, and a message for a person.
    static void expectError(const Result<HttpResponse> &r, int status, const QString &code)
    {
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        EXPECT_EQ(r->status, status) << r->body.constData();
        const auto body = protocol::ErrorBody::fromJson(r->json());
        EXPECT_EQ(body.code, code) << r->body.constData();
        EXPECT_FALSE(body.message.isEmpty());
    }
    qint64 lastSeq()
    {
        return totem->get(QStringLiteral("/healthz"))->json().value(QStringLiteral("lastSeq")).toInteger();
    }

    ServerProcess server;
    qint64 consulta = 0, exames = 0, room3 = 0, room5 = 0;
    QString totemToken, tvToken, deskToken;
    std::unique_ptr<ApiClient> totem, desk;
};

} // namespace clinico::test
