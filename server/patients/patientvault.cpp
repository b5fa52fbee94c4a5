// SPDX-License-Identifier: GPL-3.0-or-later
#include "patients/patientvault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sodium.h>

#include <algorithm>

namespace clinico::server {

namespace {
// libsodium's key derivation context: exactly crypto_kdf_CONTEXTBYTES (8) characters.
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "cpfvault";
constexpr quint64 kLookupSubkey = 1;
constexpr quint64 kBoxSubkey = 2;
constexpr quint64 kFingerprintSubkey = 3;

Error keyError(const QString &message)
{
    return makeError(QStringLiteral("patient_keys"), message, 500);
}

QByteArray randomMaster()
{
    QByteArray master(crypto_kdf_KEYBYTES, Qt::Uninitialized);
    crypto_kdf_keygen(reinterpret_cast<unsigned char *>(master.data()));
    return master;
}
} // namespace

PatientVault::Key PatientVault::derive(int id, const QByteArray &master)
{
    Key k;
    k.id = id;
    k.lookupKey.resize(crypto_generichash_KEYBYTES);
    k.boxKey.resize(crypto_secretbox_KEYBYTES);
    const auto *m = reinterpret_cast<const unsigned char *>(master.constData());
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char *>(k.lookupKey.data()),
        size_t(k.lookupKey.size()), kLookupSubkey, kKdfContext, m);
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char *>(k.boxKey.data()), size_t(k.boxKey.size()),
        kBoxSubkey, kKdfContext, m);
    return k;
}

QString PatientVault::fingerprintOf(int id, const QByteArray &master)
{
    unsigned char subkey[32];
    crypto_kdf_derive_from_key(subkey, sizeof subkey, kFingerprintSubkey, kKdfContext,
        reinterpret_cast<const unsigned char *>(master.constData()));
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, subkey, sizeof subkey, nullptr, 0);
    sodium_memzero(subkey, sizeof subkey);
    return QStringLiteral("%1:%2").arg(id).arg(
        QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(hash), sizeof hash).toHex()));
}

QString PatientVault::fingerprint() const
{
    return fingerprintOf(m_masters.constLast().first, m_masters.constLast().second);
}

bool PatientVault::holds(const QString &recorded) const
{
    return std::any_of(m_masters.cbegin(), m_masters.cend(), [&](const QPair<int, QByteArray> &master) {
        return fingerprintOf(master.first, master.second) == recorded;
    });
}

Result<PatientVault> PatientVault::open(const QString &keyFile)
{
    if (sodium_init() < 0)
        return keyError(QStringLiteral("libsodium não pôde ser iniciada."));
    PatientVault vault;
    vault.m_path = keyFile;
    QFile file(keyFile);
    if (!file.exists()) {
        const QString dir = QFileInfo(keyFile).absolutePath();
        if (!QDir().mkpath(dir))
            return keyError(QStringLiteral("Não consegui criar a pasta das chaves: %1").arg(dir));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        vault.m_masters.append({ 1, randomMaster() });
        if (Status s = vault.save(); !s)
            return s.error();
    } else {
        if (QFileInfo(keyFile).permissions()
            & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                | QFileDevice::WriteOther))
            return keyError(QStringLiteral("O arquivo de chaves %1 pode ser lido por outros usuários: "
                                           "use chmod 600.")
                                .arg(keyFile));
        if (!file.open(QIODevice::ReadOnly))
            return keyError(QStringLiteral("Não consegui ler o arquivo de chaves %1.").arg(keyFile));
        int lineNo = 0;
        while (!file.atEnd()) {
            ++lineNo;
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QList<QByteArray> parts = line.split(' ');
            bool ok = false;
            const int id = parts.value(0).toInt(&ok);
            const QByteArray master = QByteArray::fromBase64(parts.value(1));
            if (parts.size() != 2 || !ok || id <= 0 || master.size() != crypto_kdf_KEYBYTES
                || (!vault.m_masters.isEmpty() && id <= vault.m_masters.constLast().first))
                return keyError(QStringLiteral(
                    "Arquivo de chaves %1, linha %2: esperado '<número crescente> <chave em base64>'.")
                                    .arg(keyFile)
                                    .arg(lineNo));
            vault.m_masters.append({ id, master });
        }
        if (vault.m_masters.isEmpty())
            return keyError(QStringLiteral("O arquivo de chaves %1 está vazio.").arg(keyFile));
    }
    for (const auto &[id, master] : std::as_const(vault.m_masters))
        vault.m_keys.append(derive(id, master));
    return vault;
}

Status PatientVault::save() const
{
    QByteArray text
        = "# Clinico patient registry keys: never copy this file next to a backup of the database.\n";
    for (const auto &[id, master] : m_masters)
        text += QByteArray::number(id) + ' ' + master.toBase64() + '\n';
    QSaveFile file(m_path);
    // Created 0600 before a single key byte is written.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(text) != text.size() || !file.commit())
        return keyError(QStringLiteral("Não consegui gravar o arquivo de chaves %1.").arg(m_path));
    return Ok {};
}

Status PatientVault::addKey()
{
    const int id = currentKeyId() + 1;
    m_masters.append({ id, randomMaster() });
    if (Status s = save(); !s) {
        m_masters.removeLast();
        return s;
    }
    m_keys.append(derive(id, m_masters.constLast().second));
    return Ok {};
}

Status PatientVault::dropOldKeys()
{
    const auto keepMaster = m_masters.constLast();
    const Key keep = m_keys.constLast();
    const auto oldMasters = m_masters;
    m_masters = { keepMaster };
    if (Status s = save(); !s) {
        m_masters = oldMasters;
        return s;
    }
    m_keys = { keep };
    return Ok {};
}

const PatientVault::Key *PatientVault::key(int id) const
{
    for (const Key &k : m_keys)
        if (k.id == id)
            return &k;
    return nullptr;
}

QByteArray PatientVault::lookupOf(const Cpf &cpf) const
{
    return keyedHash(cpf.digits().toLatin1());
}

QByteArray PatientVault::keyedHash(const QByteArray &data) const
{
    const Key &k = m_keys.constLast();
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char *>(data.constData()),
        size_t(data.size()), reinterpret_cast<const unsigned char *>(k.lookupKey.constData()),
        size_t(k.lookupKey.size()));
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

PatientVault::Sealed PatientVault::seal(const PatientRecord &record) const
{
    const Key &k = m_keys.constLast();
    QJsonObject o { { QStringLiteral("cpf"), record.cpf.digits() } };
    if (!record.name.isEmpty())
        o.insert(QStringLiteral("name"), record.name);
    if (record.birthDate.isValid())
        o.insert(QStringLiteral("birthDate"), record.birthDate.toString(Qt::ISODate));
    const QByteArray plain = QJsonDocument(o).toJson(QJsonDocument::Compact);
    QByteArray box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(box.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
        reinterpret_cast<const unsigned char *>(plain.constData()), quint64(plain.size()), nonce,
        reinterpret_cast<const unsigned char *>(k.boxKey.constData()));
    return { k.id, lookupOf(record.cpf), box };
}

Result<PatientRecord> PatientVault::unseal(int keyId, const QByteArray &box) const
{
    const Key *k = key(keyId);
    if (!k)
        return keyError(
            QStringLiteral("Registro de paciente selado com a chave %1, que não está no arquivo de chaves.")
                .arg(keyId));
    const qsizetype overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (box.size() < overhead)
        return keyError(QStringLiteral("Registro de paciente corrompido."));
    QByteArray plain(box.size() - overhead, Qt::Uninitialized);
    const auto *nonce = reinterpret_cast<const unsigned char *>(box.constData());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
            nonce + crypto_secretbox_NONCEBYTES, quint64(box.size() - crypto_secretbox_NONCEBYTES), nonce,
            reinterpret_cast<const unsigned char *>(k->boxKey.constData()))
        != 0)
        return keyError(QStringLiteral("Registro de paciente corrompido ou selado com outra chave."));
    const QJsonObject o = QJsonDocument::fromJson(plain).object();
    auto cpf = Cpf::parse(o.value(QStringLiteral("cpf")).toString());
    if (!cpf)
        return keyError(QStringLiteral("Registro de paciente corrompido."));
    return PatientRecord { *cpf, o.value(QStringLiteral("name")).toString(),
        QDate::fromString(o.value(QStringLiteral("birthDate")).toString(), Qt::ISODate) };
}

} // namespace clinico::server
