// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalogstore.h"
#include "core/clock.h"
#include "patients/patientvault.h"
#include "protocol/messages.h"
#include "storage/unitofwork.h"
#include "ticket/businessday.h"

#include <optional>

namespace clinico::server {

// The patient registry over the vault: a row per CPF that ever took a ticket, found by a keyed
// hash of the CPF, its CPF, name and birth date sealed (patientvault.h).
class PatientStore
{
public:
    PatientStore(Database &db, UnitOfWork &work, CatalogStore &catalog, const Clock &clock,
        const BusinessDay &calendar)
        : m_db(db)
        , m_work(work)
        , m_catalog(catalog)
        , m_clock(clock)
        , m_calendar(calendar)
    { }

    // The key file; then, once the database is open, checkKeyFile() and sealRegistry().
    Status openVault(const QString &keyFile);
    // Every instance on one database must seal with the same key file: the first start records
    // its key's fingerprint, and an instance whose file does not hold that key is refused here,
    // before it writes CPF lookups no other instance would ever match.
    Status checkKeyFile();
    // Schema 4's data step: a registry of before it, in clear, moves sealed under the same ids.
    Status sealRegistry();

    // The registry's optional name and birth date, and the age class they imply.
    Status setPatient(const Cpf &cpf, const QString &name, const QDate &birthDate);
    protocol::PatientLookup lookupPatient(const Cpf &cpf);
    // The patient's row id, if the CPF is in the registry.
    std::optional<qint64> knownId(const Cpf &cpf);
    // The patient's row id, a new unregistered row for a CPF never seen: inside a unit of work.
    Result<qint64> idFor(const Cpf &cpf);
    std::optional<PatientRecord> record(qint64 id);
    // Rows that hold only a CPF and no ticket or appointment refers to any more, created before `beforeMs`
    // (retention): inside a unit of work.
    Result<int> removeUnreferenced(qint64 beforeMs);
    // A new registry key, every patient row resealed with it and recorded as the key
    // (checkKeyFile), the old keys dropped. Run with the server stopped: a running server keeps
    // the keys it read at start. Rows resealed.
    Result<int> rotatePatientKey();

private:
    // The patient whose `column` (id or cpf_lookup) is `value`, unsealed.
    std::optional<PatientRecord> find(const QString &column, const QVariant &value);

    Database &m_db;
    UnitOfWork &m_work;
    CatalogStore &m_catalog;
    const Clock &m_clock;
    const BusinessDay &m_calendar;
    std::optional<PatientVault> m_vault;
};

} // namespace clinico::server
