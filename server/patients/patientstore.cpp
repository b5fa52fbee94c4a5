// SPDX-License-Identifier: GPL-3.0-or-later
#include "patients/patientstore.h"

#include "storage/schema.h"

#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcPatients, "clinico.server.patients")

namespace clinico::server {

using namespace clinico::protocol;
using namespace Qt::StringLiterals;

Status PatientStore::openVault(const QString &keyFile)
{
    auto vault = PatientVault::open(keyFile);
    if (!vault)
        return vault.error();
    m_vault = std::move(*vault);
    return Ok {};
}

Status PatientStore::checkKeyFile()
{
    auto recorded = m_catalog.claimSetting(SettingKey::PatientKeyFingerprint, m_vault->fingerprint());
    if (!recorded)
        return recorded.error();
    if (m_vault->holds(*recorded))
        return Ok {};
    return makeError(u"patient_keys"_s,
        u"O arquivo de chaves dos pacientes %1 não tem a chave deste banco de dados (%2): outra "
        "instância usa outro arquivo. Copie para cá o arquivo de chaves da primeira instância e "
        "inicie de novo."_s.arg(m_vault->path(), *recorded),
        500);
}

// Schema 4 seals the registry: a database from before it holds CPFs, names and birth dates in
// clear in `patients`. They move, sealed and under the same ids, into `patients_sealed`, which
// then takes the table's name; tickets of before get their request hash (a plain SHA-256 over
// the CPF) replaced by a keyed one. One transaction: a crash leaves the old table, and the
// next start does it again. Database::compact() then rewrites the file, so no page of the
// clear table is left in it or in SQLite's WAL.
Status PatientStore::sealRegistry()
{
    SqlConnection &db = m_db.connection();
    const auto clear = m_db.hasColumn(u"patients"_s, u"cpf"_s);
    if (!clear)
        return clear.error();
    if (!*clear)
        return Ok {};
    int sealed = 0;
    const Status moved = m_db.replaceTable(
        u"patients"_s, u"patients_sealed"_s, { { u"tickets"_s, u"patient_id"_s } }, [&]() -> Status {
            sealed = 0;
            QSqlQuery rows(db.db());
            rows.setForwardOnly(true);
            if (!rows.exec(u"SELECT id, cpf, name, birth_date, created_ms FROM patients"_s))
                return SqlConnection::errorFrom(rows, u"sealRegistry"_s);
            QSqlQuery insert(db.db());
            insert.prepare(
                u"INSERT INTO patients_sealed(id, cpf_lookup, key_id, sealed, registered, created_ms)"
                " VALUES(?, ?, ?, ?, ?, ?)"_s);
            while (rows.next()) {
                auto cpf = Cpf::parse(rows.value(1).toString());
                if (!cpf)
                    return makeError(u"storage_error"_s,
                        u"Registro de paciente %1 com CPF inválido: não pode ser selado."_s.arg(
                            rows.value(0).toLongLong()),
                        500);
                const PatientRecord record { *cpf, rows.value(2).toString(),
                    QDate::fromString(rows.value(3).toString(), Qt::ISODate) };
                const auto box = m_vault->seal(record);
                if (!SqlConnection::exec(insert,
                        { rows.value(0), QString::fromLatin1(box.lookup), box.keyId, box.box,
                            !record.name.isEmpty() || record.birthDate.isValid(), rows.value(4) }))
                    return SqlConnection::errorFrom(insert, u"sealRegistry"_s);
                ++sealed;
            }
            rows.finish();
            QSqlQuery tickets(db.db());
            if (!tickets.exec(u"SELECT id, request_hash FROM tickets"_s))
                return SqlConnection::errorFrom(tickets, u"sealRegistry"_s);
            QSqlQuery rehash(db.db());
            rehash.prepare(u"UPDATE tickets SET request_hash = ? WHERE id = ?"_s);
            QList<QPair<qint64, QByteArray>> hashes;
            while (tickets.next())
                hashes.append({ tickets.value(0).toLongLong(), tickets.value(1).toByteArray() });
            tickets.finish();
            for (const auto &[id, old] : std::as_const(hashes))
                if (!SqlConnection::exec(rehash, { QString::fromLatin1(m_vault->keyedHash(old)), id }))
                    return SqlConnection::errorFrom(rehash, u"sealRegistry"_s);
            return Ok {};
        });
    if (!moved)
        return moved;
    if (sealed > 0) {
        if (Status s = m_db.compact(); !s)
            return s;
        qCInfo(lcPatients) << "sealed" << sealed << "patient records (CPF, name, birth date) with key"
                           << m_vault->currentKeyId();
    }
    return Ok {};
}

Result<int> PatientStore::rotatePatientKey()
{
    SqlConnection &db = m_db.connection();
    if (Status s = m_vault->addKey(); !s)
        return s.error();
    int resealed = 0;
    const Status s = m_work.run<Ok>([&]() -> Status {
        resealed = 0;
        QSqlQuery rows(db.db());
        rows.setForwardOnly(true);
        if (!rows.exec(u"SELECT id, key_id, sealed FROM patients"_s))
            return SqlConnection::errorFrom(rows, u"rotatePatientKey"_s);
        QList<QPair<qint64, PatientRecord>> records;
        while (rows.next()) {
            auto record = m_vault->unseal(rows.value(1).toInt(), rows.value(2).toByteArray());
            if (!record)
                return record.error();
            records.append({ rows.value(0).toLongLong(), *record });
        }
        rows.finish();
        QSqlQuery update(db.db());
        update.prepare(u"UPDATE patients SET cpf_lookup = ?, key_id = ?, sealed = ? WHERE id = ?"_s);
        for (const auto &[id, record] : std::as_const(records)) {
            const auto box = m_vault->seal(record);
            if (!SqlConnection::exec(update, { QString::fromLatin1(box.lookup), box.keyId, box.box, id }))
                return SqlConnection::errorFrom(update, u"rotatePatientKey"_s);
            ++resealed;
        }
        return m_catalog.setSetting(SettingKey::PatientKeyFingerprint, m_vault->fingerprint());
    });
    if (!s)
        return s.error();
    // Every row is under the new key: the old ones may go.
    if (Status dropped = m_vault->dropOldKeys(); !dropped)
        return dropped.error();
    return resealed;
}

Status PatientStore::setPatient(const Cpf &cpf, const QString &name, const QDate &birthDate)
{
    return m_work.run<Ok>([&]() -> Status {
        const PatientRecord record { cpf, name.simplified(), birthDate };
        const auto box = m_vault->seal(record);
        QSqlQuery &q = m_db.connection().cached(QStringLiteral(
            "INSERT INTO patients(cpf_lookup, key_id, sealed, registered, created_ms) VALUES(?, ?, ?, ?, ?)"
            " ON CONFLICT(cpf_lookup) DO UPDATE SET key_id = excluded.key_id, sealed = excluded.sealed,"
            " registered = excluded.registered"));
        if (!SqlConnection::exec(q,
                { QString::fromLatin1(box.lookup), box.keyId, box.box,
                    !record.name.isEmpty() || record.birthDate.isValid(), m_clock.nowMs() }))
            return SqlConnection::errorFrom(q, QStringLiteral("setPatient"));
        return Ok {};
    });
}

std::optional<PatientRecord> PatientStore::find(const QString &column, const QVariant &value)
{
    QSqlQuery &q = m_db.connection().cached(column == u"id"
            ? u"SELECT key_id, sealed FROM patients WHERE id = ?"_s
            : u"SELECT key_id, sealed FROM patients WHERE cpf_lookup = ?"_s);
    if (!SqlConnection::exec(q, { value }) || !q.next())
        return std::nullopt;
    auto record = m_vault->unseal(q.value(0).toInt(), q.value(1).toByteArray());
    q.finish();
    if (!record) {
        qCWarning(lcPatients) << "patient record unreadable:" << record.error().message;
        return std::nullopt;
    }
    return *record;
}

PatientLookup PatientStore::lookupPatient(const Cpf &cpf)
{
    PatientLookup out;
    const auto record = find(u"cpf_lookup"_s, QString::fromLatin1(m_vault->lookupOf(cpf)));
    if (!record)
        return out;
    out.known = true;
    const QDate born = record->birthDate;
    if (!born.isValid())
        return out;
    const QDate today = m_clock.now().toTimeZone(m_calendar.timeZone()).date();
    int age = today.year() - born.year();
    if (today < born.addYears(age))
        --age;
    if (age >= 80)
        out.suggestedPriority = PriorityClass::Priority80;
    else if (age >= 60)
        out.suggestedPriority = PriorityClass::Priority;
    return out;
}

// Most patients are already known, so a record is sealed only for one who is not.
std::optional<qint64> PatientStore::knownId(const Cpf &cpf)
{
    QSqlQuery &known = m_db.connection().cached(QStringLiteral("SELECT id FROM patients WHERE cpf_lookup = ?"));
    if (!SqlConnection::exec(known, { QString::fromLatin1(m_vault->lookupOf(cpf)) }) || !known.next())
        return std::nullopt;
    const qint64 id = known.value(0).toLongLong();
    known.finish();
    return id;
}

Result<qint64> PatientStore::idFor(const Cpf &cpf)
{
    if (const auto id = knownId(cpf))
        return *id;
    const QString lookup = QString::fromLatin1(m_vault->lookupOf(cpf));
    SqlConnection &db = m_db.connection();
    const PatientVault::Sealed box = m_vault->seal({ cpf, {}, {} });
    QSqlQuery &added
        = db.cached(QStringLiteral("INSERT INTO patients(cpf_lookup, key_id, sealed, registered, "
                                   "created_ms) VALUES(?, ?, ?, 0, ?) RETURNING id"));
    if (!SqlConnection::exec(added, { lookup, box.keyId, box.box, m_clock.nowMs() }) || !added.next())
        return SqlConnection::errorFrom(added, QStringLiteral("patient"));
    const qint64 id = added.value(0).toLongLong();
    added.finish();
    return id;
}

std::optional<PatientRecord> PatientStore::record(qint64 id)
{
    return find(u"id"_s, id);
}

Result<int> PatientStore::removeUnreferenced(qint64 beforeMs)
{
    QSqlQuery &purge = m_db.connection().cached(
        QStringLiteral("DELETE FROM patients WHERE registered = 0 AND created_ms < ?"
                       " AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.patient_id = patients.id)"
                       " AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = patients.id)"));
    if (!SqlConnection::exec(purge, { beforeMs }))
        return SqlConnection::errorFrom(purge, QStringLiteral("retention"));
    return purge.numRowsAffected();
}

} // namespace clinico::server
