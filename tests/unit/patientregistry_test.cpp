// SPDX-License-Identifier: GPL-3.0-or-later
// The patient registry at rest (LGPD): the database file holds no CPF, name or birth date in
// clear, only a keyed hash to find a patient by and a sealed box; the key lives in its own
// file, readable only by the service, and can be rotated.
#include "patients/patientvault.h"
#include "storage/queuestore.h"
#include "storage/schema.h"
#include "support/testclients.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

mode_t fileMode(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

class PatientRegistry : public ::testing::Test
{
protected:
    QString dbPath() const { return dir.path() + u"/clinico.sqlite"_s; }
    QString keyPath() const { return dir.path() + u"/keys/patient.keys"_s; }

    // Every byte SQLite keeps of the database: the file and its WAL.
    QByteArray databaseBytes() const
    {
        QByteArray all;
        for (const QString &suffix : { u""_s, u"-wal"_s }) {
            QFile f(dbPath() + suffix);
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }

    void expectNothingInClear(const Cpf &cpf, const QByteArray &name, const QByteArray &birthDate) const
    {
        const QByteArray bytes = databaseBytes();
        ASSERT_FALSE(bytes.isEmpty());
        EXPECT_FALSE(bytes.contains(cpf.digits().toLatin1())) << "the CPF's digits";
        EXPECT_FALSE(bytes.contains(cpf.formatted().toLatin1())) << "the formatted CPF";
        EXPECT_FALSE(bytes.contains(name)) << "the name";
        EXPECT_FALSE(bytes.contains(birthDate)) << "the birth date";
    }

    IssueTicketRequest request(const Cpf &cpf, qint64 service, const QString &key)
    {
        IssueTicketRequest r;
        r.cpf = cpf.digits();
        r.serviceId = service;
        r.idempotencyKey = key;
        return r;
    }

    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC) };
    const Cpf maria = *Cpf::parse(test::validCpf(41));
};

} // namespace

TEST_F(PatientRegistry, TheDatabaseHoldsNoCpfNameOrBirthDateInClear)
{
    QueueStore store(clock, BusinessDay());
    ASSERT_TRUE(store.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());
    const qint64 consulta = store.catalog().addService(u"C"_s, u"Consulta"_s)->id;
    const qint64 totem = store.devices().addDevice(u"Totem"_s, Role::Totem, "h1")->id;
    ASSERT_TRUE(store.patients().setPatient(maria, u"Maria Aparecida Souza"_s, QDate(1938, 4, 12)).ok());
    const auto issued
        = store.issuing().issue(request(maria, consulta, u"k1"_s), maria, Actor { totem, u"totem"_s });
    ASSERT_TRUE(issued.ok()) << issued.error().message.toStdString();

    // The server still knows her: the age class comes from the sealed birth date, and a retry
    // of the same request is the same ticket.
    const PatientLookup found = store.patients().lookupPatient(maria);
    EXPECT_TRUE(found.known);
    EXPECT_EQ(found.suggestedPriority, PriorityClass::Priority80);
    const auto retried
        = store.issuing().issue(request(maria, consulta, u"k1"_s), maria, Actor { totem, u"totem"_s });
    ASSERT_TRUE(retried.ok());
    EXPECT_FALSE(retried->created);
    EXPECT_EQ(retried->response.ticket.id, issued->response.ticket.id);

    expectNothingInClear(maria, "Maria Aparecida", "1938-04-12");
    EXPECT_EQ(fileMode(keyPath()), 0600);
    EXPECT_EQ(fileMode(dir.path() + u"/keys"_s), 0700);
}

TEST_F(PatientRegistry, ADatabaseFromBeforeTheSealIsSealedWhenOpened)
{
    // Schema 3: the registry in clear, as every clinic's database was before.
    {
        SqliteDatabase old;
        ASSERT_TRUE(old.open(dbPath(), serverMigrations().mid(0, 3)).ok());
        QSqlQuery q(old.db());
        ASSERT_TRUE(q.exec(u"INSERT INTO services(id, prefix, name) VALUES(1, 'C', 'Consulta')"_s));
        ASSERT_TRUE(q.exec(u"INSERT INTO devices(id, name, role, token_hash, created_ms)"
                           " VALUES(1, 'Totem', 'totem', 'h1', 0)"_s));
        ASSERT_TRUE(
            q.exec(u"INSERT INTO patients(id, cpf, name, birth_date, created_ms)"
                   " VALUES(7, '%1', 'Maria Aparecida Souza', '1938-04-12', 0)"_s.arg(maria.digits())));
        ASSERT_TRUE(
            q.exec(u"INSERT INTO tickets(day, code, service_id, priority, patient_id, device_id,"
                   " idempotency_key, request_hash, status, issued_ms, arrived_ms, token)"
                   " VALUES('2026-11-23', 'C001', 1, 'normal', 7, 1, 'k0', 'plainsha', 'waiting', 0, 0,"
                   " 'tok')"_s));
    }
    QueueStore store(clock, BusinessDay());
    ASSERT_TRUE(store.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());

    EXPECT_EQ(store.patients().lookupPatient(maria).suggestedPriority, PriorityClass::Priority80);
    QSqlQuery q(store.database().connection().db());
    ASSERT_TRUE(q.exec(u"SELECT patient_id, request_hash FROM tickets"_s) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 7) << "the ticket keeps its patient";
    EXPECT_NE(q.value(1).toString(), u"plainsha"_s) << "no hash over a bare CPF is left";
    q.finish();
    ASSERT_TRUE(
        q.exec(u"SELECT \"table\" FROM pragma_foreign_key_list('tickets') WHERE \"from\" = 'patient_id'"_s)
        && q.next());
    EXPECT_EQ(q.value(0).toString(), u"patients"_s);
    q.finish();
    ASSERT_TRUE(q.exec(u"PRAGMA foreign_key_check"_s));
    EXPECT_FALSE(q.next());
    q.finish();
    expectNothingInClear(maria, "Maria Aparecida", "1938-04-12");

    // Opening it again changes nothing.
    store.close();
    QueueStore again(clock, BusinessDay());
    ASSERT_TRUE(again.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());
    EXPECT_TRUE(again.patients().lookupPatient(maria).known);
}

TEST_F(PatientRegistry, RotatingTheKeyResealsEveryRecordAndDropsTheOldKey)
{
    QFile::Permissions before;
    QByteArray oldKeys;
    {
        QueueStore store(clock, BusinessDay());
        ASSERT_TRUE(store.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());
        for (int i = 0; i < 20; ++i)
            ASSERT_TRUE(store.patients()
                            .setPatient(*Cpf::parse(test::validCpf(100 + i)), u"Paciente %1"_s.arg(i),
                                QDate(1950, 1, 1))
                            .ok());
        QFile keys(keyPath());
        ASSERT_TRUE(keys.open(QIODevice::ReadOnly));
        oldKeys = keys.readAll();
        const auto resealed = store.patients().rotatePatientKey();
        ASSERT_TRUE(resealed.ok()) << resealed.error().message.toStdString();
        EXPECT_EQ(*resealed, 20);
        EXPECT_TRUE(store.patients().lookupPatient(*Cpf::parse(test::validCpf(105))).known);
    }
    QFile keys(keyPath());
    ASSERT_TRUE(keys.open(QIODevice::ReadOnly));
    const QByteArray newKeys = keys.readAll();
    EXPECT_TRUE(newKeys.contains("\n2 ")) << newKeys.toStdString();
    EXPECT_FALSE(newKeys.contains("\n1 ")) << "the old key is gone";
    EXPECT_EQ(fileMode(keyPath()), 0600);

    QueueStore reopened(clock, BusinessDay());
    ASSERT_TRUE(reopened.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());
    EXPECT_TRUE(reopened.patients().lookupPatient(*Cpf::parse(test::validCpf(119))).known);

    // A stolen copy of the old key file is not the database's key any more: refused.
    reopened.close();
    QFile stolen(dir.path() + u"/stolen.keys"_s);
    ASSERT_TRUE(stolen.open(QIODevice::WriteOnly));
    stolen.write(oldKeys);
    stolen.close();
    stolen.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QueueStore thief(clock, BusinessDay());
    const Status refused = thief.open(DatabaseAddress::sqliteIn(dir.path()), stolen.fileName());
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(stolen.fileName())) << refused.error().message.toStdString();
}

TEST_F(PatientRegistry, AnotherKeyFileThanTheDatabasesIsRefusedByName)
{
    {
        QueueStore first(clock, BusinessDay());
        ASSERT_TRUE(first.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());
        ASSERT_TRUE(first.patients().setPatient(maria, u"Maria"_s, QDate(1938, 4, 12)).ok());
    }
    // A second instance that found no key file made its own.
    const QString otherKeys = dir.path() + u"/elsewhere/patient.keys"_s;
    QueueStore second(clock, BusinessDay());
    const Status s = second.open(DatabaseAddress::sqliteIn(dir.path()), otherKeys);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, u"patient_keys"_s);
    EXPECT_TRUE(s.error().message.contains(otherKeys)) << s.error().message.toStdString();
    QFile keys(keyPath());
    ASSERT_TRUE(keys.open(QIODevice::ReadOnly));
    const QByteArray key = keys.readAll().split('\n').value(1).split(' ').value(1); // "1 <base64>"
    ASSERT_EQ(QByteArray::fromBase64(key).size(), 32);
    EXPECT_FALSE(s.error().message.contains(QString::fromLatin1(key))) << "the key itself is never shown";

    // The database's own key file still opens it, and finds her.
    QueueStore again(clock, BusinessDay());
    ASSERT_TRUE(again.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());
    EXPECT_TRUE(again.patients().lookupPatient(maria).known);
}

TEST_F(PatientRegistry, AKeyFileOthersCanReadIsRefused)
{
    {
        QueueStore store(clock, BusinessDay());
        ASSERT_TRUE(store.open(DatabaseAddress::sqliteIn(dir.path()), keyPath()).ok());
    }
    QFile::setPermissions(
        keyPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    QueueStore store(clock, BusinessDay());
    const Status s = store.open(DatabaseAddress::sqliteIn(dir.path()), keyPath());
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(s.error().message.contains(u"chmod 600"_s)) << s.error().message.toStdString();
}

TEST_F(PatientRegistry, ATamperedBoxIsReportedNotMisread)
{
    QDir().mkpath(dir.path() + u"/keys"_s);
    auto vault = PatientVault::open(keyPath());
    ASSERT_TRUE(vault.ok());
    auto sealed = vault->seal({ maria, u"Maria"_s, QDate(1938, 4, 12) });
    EXPECT_EQ(vault->unseal(sealed.keyId, sealed.box)->cpf, maria);
    sealed.box[sealed.box.size() - 1] = char(sealed.box.back() ^ 1);
    EXPECT_FALSE(vault->unseal(sealed.keyId, sealed.box).ok());
    EXPECT_FALSE(vault->unseal(sealed.keyId + 1, sealed.box).ok()) << "an unknown key";
}
