// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/callpolicy.h"

#include <QDateTime>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

using namespace clinico;

namespace {

// A queue described as "code@arrivalMinute", or "code@arrivalMinute#appointmentMinute" for a
// ticket checked in for a booked appointment; class from the code's marker (N, P, S).
QList<WaitingTicket> queue(std::initializer_list<const char *> items)
{
    QList<WaitingTicket> out;
    qint64 id = 1;
    for (const char *item : items) {
        const QString whole = QString::fromLatin1(item);
        const QString s = whole.section(u'#', 0, 0);
        const QString booked = whole.section(u'#', 1, 1);
        const QString code = s.section(u'@', 0, 0);
        const qint64 minute = s.section(u'@', 1, 1).toLongLong();
        const QChar marker = code.at(1);
        const PriorityClass c = marker == u'S' ? PriorityClass::Priority80
            : marker == u'P'                   ? PriorityClass::Priority
                                               : PriorityClass::Normal;
        out << WaitingTicket { id++, code, c, minute * 60000,
            booked.isEmpty() ? std::nullopt : std::optional<qint64>(booked.toLongLong() * 60000) };
    }
    return out;
}

// Calls everybody, one after the other, the way a desk would, and returns the order. Each call
// takes `minutesPerCall` of the clock.
QStringList callAll(QList<WaitingTicket> waiting, int normalEvery, int consecutive = 0, qint64 nowMinute = 60,
    int minutesPerCall = 0, int leadMinutes = 5)
{
    const CallPolicy policy({ normalEvery, leadMinutes });
    QStringList order;
    qint64 now = nowMinute * 60000;
    while (!waiting.isEmpty()) {
        const CallDecision d = policy.next(waiting, consecutive, now);
        now += minutesPerCall * 60000;
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

namespace {

struct BookedScenario
{
    const char *name;
    QList<WaitingTicket> waiting;
    qint64 nowMinute; // the first call
    int minutesPerCall;
    QStringList expected;
};

class BookedCallOrder : public ::testing::TestWithParam<BookedScenario>
{
};

} // namespace

// Appointments are marked "#minute of the appointment"; lead: 5 minutes; one normal every 2.
TEST_P(BookedCallOrder, MergesAppointmentsWithWalkIns)
{
    const BookedScenario &s = GetParam();
    EXPECT_EQ(callAll(s.waiting, 2, 0, s.nowMinute, s.minutesPerCall), s.expected) << s.name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, BookedCallOrder,
    ::testing::Values(
        BookedScenario { "a due on-time appointment goes before older walk-ins",
            queue({ "CN001@0", "CN002@5", "CN003@20#30" }), 26, 0, { "CN003", "CN001", "CN002" } },
        BookedScenario { "not due yet: walk-ins first, the appointment at its time",
            queue({ "CN001@0", "CN002@5", "CN003@10", "CN004@20#30" }), 20, 4,
            { "CN001", "CN002", "CN004", "CN003" } },
        BookedScenario { "an early appointment is called when nobody else waits", queue({ "CN001@10#50" }), 20,
            0, { "CN001" } },
        BookedScenario { "a late arrival joins the walk-ins by arrival",
            queue({ "CN001@0", "CN002@35#30", "CN003@40" }), 45, 0, { "CN001", "CN002", "CN003" } },
        BookedScenario { "two due appointments: the earlier start first",
            queue({ "CN001@1#40", "CN002@0#35", "CN003@0" }), 50, 0, { "CN002", "CN001", "CN003" } },
        BookedScenario { "a priority walk-in still goes before a normal appointment",
            queue({ "CN001@20#30", "CP001@29" }), 30, 0, { "CP001", "CN001" } },
        BookedScenario { "80+ appointments keep 80+ precedence",
            queue({ "CP001@0", "CS001@20#30", "CS002@5" }), 30, 0, { "CS001", "CS002", "CP001" } },
        BookedScenario { "the interleave slot goes to the due normal appointment",
            queue({ "CN001@0", "CN002@10#30", "CP001@1", "CP002@2", "CP003@3" }), 30, 0,
            { "CP001", "CP002", "CN002", "CP003", "CN001" } }),
    [](const ::testing::TestParamInfo<BookedScenario> &p) { return "Scenario" + std::to_string(p.index); });

TEST(CallPolicy, ExplainsAnAppointmentInWords)
{
    // 13:30 UTC is 10:30 in São Paulo.
    const qint64 start = QDateTime(QDate(2026, 12, 7), QTime(13, 30), Qt::UTC).toMSecsSinceEpoch();
    const qint64 arrived = start - 18 * 60000;
    const QList<WaitingTicket> waiting { { 1, u"CN001"_s, PriorityClass::Normal, arrived - 3600000 },
        { 2, u"CN002"_s, PriorityClass::Normal, arrived, start } };
    const CallDecision d = CallPolicy().next(waiting, 0, start - 60000);
    ASSERT_EQ(d.ticket->code, u"CN002"_s);
    EXPECT_EQ(d.explanation,
        u"CN002: nenhuma senha preferencial aguardando; consulta agendada para 10:30; chegou às 10:12, no "
        "horário: consultas no horário vêm antes de quem não tem hora marcada."_s);

    const CallDecision late = CallPolicy().next(
        { { 3, u"CN003"_s, PriorityClass::Normal, start + 11 * 60000, start } }, 0, start + 20 * 60000);
    EXPECT_TRUE(late.explanation.contains(u"chegou às 10:41, depois do horário: segue a ordem de chegada"))
        << late.explanation.toStdString();
    EXPECT_TRUE(CallPolicy().describe().contains(u"5 minutos antes do horário"));
}

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
