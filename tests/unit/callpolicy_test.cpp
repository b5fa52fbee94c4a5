// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/callpolicy.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

using namespace clinico;

namespace {

// A queue described as "code@arrivalMinute", class from the code's marker (N, P, S).
QList<WaitingTicket> queue(std::initializer_list<const char *> items)
{
    QList<WaitingTicket> out;
    qint64 id = 1;
    for (const char *item : items) {
        const QString s = QString::fromLatin1(item);
        const QString code = s.section(u'@', 0, 0);
        const qint64 minute = s.section(u'@', 1, 1).toLongLong();
        const QChar marker = code.at(1);
        const PriorityClass c = marker == u'S' ? PriorityClass::Priority80
            : marker == u'P'                   ? PriorityClass::Priority
                                               : PriorityClass::Normal;
        out << WaitingTicket { id++, code, c, minute * 60000 };
    }
    return out;
}

// Calls everybody, one after the other, the way a desk would, and returns the order.
QStringList callAll(QList<WaitingTicket> waiting, int normalEvery, int consecutive = 0)
{
    const CallPolicy policy({ normalEvery });
    QStringList order;
    while (!waiting.isEmpty()) {
        const CallDecision d = policy.next(waiting, consecutive, 60 * 60000);
        EXPECT_TRUE(d.ticket.has_value());
        EXPECT_FALSE(d.explanation.isEmpty());
        order << d.ticket->code;
        consecutive = isPriority(d.ticket->priority) ? consecutive + 1 : 0;
        waiting.removeIf([&](const WaitingTicket &t) { return t.id == d.ticket->id; });
    }
    return order;
}

struct Scenario
{
    const char *name;
    QList<WaitingTicket> waiting;
    int normalEvery;
    QStringList expected;
};

class CallOrder : public ::testing::TestWithParam<Scenario>
{
};

} // namespace

TEST_P(CallOrder, FollowsTheLawAndInterleaves)
{
    const Scenario &s = GetParam();
    EXPECT_EQ(callAll(s.waiting, s.normalEvery), s.expected) << s.name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CallOrder,
    ::testing::Values(Scenario { "only normal: oldest first", queue({ "CN002@5", "CN001@1", "CN003@9" }), 2,
                          { "CN001", "CN002", "CN003" } },
        Scenario { "80+ before other priority even when younger", queue({ "CP001@1", "CS001@8" }), 2,
            { "CS001", "CP001" } },
        Scenario { "priority before normal", queue({ "CN001@1", "CP001@5" }), 2, { "CP001", "CN001" } },
        Scenario { "burst of priority: one normal after every two",
            queue({ "CN001@0", "CN002@1", "CP001@2", "CP002@3", "CP003@4", "CP004@5", "CP005@6" }), 2,
            { "CP001", "CP002", "CN001", "CP003", "CP004", "CN002", "CP005" } },
        Scenario { "N = 1 alternates", queue({ "CN001@0", "CN002@1", "CP001@2", "CP002@3" }), 1,
            { "CP001", "CN001", "CP002", "CN002" } },
        Scenario { "80+ count as priority for the interleave",
            queue({ "CN001@0", "CS001@1", "CP001@2", "CS002@3" }), 2,
            { "CS001", "CS002", "CN001", "CP001" } },
        Scenario { "no normal waiting: priority keeps going",
            queue({ "CP001@0", "CP002@1", "CP003@2", "CP004@3" }), 2,
            { "CP001", "CP002", "CP003", "CP004" } },
        Scenario { "redirected ticket keeps its early arrival", queue({ "CN005@30", "RN001@2", "CN006@31" }),
            2, { "RN001", "CN005", "CN006" } }),
    [](const ::testing::TestParamInfo<Scenario> &p) { return "Scenario" + std::to_string(p.index); });

TEST(CallPolicy, NormalTicketsNeverStarveUnderAContinuousPriorityStream)
{
    // 1 normal ticket waits while 2 new priority tickets arrive for every call made.
    const CallPolicy policy({ 2 });
    QList<WaitingTicket> waiting = queue({ "CN001@0" });
    int consecutive = 0;
    int callsUntilNormal = 0;
    qint64 nextId = 100;
    for (int call = 1; call <= 20; ++call) {
        waiting << WaitingTicket { nextId++, u"CP"_s + QString::number(nextId), PriorityClass::Priority,
            call * 60000 };
        waiting << WaitingTicket { nextId++, u"CP"_s + QString::number(nextId), PriorityClass::Priority,
            call * 60000 };
        const CallDecision d = policy.next(waiting, consecutive, call * 60000);
        consecutive = isPriority(d.ticket->priority) ? consecutive + 1 : 0;
        waiting.removeIf([&](const WaitingTicket &t) { return t.id == d.ticket->id; });
        if (d.ticket->code == u"CN001") {
            callsUntilNormal = call;
            EXPECT_EQ(d.reason, CallReason::Interleave);
            break;
        }
    }
    EXPECT_EQ(callsUntilNormal, 3);
}

TEST(CallPolicy, ExplainsEveryDecision)
{
    const CallPolicy policy({ 2 });
    auto d = policy.next(queue({ "CN001@0", "CS001@50" }), 0, 60 * 60000);
    EXPECT_EQ(d.reason, CallReason::Priority80);
    EXPECT_TRUE(d.explanation.contains(u"13.466")) << d.explanation.toStdString();
    EXPECT_TRUE(d.explanation.contains(u"10 minutos")) << d.explanation.toStdString();

    d = policy.next(queue({ "CN001@0", "CP001@50" }), 2, 60 * 60000);
    EXPECT_EQ(d.reason, CallReason::Interleave);
    EXPECT_TRUE(d.explanation.startsWith(u"CN001"));

    d = policy.next({}, 0, 0);
    EXPECT_FALSE(d.ticket.has_value());
    EXPECT_EQ(d.reason, CallReason::NoneWaiting);
    EXPECT_FALSE(d.explanation.isEmpty());
    EXPECT_TRUE(policy.describe().contains(u"2 chamadas"));
}

TEST(CallPolicy, TiesInArrivalGoToTheLowerId)
{
    QList<WaitingTicket> w { { 7, u"CN007"_s, PriorityClass::Normal, 1000 },
        { 3, u"CN003"_s, PriorityClass::Normal, 1000 } };
    EXPECT_EQ(CallPolicy().next(w, 0, 2000).ticket->id, 3);
}
