// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "cpf/cpf.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>

namespace clinico::server {

// What the registry knows of a patient, as it is sealed in the database.
struct PatientRecord
{
    Cpf cpf;
    QString name; // empty: unknown
    QDate birthDate; // invalid: unknown
};

// The patient registry's secrets, kept out of the database (LGPD: a copy of clinico.sqlite
// alone reveals no CPF, name or birth date). A key file, readable only by the service, holds
// numbered master keys, one per line ("<id> <base64>"); the highest is current. From each,
// libsodium derives two subkeys: one for a keyed BLAKE2b of the CPF (the lookup column, so a
// CPF is found without being stored, and the 10^9 possible CPFs cannot be hashed by whoever
// holds only the database) and one for XSalsa20-Poly1305 (secretbox) sealing the record.
// Rotation adds a key; the store then reseals every row with it (rotate-key).
class PatientVault
{
public:
    struct Sealed
    {
        int keyId = 0;
        QByteArray lookup; // keyed hash of the CPF, hex
        QByteArray box; // nonce + ciphertext of the record
    };

    // Reads the key file, or creates it (mode 0600, its folder 0700) with a first random key.
    static Result<PatientVault> open(const QString &keyFile);
    // Appends a new random key, which becomes current. The file is replaced atomically.
    Status addKey();
    // Keeps only the current key (after every row was resealed with it).
    Status dropOldKeys();

    int currentKeyId() const { return m_keys.constLast().id; }
    QString path() const { return m_path; }
    // Names the current key without revealing it: "<id>:<hex>", a BLAKE2b of a subkey derived
    // for nothing else. Recorded in the database, so an instance with another key file is
    // caught at start (PatientStore::checkKeyFile).
    QString fingerprint() const;
    // Whether the file holds the key `recorded` (a fingerprint()) names.
    bool holds(const QString &recorded) const;
    QByteArray lookupOf(const Cpf &cpf) const;
    // BLAKE2b of `data` under the current lookup key, hex.
    QByteArray keyedHash(const QByteArray &data) const;
    Sealed seal(const PatientRecord &record) const;
    // The record in a box sealed under `keyId`; an error when the key is unknown or the box
    // was tampered with.
    Result<PatientRecord> unseal(int keyId, const QByteArray &box) const;

private:
    struct Key
    {
        int id = 0;
        QByteArray lookupKey;
        QByteArray boxKey;
    };
    static Key derive(int id, const QByteArray &master);
    static QString fingerprintOf(int id, const QByteArray &master);
    Status save() const;
    const Key *key(int id) const;

    QString m_path;
    QList<QPair<int, QByteArray>> m_masters;
    QList<Key> m_keys;
};

} // namespace clinico::server
