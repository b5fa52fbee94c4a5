// SPDX-License-Identifier: GPL-3.0-or-later
// The totem's outbox forgets what it settled long ago: at start, and whenever the server's
// business day changes. What the server does not have yet is never forgotten.
#include "totemfixture.h"

#include "issuing/serversync.h"
#include "outbox/outbox.h"

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;

class OutboxPurge : public TotemFixture
{
protected:
    static qint64 daysAgo(int days) { return QDateTime::currentMSecsSinceEpoch() - days * kDayMs; }
    // An entry created at `created` and settled (or not), written before the totem starts.
    qint64 entry(qint64 created, OutboxState state)
    {
        Outbox outbox;
        EXPECT_TRUE(outbox.open(config().outboxPath()).ok());
        const int n = ++m_entries;
        auto e
            = outbox.add(validCpf(100 + n), consulta, PriorityClass::Normal, created, u"purge-%1"_s.arg(n));
        EXPECT_TRUE(e.ok());
        if (state == OutboxState::Done) {
            EXPECT_TRUE(outbox.markDone(e->id, u"CN%1"_s.arg(n), {}).ok());
        } else if (state == OutboxState::Rejected) {
            EXPECT_TRUE(outbox.markRejected(e->id, u"recusada"_s).ok());
        }
        return e->id;
    }
    bool kept(qint64 id) { return app->outbox().entry(id).has_value(); }

private:
    int m_entries = 0;
};

} // namespace

TEST_F(OutboxPurge, SettledEntriesOlderThanTheKeptDaysAreDeletedOnceTheServerGivesItsDay)
{
    // The server's today and the six days before are kept: the boundary is a business day's
    // start, which no age (the purge before the server answers) can tell.
    const QString today
        = ApiClient(server.url(), totemToken).get(u"/healthz"_s)->json().value(u"day"_s).toString();
    const qint64 keptFrom
        = BusinessDay() // the server's calendar here: its default, 00:00 in São Paulo
              .startOf(QDate::fromString(today, Qt::ISODate).addDays(-ServerSync::Options {}.keepDoneDays))
              .toMSecsSinceEpoch();
    const qint64 justBefore = entry(keptFrom - 60000, OutboxState::Done);
    const qint64 oldRejected = entry(daysAgo(9), OutboxState::Rejected);
    const qint64 justAfter = entry(keptFrom + 60000, OutboxState::Done);
    const qint64 yesterday = entry(daysAgo(1), OutboxState::Done);
    startTotem();
    ASSERT_TRUE(spinUntil([&] { return app->sync().isOnline(); }, 5000));
    EXPECT_FALSE(kept(justBefore));
    EXPECT_FALSE(kept(oldRejected));
    EXPECT_TRUE(kept(justAfter));
    EXPECT_TRUE(kept(yesterday));
}

TEST_F(OutboxPurge, WithoutTheServerSettledEntriesArePurgedByAgeAtStartAndUnsentOnesNever)
{
    startTotem(); // once online, so the catalogue is cached for the start without a server
    ASSERT_TRUE(spinUntil([&] { return app->sync().isOnline(); }, 5000));
    app.reset();
    server.stop();
    const qint64 oldDone = entry(daysAgo(10), OutboxState::Done);
    const qint64 weekOld = entry(daysAgo(7), OutboxState::Done); // may be within the server's days
    const qint64 oldUnsent = entry(daysAgo(10), OutboxState::Pending);
    startTotem();
    EXPECT_FALSE(kept(oldDone));
    EXPECT_TRUE(kept(weekOld));
    EXPECT_TRUE(kept(oldUnsent)) << "the server never had it";
}
