// SPDX-License-Identifier: GPL-3.0-or-later
// Two clinico-server processes on one database (the engine the tests run on): what one
// instance writes, the other never contradicts.
#include "integration/serverfixture.h"

#include <QSet>

#include <thread>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {

class TwoInstances : public ServerFixture
{
protected:
    void SetUp() override
    {
        ServerFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(second.start()) << second.log().toStdString();
    }
    // Same data directory, so the same database (support/testdatabase.h).
    ServerProcess second { server.dataDir() };
};

} // namespace

TEST_F(TwoInstances, TwoDesksOnTwoInstancesCallingNextAtTheSameInstantNeverGetTheSameTicket)
{
    QSet<qint64> called;
    for (int round = 0; round < 20; ++round) {
        totem->issue(validCpf(200 + 2 * round), consulta);
        totem->issue(validCpf(201 + 2 * round), consulta);
        qint64 got[2] = { 0, 0 };
        auto callNext = [&](int which, const QUrl &instance, qint64 counter) {
            ApiClient client(instance, deskToken);
            auto r = client.post(u"/api/v1/counters/%1/call-next"_s.arg(counter));
            if (r && r->status == 200 && r->json().value(u"ticket"_s).isObject())
                got[which] = r->json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger();
        };
        std::thread a(callNext, 0, server.url(), room3);
        std::thread b(callNext, 1, second.url(), room5);
        a.join();
        b.join();
        ASSERT_NE(got[0], 0) << "round " << round;
        ASSERT_NE(got[1], 0) << "round " << round;
        EXPECT_NE(got[0], got[1]) << "round " << round;
        called << got[0] << got[1];
    }
    EXPECT_EQ(called.size(), 40); // every ticket called once, none twice
}
