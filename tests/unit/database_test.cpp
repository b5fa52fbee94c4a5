// SPDX-License-Identifier: GPL-3.0-or-later
// The server's database handle: the schema's version in a table of its own (any engine has
// tables; PRAGMA user_version is SQLite's), carried over from a file that predates it.
#include "storage/queuestore.h"
#include "storage/schema.h"
#include "support/testclients.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

// The last schema versioned by PRAGMA user_version alone.
constexpr int kSchemaBeforeVersionTable = 5;

class DatabaseTest : public ::testing::Test
{
protected:
    QString dbPath() const { return dir.path() + u"/clinico.sqlite"_s; }
    Status openStore(QueueStore &store)
    {
        return store.open(DatabaseAddress::sqliteIn(dir.path()), dir.path() + u"/keys/patient.keys"_s);
    }

    int userVersion(QueueStore &store)
    {
        QSqlQuery q(store.database().connection().db());
        return q.exec(u"PRAGMA user_version"_s) && q.next() ? q.value(0).toInt() : -1;
    }

    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC) };
};

} // namespace

TEST_F(DatabaseTest, AFileFromBeforeTheVersionTableOpensAndKeepsItsTicketsAndNumbering)
{
    {
        SqliteDatabase old;
        ASSERT_TRUE(old.open(dbPath(), serverMigrations().mid(0, kSchemaBeforeVersionTable)).ok());
        QSqlQuery q(old.db());
        for (const QString &sql :
            {
                u"INSERT INTO services(id, prefix, name) VALUES(1, 'C', 'Consulta')"_s,
                u"INSERT INTO devices(id, name, role, token_hash, created_ms) VALUES(1, 'Totem', 'totem', 'h1', 0)"_s,
                u"INSERT INTO settings(key, value) VALUES('day/current', '2026-11-23')"_s,
                u"INSERT INTO tickets(day, code, service_id, priority, device_id, idempotency_key,"
                " request_hash, status, issued_ms, arrived_ms, token)"
                " VALUES('2026-11-23', 'CN001', 1, 'normal', 1, 'k0', 'h', 'waiting', 0, 0, 'tok')"_s,
                u"INSERT INTO number_counters(day, service_id, priority, next_number)"
                " VALUES('2026-11-23', 1, 'normal', 2)"_s,
                u"INSERT INTO events(seq, at_ms, kind, payload) VALUES(41, 0, 'ticket.issued', '{}')"_s,
            })
            ASSERT_TRUE(q.exec(sql)) << sql.toStdString();
    }

    QueueStore store(clock, BusinessDay());
    ASSERT_TRUE(openStore(store).ok()); // had its steps run again, CREATE TABLE would fail
    EXPECT_EQ(store.database().schemaVersion(), serverMigrations().size());
    EXPECT_EQ(userVersion(store), serverMigrations().size()) << "an older program still sees the version";
    const auto kept = store.tickets().ticketByToken(u"tok"_s);
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->code, u"CN001"_s);

    IssueTicketRequest r;
    r.cpf = test::validCpf(1);
    r.serviceId = 1;
    r.idempotencyKey = u"after-upgrade"_s;
    const auto next = store.issuing().issue(r, *Cpf::parse(r.cpf), Actor { 1, u"totem"_s });
    ASSERT_TRUE(next.ok()) << next.error().message.toStdString();
    EXPECT_EQ(next->response.ticket.code, u"CN002"_s);
    EXPECT_EQ(store.events().lastSeq(), 42);

    // Opened again, nothing runs twice.
    store.close();
    QueueStore again(clock, BusinessDay());
    ASSERT_TRUE(openStore(again).ok());
    EXPECT_EQ(again.database().schemaVersion(), serverMigrations().size());
    EXPECT_EQ(again.tickets().ticketsIssuedTotal(), 2);
}

TEST_F(DatabaseTest, AFileFromANewerProgramIsRefused)
{
    {
        QueueStore store(clock, BusinessDay());
        ASSERT_TRUE(openStore(store).ok());
        QSqlQuery q(store.database().connection().db());
        ASSERT_TRUE(q.exec(u"UPDATE schema_version SET version = version + 1"_s));
    }
    QueueStore store(clock, BusinessDay());
    const Status opened = openStore(store);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, u"storage_version"_s);
}

// Migration 13: an appointment takes its service's unit, and the scheduling system's id is
// unique within a unit only.
TEST_F(DatabaseTest, AppointmentsKeepTheirUnitAndTheirIdsAreUniqueWithinAUnitOnly)
{
    constexpr int kBeforeAppointmentsPerUnit = 12;
    {
        SqliteDatabase old;
        ASSERT_TRUE(old.open(dbPath(), serverMigrations().mid(0, kBeforeAppointmentsPerUnit)).ok());
        QSqlQuery q(old.db());
        for (const QString &sql :
            {
                u"PRAGMA foreign_keys=OFF"_s, // no patient rows: the registry is not what this is about
                u"INSERT INTO units(id, name, created_ms) VALUES(2, 'Filial Manaus', 0)"_s,
                u"INSERT INTO services(id, unit_id, prefix, name) VALUES(1, 1, 'C', 'Consulta')"_s,
                u"INSERT INTO services(id, unit_id, prefix, name) VALUES(2, 2, 'C', 'Consulta')"_s,
                u"INSERT INTO appointments(id, external_id, day, patient_id, start_ms, minutes, practitioner,"
                " practitioner_name, service_id, status, created_ms, updated_ms)"
                " VALUES(7, 'AG-100', '2026-11-23', 1, 0, 20, 'dra.lima', 'Dra. Lima', 2, 'booked', 0, 0)"_s,
            })
            ASSERT_TRUE(q.exec(sql)) << sql.toStdString();
    }

    QueueStore store(clock, BusinessDay());
    ASSERT_TRUE(openStore(store).ok());
    QSqlQuery q(store.database().connection().db());
    ASSERT_TRUE(q.exec(u"PRAGMA foreign_keys=OFF"_s));
    ASSERT_TRUE(q.exec(u"SELECT unit_id, external_id, practitioner FROM appointments WHERE id = 7"_s));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 2) << "its service's unit";
    EXPECT_EQ(q.value(1).toString(), u"AG-100"_s);
    EXPECT_EQ(q.value(2).toString(), u"dra.lima"_s);
    q.finish();
    const QString insert
        = u"INSERT INTO appointments(unit_id, external_id, day, patient_id, start_ms, minutes,"
          " practitioner, practitioner_name, service_id, status, created_ms, updated_ms)"
          " VALUES(%1, 'AG-100', '2026-11-23', 1, 0, 20, 'x', 'x', %1, 'booked', 0, 0)"_s;
    EXPECT_TRUE(q.exec(insert.arg(1))) << "the same id in another unit";
    EXPECT_FALSE(q.exec(insert.arg(2))) << "the same id twice in one unit";
}

// A caller may hold two cached statements at once (DeviceStore::savePresence does): preparing
// the second must not move the first (a QHash did on growth, and the server crashed in QtSql
// when a TV's status report was saved).
TEST(SqliteDatabaseCache, AStatementStaysWhereItIsWhileOthersArePrepared)
{
    QTemporaryDir dir;
    SqliteDatabase db;
    ASSERT_TRUE(db.openFile(dir.filePath(u"cache.sqlite"_s)));
    QSqlQuery &first = db.cached(u"SELECT 1"_s);
    for (int i = 2; i < 200; ++i)
        db.cached(u"SELECT %1"_s.arg(i));
    EXPECT_EQ(&first, &db.cached(u"SELECT 1"_s));
    ASSERT_TRUE(first.exec());
    ASSERT_TRUE(first.next());
    EXPECT_EQ(first.value(0).toInt(), 1);
}
