// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/queuestore.h"

#include "core/randomtoken.h"

#include "storage/schema.h"
#include "ticket/ticketcode.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcStore, "clinico.server.storage")

namespace clinico::server {

using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kReissueWindowMs = 10 * 60 * 1000;
// How far a totem's clock may be from ours (NTP keeps both well within it).
constexpr qint64 kMaxClockSkewMs = 2 * 60 * 1000;
constexpr int kDefaultServiceMinutes = 5;

// What a retry must repeat to get the same ticket back. The patient is named by the row id, not
// the CPF: a hash of 11 digits, whatever else it mixes in, gives the CPF back to whoever tries
// the 10^9 of them.
QByteArray requestHash(const IssueTicketRequest &r, qint64 patientId)
{
    QByteArray canonical = QByteArray::number(patientId) + '|' + QByteArray::number(r.serviceId) + '|'
        + clinico::toWire(r.priority).toLatin1() + '|' + QByteArray::number(r.issuedAtMs.value_or(-1)) + '|'
        + QByteArray::number(r.leaseId.value_or(-1)) + '|' + QByteArray::number(r.number.value_or(-1)) + '|'
        + r.offlineCode.value_or(QString()).toLatin1();
    if (r.statusToken)
        canonical += '|' + r.statusToken->toLatin1();
    return QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex();
}

IssueTicketRequest withoutOfflineFields(IssueTicketRequest r)
{
    r.issuedAtMs.reset();
    r.leaseId.reset();
    r.number.reset();
    r.offlineCode.reset();
    r.statusToken.reset();
    return r;
}

Error notFound(const QString &what)
{
    return makeError(QStringLiteral("not_found"), QStringLiteral("%1 não encontrado(a).").arg(what), 404);
}

Error invalidTransition(const QString &code, const QString &status, const QString &action)
{
    return makeError(QStringLiteral("invalid_transition"),
        QStringLiteral("A senha %1 está '%2': não é possível %3.").arg(code, status, action), 409);
}

const QString kTicketSelect = QStringLiteral(
    "SELECT t.id, t.day, t.code, t.service_id, t.priority, t.patient_id, t.device_id, t.request_hash, "
    "t.status,"
    " t.issued_ms, t.arrived_ms, t.counter_id, t.offline, t.token, s.name, c.name"
    " FROM tickets t JOIN services s ON s.id = t.service_id LEFT JOIN counters c ON c.id = t.counter_id ");

const QString kCallSelect = QStringLiteral(
    "SELECT k.ticket_id, t.code, t.service_id, s.name, k.counter_id, c.name, k.kind, k.at_ms, t.patient_id"
    " FROM calls k JOIN tickets t ON t.id = k.ticket_id JOIN services s ON s.id = t.service_id"
    " JOIN counters c ON c.id = k.counter_id ");

} // namespace

struct QueueStore::TicketRow
{
    qint64 id = 0;
    QString day;
    QString code;
    qint64 serviceId = 0;
    PriorityClass priority = PriorityClass::Normal;
    qint64 patientId = 0;
    qint64 deviceId = 0;
    QByteArray requestHash;
    QString status;
    qint64 issuedMs = 0;
    qint64 arrivedMs = 0;
    std::optional<qint64> counterId;
    bool offline = false;
    QString token;
    QString serviceName;
    QString counterName;

    static TicketRow read(const QSqlQuery &q)
    {
        TicketRow r;
        r.id = q.value(0).toLongLong();
        r.day = q.value(1).toString();
        r.code = q.value(2).toString();
        r.serviceId = q.value(3).toLongLong();
        r.priority = priorityClassFromWire(q.value(4).toString()).value_or(PriorityClass::Normal);
        r.patientId = q.value(5).toLongLong();
        r.deviceId = q.value(6).toLongLong();
        r.requestHash = q.value(7).toByteArray();
        r.status = q.value(8).toString();
        r.issuedMs = q.value(9).toLongLong();
        r.arrivedMs = q.value(10).toLongLong();
        if (!q.value(11).isNull())
            r.counterId = q.value(11).toLongLong();
        r.offline = q.value(12).toBool();
        r.token = q.value(13).toString();
        r.serviceName = q.value(14).toString();
        r.counterName = q.value(15).toString();
        return r;
    }
};

QueueStore::QueueStore(const Clock &clock, BusinessDay calendar)
    : m_clock(clock)
    , m_calendar(std::move(calendar))
{ }

Status QueueStore::open(const QString &path, const QString &patientKeyFile)
{
    auto vault = PatientVault::open(
        patientKeyFile.isEmpty() ? QFileInfo(path).absolutePath() + u"/keys/patient.keys"_s : patientKeyFile);
    if (!vault)
        return vault.error();
    m_vault = std::move(*vault);
    if (Status s = m_db.open(path, serverMigrations()); !s)
        return s;
    return sealClearRegistry();
}

// Schema 4 seals the registry: a database from before it holds CPFs, names and birth dates in
// clear in `patients`. They move, sealed and under the same ids, into `patients_sealed`, which
// then takes the table's name; tickets of before get their request hash (a plain SHA-256 over
// the CPF) replaced by a keyed one. One transaction: a crash leaves the old table, and the
// next start does it again. VACUUM then rewrites the file, so no page of the clear table is
// left in it or in the WAL.
Status QueueStore::sealClearRegistry()
{
    QSqlQuery probe(m_db.db());
    if (!probe.exec(u"SELECT 1 FROM pragma_table_info('patients') WHERE name = 'cpf'"_s))
        return SqliteDatabase::errorFrom(probe, u"sealRegistry"_s);
    if (!probe.next())
        return Ok {};
    probe.finish();
    int sealed = 0;
    // Dropping a table that tickets reference needs the foreign keys off, which SQLite only
    // allows outside a transaction.
    if (Status s = m_db.execute(u"PRAGMA foreign_keys=OFF"_s); !s)
        return s;
    const Status moved = m_db.write([&]() -> Status {
        QSqlQuery rows(m_db.db());
        rows.setForwardOnly(true);
        if (!rows.exec(u"SELECT id, cpf, name, birth_date, created_ms FROM patients"_s))
            return SqliteDatabase::errorFrom(rows, u"sealRegistry"_s);
        QSqlQuery insert(m_db.db());
        insert.prepare(u"INSERT INTO patients_sealed(id, cpf_lookup, key_id, sealed, registered, created_ms)"
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
            if (!SqliteDatabase::exec(insert,
                    { rows.value(0), QString::fromLatin1(box.lookup), box.keyId, box.box,
                        !record.name.isEmpty() || record.birthDate.isValid(), rows.value(4) }))
                return SqliteDatabase::errorFrom(insert, u"sealRegistry"_s);
            ++sealed;
        }
        rows.finish();
        QSqlQuery tickets(m_db.db());
        if (!tickets.exec(u"SELECT id, request_hash FROM tickets"_s))
            return SqliteDatabase::errorFrom(tickets, u"sealRegistry"_s);
        QSqlQuery rehash(m_db.db());
        rehash.prepare(u"UPDATE tickets SET request_hash = ? WHERE id = ?"_s);
        QList<QPair<qint64, QByteArray>> hashes;
        while (tickets.next())
            hashes.append({ tickets.value(0).toLongLong(), tickets.value(1).toByteArray() });
        tickets.finish();
        for (const auto &[id, old] : std::as_const(hashes))
            if (!SqliteDatabase::exec(rehash, { QString::fromLatin1(m_vault->keyedHash(old)), id }))
                return SqliteDatabase::errorFrom(rehash, u"sealRegistry"_s);
        for (const QString &sql :
            { u"DROP TABLE patients"_s, u"ALTER TABLE patients_sealed RENAME TO patients"_s })
            if (Status s = m_db.execute(sql); !s)
                return s;
        return Ok {};
    });
    if (Status s = m_db.execute(u"PRAGMA foreign_keys=ON"_s); !s)
        return s;
    if (!moved)
        return moved;
    if (sealed > 0) {
        if (Status s = m_db.execute(u"VACUUM"_s); !s)
            return s;
        (void)m_db.checkpoint();
        qCInfo(lcStore) << "sealed" << sealed << "patient records (CPF, name, birth date) with key"
                        << m_vault->currentKeyId();
    }
    return Ok {};
}

Result<int> QueueStore::rotatePatientKey()
{
    if (Status s = m_vault->addKey(); !s)
        return s.error();
    int resealed = 0;
    const Status s = write<Ok>([&]() -> Status {
        resealed = 0;
        QSqlQuery rows(m_db.db());
        rows.setForwardOnly(true);
        if (!rows.exec(u"SELECT id, key_id, sealed FROM patients"_s))
            return SqliteDatabase::errorFrom(rows, u"rotatePatientKey"_s);
        QList<QPair<qint64, PatientRecord>> records;
        while (rows.next()) {
            auto record = m_vault->unseal(rows.value(1).toInt(), rows.value(2).toByteArray());
            if (!record)
                return record.error();
            records.append({ rows.value(0).toLongLong(), *record });
        }
        rows.finish();
        QSqlQuery update(m_db.db());
        update.prepare(u"UPDATE patients SET cpf_lookup = ?, key_id = ?, sealed = ? WHERE id = ?"_s);
        for (const auto &[id, record] : std::as_const(records)) {
            const auto box = m_vault->seal(record);
            if (!SqliteDatabase::exec(update, { QString::fromLatin1(box.lookup), box.keyId, box.box, id }))
                return SqliteDatabase::errorFrom(update, u"rotatePatientKey"_s);
            ++resealed;
        }
        return Ok {};
    });
    if (!s)
        return s.error();
    // Every row is under the new key: the old ones may go.
    if (Status dropped = m_vault->dropOldKeys(); !dropped)
        return dropped.error();
    return resealed;
}

template<typename T> Result<T> QueueStore::write(const std::function<Result<T>()> &work)
{
    const bool outermost = !m_db.inTransaction();
    std::optional<T> out;
    const Status s = m_db.write(
        [&]() -> Status {
            Result<T> r = work();
            if (!r)
                return r.error();
            out = std::move(r).value();
            return Ok {};
        },
        [this] { m_pending.clear(); });
    if (!s)
        return s.error();
    if (outermost)
        publish(std::exchange(m_pending, {}));
    return std::move(*out);
}

// ---------------------------------------------------------------- catalogue and settings

Result<Service> QueueStore::addService(const QString &prefix, const QString &name)
{
    if (!TicketCode::isValidPrefix(prefix))
        return makeError(
            QStringLiteral("invalid_field"), QStringLiteral("Prefixo deve ter de 1 a 3 letras maiúsculas."));
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O serviço precisa de um nome."));
    return write<Service>([&]() -> Result<Service> {
        QSqlQuery &q
            = m_db.cached(QStringLiteral("INSERT INTO services(prefix, name, active) VALUES(?, ?, 1)"));
        if (!SqliteDatabase::exec(q, { prefix, name.trimmed() }))
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("Já existe um serviço com o prefixo %1.").arg(prefix), 409);
        return Service { q.lastInsertId().toLongLong(), prefix, name.trimmed(), true };
    });
}

Result<Counter> QueueStore::addCounter(const QString &name, const QList<qint64> &serviceIds)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O local precisa de um nome."));
    return write<Counter>([&]() -> Result<Counter> {
        QSqlQuery &q = m_db.cached(QStringLiteral("INSERT INTO counters(name, active) VALUES(?, 1)"));
        if (!SqliteDatabase::exec(q, { name.trimmed() }))
            return makeError(
                QStringLiteral("conflict"), QStringLiteral("Já existe um local chamado %1.").arg(name), 409);
        const qint64 id = q.lastInsertId().toLongLong();
        if (auto linked = linkServices(id, serviceIds); !linked)
            return linked.error();
        return Counter { id, name.trimmed(), serviceIds, true };
    });
}

// Which services a counter serves; an unknown service id is a 404 (foreign key).
Status QueueStore::linkServices(qint64 counterId, const QList<qint64> &serviceIds)
{
    QSqlQuery &link
        = m_db.cached(QStringLiteral("INSERT INTO counter_services(counter_id, service_id) VALUES(?, ?)"));
    for (qint64 serviceId : serviceIds) {
        if (!SqliteDatabase::exec(link, { counterId, serviceId }))
            return notFound(QStringLiteral("Serviço %1").arg(serviceId));
    }
    return Ok {};
}

QList<Service> QueueStore::services()
{
    QList<Service> out;
    QSqlQuery &q = m_db.cached(QStringLiteral("SELECT id, prefix, name, active FROM services ORDER BY id"));
    SqliteDatabase::exec(q, {});
    while (q.next())
        out << Service { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toBool() };
    return out;
}

std::optional<Service> QueueStore::service(qint64 id)
{
    for (const Service &s : services()) {
        if (s.id == id)
            return s;
    }
    return std::nullopt;
}

QList<Counter> QueueStore::counters()
{
    QList<Counter> out;
    QSqlQuery &q = m_db.cached(QStringLiteral(
        "SELECT c.id, c.name, c.active, cs.service_id FROM counters c"
        " LEFT JOIN counter_services cs ON cs.counter_id = c.id ORDER BY c.id, cs.service_id"));
    SqliteDatabase::exec(q, {});
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (out.isEmpty() || out.last().id != id)
            out << Counter { id, q.value(1).toString(), {}, q.value(2).toBool() };
        if (!q.value(3).isNull())
            out.last().serviceIds << q.value(3).toLongLong();
    }
    return out;
}

std::optional<Counter> QueueStore::counter(qint64 id)
{
    for (const Counter &c : counters()) {
        if (c.id == id)
            return c;
    }
    return std::nullopt;
}

QString QueueStore::setting(const QString &key, const QString &fallback)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    if (SqliteDatabase::exec(q, { key }) && q.next())
        return q.value(0).toString();
    return fallback;
}

Status QueueStore::setSetting(const QString &key, const QString &value)
{
    return write<Ok>([&]() -> Status {
        QSqlQuery &q = m_db.cached(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) ON "
                                                  "CONFLICT(key) DO UPDATE SET value = excluded.value"));
        if (!SqliteDatabase::exec(q, { key, value }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("setSetting"));
        return Ok {};
    });
}

DisplaySettings QueueStore::displaySettings()
{
    DisplaySettings s;
    s.clinicName = setting(SettingKey::ClinicName, QStringLiteral("Clínica"));
    s.notice = setting(SettingKey::Notice);
    s.logoUrl = setting(SettingKey::LogoUrl);
    s.showNames = setting(SettingKey::ShowNames) == QLatin1String("true");
    return s;
}

Status QueueStore::setDisplaySettings(const DisplaySettings &settings)
{
    return write<Ok>([&]() -> Status {
        for (const auto &[key, value] : { std::pair { SettingKey::ClinicName, settings.clinicName },
                 std::pair { SettingKey::Notice, settings.notice },
                 std::pair { SettingKey::LogoUrl, settings.logoUrl },
                 std::pair { SettingKey::ShowNames,
                     settings.showNames ? QStringLiteral("true") : QStringLiteral("false") } }) {
            if (Status s = setSetting(key, value); !s)
                return s;
        }
        if (auto seq = appendEvent(EventKind::SettingsChanged, settings.toJson()); !seq)
            return seq.error();
        return Ok {};
    });
}

CallPolicyRules QueueStore::policyRules()
{
    CallPolicyRules rules;
    rules.normalEvery = std::max(1, setting(SettingKey::NormalEvery, QStringLiteral("2")).toInt());
    return rules;
}

Result<Service> QueueStore::updateService(qint64 id, const QString &name, bool active)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O serviço precisa de um nome."));
    return write<Service>([&]() -> Result<Service> {
        QSqlQuery &q = m_db.cached(QStringLiteral("UPDATE services SET name = ?, active = ? WHERE id = ?"));
        if (!SqliteDatabase::exec(q, { name.trimmed(), active ? 1 : 0, id }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("updateService"));
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Serviço %1").arg(id));
        return *service(id);
    });
}

Result<Counter> QueueStore::updateCounter(
    qint64 id, const QString &name, const QList<qint64> &serviceIds, bool active)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O local precisa de um nome."));
    return write<Counter>([&]() -> Result<Counter> {
        QSqlQuery &q = m_db.cached(QStringLiteral("UPDATE counters SET name = ?, active = ? WHERE id = ?"));
        if (!SqliteDatabase::exec(q, { name.trimmed(), active ? 1 : 0, id }))
            return makeError(
                QStringLiteral("conflict"), QStringLiteral("Já existe um local chamado %1.").arg(name), 409);
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Local %1").arg(id));
        QSqlQuery &clear = m_db.cached(QStringLiteral("DELETE FROM counter_services WHERE counter_id = ?"));
        if (!SqliteDatabase::exec(clear, { id }))
            return SqliteDatabase::errorFrom(clear, QStringLiteral("updateCounter"));
        if (auto linked = linkServices(id, serviceIds); !linked)
            return linked.error();
        return *counter(id);
    });
}

// ---------------------------------------------------------------- devices

Result<DeviceRecord> QueueStore::addDevice(
    const QString &name, const QString &role, const QByteArray &tokenHash)
{
    if (!Role::isValid(role))
        return makeError(QStringLiteral("invalid_field"),
            QStringLiteral("Papel inválido: %1 (totem, tv, desk, admin).").arg(role));
    return write<DeviceRecord>([&]() -> Result<DeviceRecord> {
        QSqlQuery &q = m_db.cached(
            QStringLiteral("INSERT INTO devices(name, role, token_hash, created_ms) VALUES(?, ?, ?, ?)"));
        if (!SqliteDatabase::exec(q, { name, role, QString::fromLatin1(tokenHash), m_clock.nowMs() }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("addDevice"));
        return DeviceRecord { q.lastInsertId().toLongLong(), name, role, false, 0, {}, {} };
    });
}

namespace {
const QString kDeviceSelect
    = QStringLiteral("SELECT id, name, role, revoked_ms, last_seen_ms, version, status FROM devices ");

DeviceRecord readDevice(const QSqlQuery &q)
{
    return DeviceRecord { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        !q.value(3).isNull(), q.value(4).toLongLong(), q.value(5).toString(),
        QJsonDocument::fromJson(q.value(6).toByteArray()).object() };
}
} // namespace

std::optional<DeviceRecord> QueueStore::deviceByTokenHash(const QByteArray &tokenHash)
{
    QSqlQuery &q = m_db.cached(kDeviceSelect + QStringLiteral("WHERE token_hash = ?"));
    if (SqliteDatabase::exec(q, { QString::fromLatin1(tokenHash) }) && q.next())
        return readDevice(q);
    return std::nullopt;
}

QList<DeviceRecord> QueueStore::devices()
{
    QList<DeviceRecord> out;
    QSqlQuery &q = m_db.cached(kDeviceSelect + QStringLiteral("ORDER BY id"));
    SqliteDatabase::exec(q, {});
    while (q.next())
        out << readDevice(q);
    return out;
}

std::optional<DeviceRecord> QueueStore::device(qint64 id)
{
    QSqlQuery &q = m_db.cached(kDeviceSelect + QStringLiteral("WHERE id = ?"));
    if (!SqliteDatabase::exec(q, { id }) || !q.next())
        return std::nullopt;
    DeviceRecord d = readDevice(q);
    q.finish();
    return d;
}

Status QueueStore::setDeviceTokenHash(qint64 id, const QByteArray &tokenHash)
{
    return write<Ok>([&]() -> Status {
        QSqlQuery &q = m_db.cached(
            QStringLiteral("UPDATE devices SET token_hash = ? WHERE id = ? AND revoked_ms IS NULL"));
        if (!SqliteDatabase::exec(q, { QString::fromLatin1(tokenHash), id }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("setDeviceTokenHash"));
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Dispositivo %1").arg(id));
        return Ok {};
    });
}

Status QueueStore::revokeDevice(qint64 id)
{
    return write<Ok>([&]() -> Status {
        QSqlQuery &q = m_db.cached(
            QStringLiteral("UPDATE devices SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL"));
        if (!SqliteDatabase::exec(q, { m_clock.nowMs(), id }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("revokeDevice"));
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Dispositivo %1").arg(id));
        return Ok {};
    });
}

Status QueueStore::savePresence(const QList<DevicePresenceUpdate> &updates)
{
    return write<Ok>([&]() -> Status {
        QSqlQuery &seen = m_db.cached(
            QStringLiteral("UPDATE devices SET last_seen_ms = ? WHERE id = ?"));
        QSqlQuery &status = m_db.cached(QStringLiteral("UPDATE devices SET version = ?, status = ? WHERE id = ?"));
        for (const DevicePresenceUpdate &u : updates) {
            if (!SqliteDatabase::exec(seen, { u.lastSeenMs, u.deviceId }))
                return SqliteDatabase::errorFrom(seen, QStringLiteral("savePresence"));
            if (u.status
                && !SqliteDatabase::exec(status,
                    { u.status->version,
                        QString::fromUtf8(QJsonDocument(u.status->toJson()).toJson(QJsonDocument::Compact)),
                        u.deviceId }))
                return SqliteDatabase::errorFrom(status, QStringLiteral("savePresence"));
        }
        return Ok {};
    });
}

// ---------------------------------------------------------------- patients

Status QueueStore::setPatient(const Cpf &cpf, const QString &name, const QDate &birthDate)
{
    return write<Ok>([&]() -> Status {
        const PatientRecord record { cpf, name.simplified(), birthDate };
        const auto box = m_vault->seal(record);
        QSqlQuery &q = m_db.cached(QStringLiteral(
            "INSERT INTO patients(cpf_lookup, key_id, sealed, registered, created_ms) VALUES(?, ?, ?, ?, ?)"
            " ON CONFLICT(cpf_lookup) DO UPDATE SET key_id = excluded.key_id, sealed = excluded.sealed,"
            " registered = excluded.registered"));
        if (!SqliteDatabase::exec(q,
                { QString::fromLatin1(box.lookup), box.keyId, box.box,
                    !record.name.isEmpty() || record.birthDate.isValid(), m_clock.nowMs() }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("setPatient"));
        return Ok {};
    });
}

std::optional<PatientRecord> QueueStore::patient(const QString &column, const QVariant &value)
{
    QSqlQuery &q
        = m_db.cached(column == u"id" ? u"SELECT key_id, sealed FROM patients WHERE id = ?"_s
                                      : u"SELECT key_id, sealed FROM patients WHERE cpf_lookup = ?"_s);
    if (!SqliteDatabase::exec(q, { value }) || !q.next())
        return std::nullopt;
    auto record = m_vault->unseal(q.value(0).toInt(), q.value(1).toByteArray());
    q.finish();
    if (!record) {
        qCWarning(lcStore) << "patient record unreadable:" << record.error().message;
        return std::nullopt;
    }
    return *record;
}

PatientLookup QueueStore::lookupPatient(const Cpf &cpf)
{
    PatientLookup out;
    const auto record = patient(u"cpf_lookup"_s, QString::fromLatin1(m_vault->lookupOf(cpf)));
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

// ---------------------------------------------------------------- events

Result<qint64> QueueStore::appendEvent(const QString &kind, const QJsonObject &data)
{
    const qint64 now = m_clock.nowMs();
    QSqlQuery &q = m_db.cached(QStringLiteral("INSERT INTO events(at_ms, kind, payload) VALUES(?, ?, ?)"));
    if (!SqliteDatabase::exec(
            q, { now, kind, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)) }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("appendEvent"));
    const qint64 seq = q.lastInsertId().toLongLong();
    m_pending << Event { seq, kind, now, data };
    return seq;
}

void QueueStore::publish(QList<Event> events)
{
    if (!onEventCommitted)
        return;
    for (const Event &e : events)
        onEventCommitted(e);
}

Result<QList<Event>> QueueStore::eventsAfter(qint64 seq, int limit)
{
    QList<Event> out;
    QSqlQuery &q = m_db.cached(
        QStringLiteral("SELECT seq, at_ms, kind, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?"));
    if (!SqliteDatabase::exec(q, { seq, limit }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("eventsAfter"));
    while (q.next())
        out << Event { q.value(0).toLongLong(), q.value(2).toString(), q.value(1).toLongLong(),
            QJsonDocument::fromJson(q.value(3).toByteArray()).object() };
    return out;
}

Result<QueueStore::EventLogBounds> QueueStore::eventLogBounds()
{
    QSqlQuery &q
        = m_db.cached(QStringLiteral("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM events"));
    if (!SqliteDatabase::exec(q, {}) || !q.next())
        return SqliteDatabase::errorFrom(q, QStringLiteral("eventLogBounds"));
    const EventLogBounds bounds { q.value(0).toLongLong(), q.value(1).toLongLong() };
    q.finish();
    return bounds;
}

qint64 QueueStore::lastSeq()
{
    const auto bounds = eventLogBounds();
    return bounds ? bounds->last : 0;
}

Status QueueStore::audit(const Actor &actor, const QString &action, qint64 ticketId, const QString &detail)
{
    QSqlQuery &q = m_db.cached(
        QStringLiteral("INSERT INTO audit(at_ms, actor, action, ticket_id, detail) VALUES(?, ?, ?, ?, ?)"));
    if (!SqliteDatabase::exec(
            q, { m_clock.nowMs(), actor.name, action, ticketId ? QVariant(ticketId) : QVariant(), detail }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("audit"));
    return Ok {};
}

void QueueStore::recordAudit(
    const Actor &actor, const QString &action, qint64 ticketId, const QString &detail)
{
    if (Status s = write<Ok>([&] { return audit(actor, action, ticketId, detail); }); !s)
        qCWarning(lcStore) << "audit entry lost:" << action << actor.name << s.error().message;
}

// ---------------------------------------------------------------- the day

QString QueueStore::currentDay()
{
    if (m_currentDay.isEmpty())
        m_currentDay = setting(SettingKey::CurrentDay);
    return m_currentDay;
}

Result<int> QueueStore::rolloverTo(const QString &day)
{
    const QString previous = currentDay();
    if (previous == day)
        return 0;
    auto expired = write<int>([&]() -> Result<int> {
        QSqlQuery &q = m_db.cached(QStringLiteral("UPDATE tickets SET status = 'expired' WHERE status IN "
                                                  "('waiting', 'called', 'in_service') AND day < ?"));
        if (!SqliteDatabase::exec(q, { day }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("rollover"));
        const int count = q.numRowsAffected();
        if (Status s = setSetting(SettingKey::CurrentDay, day); !s)
            return s.error();
        if (!previous.isEmpty()) {
            if (auto seq = appendEvent(EventKind::DayReset,
                    { { QStringLiteral("day"), day }, { QStringLiteral("expired"), count } });
                !seq)
                return seq.error();
        }
        m_currentDay = day; // subscribers of the DayReset event already see the new day
        return count;
    });
    if (!expired) {
        m_currentDay.clear(); // read again from the database
        return expired;
    }
    qCInfo(lcStore) << "business day is now" << day << "- expired" << *expired << "open tickets";
    return expired;
}

// ---------------------------------------------------------------- tickets

std::optional<QueueStore::TicketRow> QueueStore::loadTicket(qint64 id)
{
    QSqlQuery &q = m_db.cached(kTicketSelect + QStringLiteral("WHERE t.id = ?"));
    if (SqliteDatabase::exec(q, { id }) && q.next())
        return TicketRow::read(q);
    return std::nullopt;
}

Ticket QueueStore::toTicket(const TicketRow &r)
{
    Ticket t;
    t.id = r.id;
    t.code = r.code;
    t.serviceId = r.serviceId;
    t.serviceName = r.serviceName;
    t.priority = r.priority;
    t.status = r.status;
    t.issuedAtMs = r.issuedMs;
    t.arrivedAtMs = r.arrivedMs;
    t.counterId = r.counterId;
    t.counterName = r.counterName;
    t.offline = r.offline;
    return t;
}

std::optional<Ticket> QueueStore::ticket(qint64 id)
{
    if (auto row = loadTicket(id))
        return toTicket(*row);
    return std::nullopt;
}

std::optional<Ticket> QueueStore::ticketByToken(const QString &token)
{
    QSqlQuery &q = m_db.cached(kTicketSelect + QStringLiteral("WHERE t.token = ?"));
    if (SqliteDatabase::exec(q, { token }) && q.next())
        return toTicket(TicketRow::read(q));
    return std::nullopt;
}

QList<Ticket> QueueStore::tickets(const QString &statusFilter)
{
    QList<Ticket> out;
    QSqlQuery &q = m_db.cached(kTicketSelect
        + QStringLiteral(
            "WHERE t.day = ? AND (? = '' AND t.status IN ('waiting', 'called', 'in_service') OR t.status = ?)"
            " ORDER BY t.arrived_ms, t.id"));
    SqliteDatabase::exec(q, { currentDay(), statusFilter, statusFilter });
    while (q.next())
        out << toTicket(TicketRow::read(q));
    return out;
}

QPair<int, int> QueueStore::positionAndWait(const Ticket &t)
{
    // Ahead: a higher class, or the same class and an earlier arrival (ties by id), as the
    // policy orders them. The interleave rule can only move a normal ticket earlier.
    QSqlQuery &q = m_db.cached(
        QStringLiteral("SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND service_id = ? AND day = ? "
                       "AND id <> ? AND ("
                       " (CASE priority WHEN 'priority80' THEN 2 WHEN 'priority' THEN 1 ELSE 0 END) > ?"
                       " OR (priority = ? AND (arrived_ms < ? OR (arrived_ms = ? AND id < ?))))"));
    SqliteDatabase::exec(q,
        { t.serviceId, currentDay(), t.id, rank(t.priority), clinico::toWire(t.priority), t.arrivedAtMs,
            t.arrivedAtMs, t.id });
    const int ahead = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    // Minutes between calls for this service today, over the last 20 calls.
    QSqlQuery &calls = m_db.cached(QStringLiteral("SELECT MIN(at_ms), MAX(at_ms), COUNT(*) FROM (SELECT "
                                                  "at_ms FROM calls WHERE day = ? AND service_id = ?"
                                                  " AND kind <> 'recall' ORDER BY id DESC LIMIT 20)"));
    int perPatient = kDefaultServiceMinutes;
    if (SqliteDatabase::exec(calls, { currentDay(), t.serviceId }) && calls.next()
        && calls.value(2).toInt() >= 3) {
        const double spanMin = double(calls.value(1).toLongLong() - calls.value(0).toLongLong()) / 60000.0;
        perPatient = std::clamp(int(spanMin / (calls.value(2).toInt() - 1) + 0.5), 1, 60);
    }
    return { ahead, ahead * perPatient };
}

Result<int> QueueStore::nextNumber(const QString &day, qint64 serviceId, PriorityClass priority, int count)
{
    const QString p = clinico::toWire(priority);
    QSqlQuery &ins = m_db.cached(QStringLiteral(
        "INSERT INTO number_counters(day, service_id, priority, next_number) VALUES(?, ?, ?, 1)"
        " ON CONFLICT(day, service_id, priority) DO NOTHING"));
    if (!SqliteDatabase::exec(ins, { day, serviceId, p }))
        return SqliteDatabase::errorFrom(ins, QStringLiteral("nextNumber"));
    QSqlQuery &sel = m_db.cached(QStringLiteral(
        "SELECT next_number FROM number_counters WHERE day = ? AND service_id = ? AND priority = ?"));
    if (!SqliteDatabase::exec(sel, { day, serviceId, p }) || !sel.next())
        return SqliteDatabase::errorFrom(sel, QStringLiteral("nextNumber"));
    int first = sel.value(0).toInt();
    sel.finish();
    // A busy day that reaches the leased range skips over every lease handed out so far.
    QSqlQuery &leased = m_db.cached(
        QStringLiteral("SELECT MAX(last_number) FROM leases WHERE day = ? AND service_id = ? AND priority = ?"
                       " AND first_number <= ? AND last_number >= ?"));
    if (!SqliteDatabase::exec(leased, { day, serviceId, p, first + count - 1, first }))
        return SqliteDatabase::errorFrom(leased, QStringLiteral("nextNumber"));
    if (leased.next() && !leased.value(0).isNull()) {
        const int afterLeases = leasedNumbersEnd(day, serviceId, priority);
        first = std::max(first, afterLeases);
    }
    leased.finish();
    QSqlQuery &upd = m_db.cached(QStringLiteral(
        "UPDATE number_counters SET next_number = ? WHERE day = ? AND service_id = ? AND priority = ?"));
    if (!SqliteDatabase::exec(upd, { first + count, day, serviceId, p }))
        return SqliteDatabase::errorFrom(upd, QStringLiteral("nextNumber"));
    return first;
}

int QueueStore::leasedNumbersEnd(const QString &day, qint64 serviceId, PriorityClass priority)
{
    QSqlQuery &q = m_db.cached(QStringLiteral("SELECT COALESCE(MAX(last_number), 0) + 1 FROM leases WHERE "
                                              "day = ? AND service_id = ? AND priority = ?"));
    const int end = SqliteDatabase::exec(q, { day, serviceId, clinico::toWire(priority) }) && q.next()
        ? q.value(0).toInt()
        : 1;
    q.finish();
    return end;
}

// Numbers for totems to issue offline come from a range of their own (501 up), so the
// codes the server issues online stay consecutive from 001 in the waiting room.
Result<int> QueueStore::leaseFirstNumber(const QString &day, qint64 serviceId, PriorityClass priority)
{
    auto next = nextNumber(day, serviceId, priority, 0); // where online numbering stands
    if (!next)
        return next.error();
    return std::max({ kLeasedNumbersFrom, *next, leasedNumbersEnd(day, serviceId, priority) });
}

Result<IssueOutcome> QueueStore::issue(const IssueTicketRequest &req, const Cpf &cpf, const Actor &device)
{
    return issueBatch({ IssueCommand { req, cpf, device } }).first();
}

QList<Result<IssueOutcome>> QueueStore::issueBatch(const QList<IssueCommand> &commands)
{
    QList<Result<IssueOutcome>> results;
    const Status committed = write<Ok>([&]() -> Status {
        results.clear();
        QSqlQuery &savepoint = m_db.cached(QStringLiteral("SAVEPOINT issue"));
        QSqlQuery &release = m_db.cached(QStringLiteral("RELEASE issue"));
        QSqlQuery &rollback = m_db.cached(QStringLiteral("ROLLBACK TO issue"));
        for (const IssueCommand &command : commands) {
            const qsizetype pendingBefore = m_pending.size();
            SqliteDatabase::exec(savepoint, {});
            auto outcome = issueInTransaction(command);
            if (!outcome) {
                SqliteDatabase::exec(rollback, {});
                m_pending.resize(pendingBefore);
            }
            SqliteDatabase::exec(release, {});
            results << outcome;
        }
        return Ok {};
    });
    if (!committed) {
        const Error failed = committed.error().code == SqliteDatabase::kBusyCode
            ? committed.error()
            : makeError(QStringLiteral("storage_error"),
                QStringLiteral("Falha ao gravar a senha; nada foi emitido."), 500);
        results = QList<Result<IssueOutcome>>(commands.size(), failed);
    }
    return results;
}

Result<IssueOutcome> QueueStore::issueInTransaction(const IssueCommand &command)
{
    const IssueTicketRequest &req = command.request;
    const Cpf &cpf = command.cpf;
    const Actor &device = command.device;
    const qint64 now = m_clock.nowMs();
    const auto svc = service(req.serviceId);
    if (!svc)
        return notFound(QStringLiteral("Serviço %1").arg(req.serviceId));
    // The patient first: the request hash names them by id. Most patients are already known, so
    // a record is sealed only for one who is not.
    const QString lookup = QString::fromLatin1(m_vault->lookupOf(cpf));
    QSqlQuery &patId = m_db.cached(QStringLiteral("SELECT id FROM patients WHERE cpf_lookup = ?"));
    if (!SqliteDatabase::exec(patId, { lookup }))
        return SqliteDatabase::errorFrom(patId, QStringLiteral("patient"));
    qint64 patientId = patId.next() ? patId.value(0).toLongLong() : 0;
    patId.finish();
    if (patientId == 0) {
        const PatientVault::Sealed box = m_vault->seal({ cpf, {}, {} });
        QSqlQuery &pat = m_db.cached(QStringLiteral("INSERT INTO patients(cpf_lookup, key_id, sealed, "
                                                    "registered, created_ms) VALUES(?, ?, ?, 0, ?)"));
        if (!SqliteDatabase::exec(pat, { lookup, box.keyId, box.box, now }))
            return SqliteDatabase::errorFrom(pat, QStringLiteral("patient"));
        patientId = pat.lastInsertId().toLongLong();
    }
    const QByteArray hash = requestHash(req, patientId);

    auto outcomeFor = [this](qint64 ticketId, bool created, bool reissued) -> Result<IssueOutcome> {
        QSqlQuery &tok = m_db.cached(QStringLiteral("SELECT token FROM tickets WHERE id = ?"));
        SqliteDatabase::exec(tok, { ticketId });
        tok.next();
        IssueOutcome o;
        o.created = created;
        o.response.ticket = *ticket(ticketId);
        o.response.reissued = reissued;
        o.response.statusToken = tok.value(0).toString();
        const auto [ahead, minutes] = positionAndWait(o.response.ticket);
        o.response.peopleAhead = ahead;
        o.response.estimatedWaitMinutes = minutes;
        return o;
    };

    // A retry of a request we already answered: the same ticket, never a second one.
    QSqlQuery &idem = m_db.cached(
        QStringLiteral("SELECT id, request_hash FROM tickets WHERE device_id = ? AND idempotency_key = ?"));
    if (!SqliteDatabase::exec(idem, { device.deviceId, req.idempotencyKey }))
        return SqliteDatabase::errorFrom(idem, QStringLiteral("issue"));
    if (idem.next()) {
        const qint64 existing = idem.value(0).toLongLong();
        const QByteArray storedHash = idem.value(1).toByteArray();
        idem.finish();
        if (storedHash == hash)
            return outcomeFor(existing, false, false);
        // The totem's online attempt reached us but our reply did not reach it, so it printed
        // an offline code and is now filing that: the paper in the patient's hand wins.
        if (req.issuedAtMs && storedHash == requestHash(withoutOfflineFields(req), patientId)) {
            if (auto adopted = adoptOfflineCode(existing, req, *svc, hash, device); !adopted)
                return adopted.error();
            return outcomeFor(existing, false, false);
        }
        return makeError(QStringLiteral("idempotency_conflict"),
            QStringLiteral("Esta chave de idempotência já foi usada para outro pedido."), 409);
    }

    // Only paper printed offline has a past: an online request is filed now.
    const bool offline = req.number || req.offlineCode;
    if (req.issuedAtMs && !offline)
        return invalidPrintTime(
            QStringLiteral("só para uma senha impressa sem conexão (com leaseId e number, ou offlineCode)."));
    const qint64 issuedMs = offline ? std::min(*req.issuedAtMs, now) : now;
    const QString day = m_calendar.dayOf(issuedMs);
    const QString today = currentDay();

    if (!offline && svc->active) {
        // The same patient at the totem again for the same service: reprint, do not duplicate.
        QSqlQuery &dup = m_db.cached(QStringLiteral("SELECT id FROM tickets WHERE patient_id = ? AND "
                                                    "service_id = ? AND status = 'waiting' AND day = ?"
                                                    " AND issued_ms >= ? ORDER BY id DESC LIMIT 1"));
        if (SqliteDatabase::exec(dup, { patientId, req.serviceId, day, now - kReissueWindowMs })
            && dup.next()) {
            const qint64 existing = dup.value(0).toLongLong();
            dup.finish();
            return outcomeFor(existing, false, true);
        }
    }
    if (!svc->active && !offline)
        return makeError(QStringLiteral("conflict"),
            QStringLiteral("O serviço %1 não está atendendo agora.").arg(svc->name), 409);

    QString code;
    if (offline) {
        auto paper = offlineCode(req, *svc, device);
        if (!paper)
            return paper.error();
        code = *paper;
    } else {
        auto n = nextNumber(day, req.serviceId, req.priority, 1);
        if (!n)
            return n.error();
        code = TicketCode::make(svc->prefix, req.priority, *n);
    }

    // A ticket issued offline on a day that has already ended is filed, but expired.
    const QString status = (!today.isEmpty() && day < today) ? TicketStatus::Expired : TicketStatus::Waiting;
    QSqlQuery &ins = m_db.cached(QStringLiteral(
        "INSERT INTO tickets(day, code, service_id, priority, patient_id, device_id, idempotency_key, "
        "request_hash,"
        " status, issued_ms, arrived_ms, offline, token) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!SqliteDatabase::exec(ins,
            { day, code, req.serviceId, clinico::toWire(req.priority), patientId, device.deviceId,
                req.idempotencyKey, QString::fromLatin1(hash), status, issuedMs, issuedMs, offline ? 1 : 0,
                req.statusToken ? *req.statusToken : randomUrlToken() })) {
        if (ins.lastError().nativeErrorCode() == QLatin1String("2067")
            || ins.lastError().text().contains(QLatin1String("UNIQUE")))
            return makeError(
                QStringLiteral("conflict"), QStringLiteral("A senha %1 já existe hoje.").arg(code), 409);
        return SqliteDatabase::errorFrom(ins, QStringLiteral("issue"));
    }
    const qint64 ticketId = ins.lastInsertId().toLongLong();
    const Ticket created = *ticket(ticketId);
    if (auto seq = appendEvent(EventKind::TicketIssued, created.toJson()); !seq)
        return seq.error();
    return outcomeFor(ticketId, true, false);
}

Error QueueStore::invalidPrintTime(const QString &why)
{
    return makeError(QStringLiteral("invalid_field"), QStringLiteral("Campo 'issuedAtMs': ") + why);
}

// The time a totem says it printed a ticket offline is the patient's place in the queue, so
// it must be a time the totem could honestly claim: not ahead of our clock by more than two
// clocks may differ, not before the day the ticket belongs to began (a ticket "printed in
// 1970"), and for a leased number not before the lease was handed out.
Status QueueStore::checkPrintTime(qint64 printedAtMs, const QString &day, std::optional<qint64> leasedAtMs)
{
    const qint64 now = m_clock.nowMs();
    if (printedAtMs > now + kMaxClockSkewMs)
        return invalidPrintTime(QStringLiteral("%1 min no futuro; acerte o relógio do totem.")
                                    .arg((printedAtMs - now + 59999) / 60000));
    if (m_calendar.dayOf(printedAtMs) < day)
        return invalidPrintTime(QStringLiteral("antes do início do dia %1.").arg(day));
    if (leasedAtMs && printedAtMs < *leasedAtMs - kMaxClockSkewMs)
        return invalidPrintTime(QStringLiteral("antes de o lote de números ser reservado (%1).")
                                    .arg(QDateTime::fromMSecsSinceEpoch(*leasedAtMs, m_calendar.timeZone())
                                             .toString(QStringLiteral("dd/MM HH:mm"))));
    return Ok {};
}

// The code a totem printed while offline, checked against the numbers it was leased.
Result<QString> QueueStore::offlineCode(
    const IssueTicketRequest &req, const Service &svc, const Actor &device)
{
    const qint64 printedAtMs = *req.issuedAtMs;
    if (req.offlineCode) {
        if (!req.offlineCode->startsWith(svc.prefix + codeMarker(req.priority) + u'-'))
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("O código offline não corresponde ao serviço."), 409);
        // No lease to date it by: a code with the totem's tag belongs to the day it was printed,
        // today or the day before (printed offline before the reset, filed after it: filed, as
        // expired, never refused, so the day report still has it).
        const QString yesterday
            = QDate::fromString(currentDay(), Qt::ISODate).addDays(-1).toString(Qt::ISODate);
        if (Status s = checkPrintTime(printedAtMs, yesterday, std::nullopt); !s)
            return s.error();
        return *req.offlineCode;
    }
    QSqlQuery &l = m_db.cached(QStringLiteral("SELECT day, service_id, priority, first_number, last_number, "
                                              "created_ms FROM leases WHERE id = ? AND device_id = ?"));
    if (!req.leaseId || !SqliteDatabase::exec(l, { *req.leaseId, device.deviceId }) || !l.next())
        return makeError(
            QStringLiteral("conflict"), QStringLiteral("Lote de números desconhecido para este totem."), 409);
    const QString leaseDay = l.value(0).toString();
    const bool inLease = l.value(1).toLongLong() == req.serviceId
        && l.value(2).toString() == clinico::toWire(req.priority) && *req.number >= l.value(3).toInt()
        && *req.number <= l.value(4).toInt();
    const std::optional<qint64> leasedAtMs
        = l.value(5).isNull() ? std::nullopt : std::optional<qint64>(l.value(5).toLongLong());
    l.finish();
    if (Status s = checkPrintTime(printedAtMs, leaseDay, leasedAtMs); !s)
        return s.error();
    if (!inLease || m_calendar.dayOf(printedAtMs) != leaseDay)
        return makeError(QStringLiteral("conflict"),
            QStringLiteral("O número %1 não pertence ao lote %2 deste totem.")
                .arg(*req.number)
                .arg(*req.leaseId),
            409);
    return TicketCode::make(svc.prefix, req.priority, *req.number);
}

Status QueueStore::adoptOfflineCode(qint64 ticketId, const IssueTicketRequest &req, const Service &svc,
    const QByteArray &hash, const Actor &device)
{
    const auto current = ticket(ticketId);
    if (!current)
        return notFound(QStringLiteral("Senha %1").arg(ticketId));
    auto code = offlineCode(req, svc, device);
    if (!code)
        return code.error();
    if (current->status != TicketStatus::Waiting) {
        qCWarning(lcStore) << "offline filing of ticket" << current->code << "arrived after it was"
                           << current->status << "; keeping" << current->code;
        return Ok {};
    }
    // The paper's QR code carries the totem's token: from now on it is this ticket's.
    QSqlQuery &q = m_db.cached(
        QStringLiteral("UPDATE tickets SET code = ?, request_hash = ?, offline = 1, "
                       "arrived_ms = MIN(arrived_ms, ?), token = COALESCE(?, token) WHERE id = ?"));
    if (!SqliteDatabase::exec(q,
            { *code, QString::fromLatin1(hash), *req.issuedAtMs,
                req.statusToken ? QVariant(*req.statusToken) : QVariant(), ticketId }))
        return makeError(
            QStringLiteral("conflict"), QStringLiteral("A senha %1 já existe hoje.").arg(*code), 409);
    qCInfo(lcStore) << "ticket" << current->code << "renamed" << *code << "as printed offline";
    if (auto seq = appendEvent(EventKind::TicketUpdated, ticket(ticketId)->toJson()); !seq)
        return seq.error();
    return Ok {};
}

Result<Lease> QueueStore::lease(const LeaseRequest &req, const Actor &device)
{
    if (!service(req.serviceId))
        return notFound(QStringLiteral("Serviço %1").arg(req.serviceId));
    const QString day = currentDay();
    return write<Lease>([&]() -> Result<Lease> {
        auto first = leaseFirstNumber(day, req.serviceId, req.priority);
        if (!first)
            return first.error();
        Lease l { 0, day, req.serviceId, req.priority, *first, *first + req.size - 1 };
        QSqlQuery &q = m_db.cached(
            QStringLiteral("INSERT INTO leases(device_id, day, service_id, priority, "
                           "first_number, last_number, created_ms) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        if (!SqliteDatabase::exec(q,
                { device.deviceId, day, req.serviceId, clinico::toWire(req.priority), l.first, l.last,
                    m_clock.nowMs() }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("lease"));
        l.id = q.lastInsertId().toLongLong();
        return l;
    });
}

// ---------------------------------------------------------------- calling

QList<WaitingTicket> QueueStore::waitingFor(qint64 counterId)
{
    QList<WaitingTicket> out;
    QSqlQuery &q = m_db.cached(
        QStringLiteral("SELECT t.id, t.code, t.priority, t.arrived_ms FROM tickets t"
                       " JOIN counter_services cs ON cs.service_id = t.service_id AND cs.counter_id = ?"
                       " WHERE t.status = 'waiting' AND t.day = ?"));
    SqliteDatabase::exec(q, { counterId, currentDay() });
    while (q.next())
        out << WaitingTicket { q.value(0).toLongLong(), q.value(1).toString(),
            priorityClassFromWire(q.value(2).toString()).value_or(PriorityClass::Normal),
            q.value(3).toLongLong() };
    return out;
}

int QueueStore::consecutivePriorityCalls(qint64 counterId, int limit)
{
    QSqlQuery &q = m_db.cached(
        QStringLiteral("SELECT k.priority FROM calls k WHERE k.kind = 'next' AND k.day = ?"
                       " AND k.service_id IN (SELECT service_id FROM counter_services WHERE counter_id = ?)"
                       " ORDER BY k.id DESC LIMIT ?"));
    SqliteDatabase::exec(q, { currentDay(), counterId, limit });
    int n = 0;
    while (q.next() && q.value(0).toString() != clinico::toWire(PriorityClass::Normal))
        ++n;
    return n;
}

QString QueueStore::displayNameFor(qint64 patientId)
{
    if (!displaySettings().showNames)
        return {};
    const auto record = patient(u"id"_s, patientId);
    if (!record)
        return {};
    const QStringList parts = record->name.simplified().split(u' ', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return {};
    return parts.size() == 1 ? parts.first() : parts.first() + u' ' + parts.last().left(1).toUpper() + u'.';
}

Result<Ticket> QueueStore::markCalled(const TicketRow &row, qint64 counterId, const QString &kind,
    const QString &reason, const Actor &actor, bool recall)
{
    const qint64 now = m_clock.nowMs();
    QSqlQuery &upd = m_db.cached(QStringLiteral(
        "UPDATE tickets SET status = 'called', counter_id = ?, called_ms = ? WHERE id = ? AND status = ?"));
    if (!SqliteDatabase::exec(upd, { counterId, now, row.id, row.status }) || upd.numRowsAffected() != 1)
        return makeError(QStringLiteral("conflict"),
            QStringLiteral("A senha %1 mudou de estado; tente de novo.").arg(row.code), 409);
    QSqlQuery &call = m_db.cached(QStringLiteral(
        "INSERT INTO calls(day, ticket_id, counter_id, service_id, priority, kind, reason, at_ms, actor)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!SqliteDatabase::exec(call,
            { row.day, row.id, counterId, row.serviceId, clinico::toWire(row.priority), kind,
                reason.isEmpty() ? QVariant() : QVariant(reason), now, actor.name }))
        return SqliteDatabase::errorFrom(call, QStringLiteral("call"));
    const auto ctr = counter(counterId);
    CallAnnouncement a;
    a.ticketId = row.id;
    a.code = row.code;
    a.serviceId = row.serviceId;
    a.serviceName = row.serviceName;
    a.counterId = counterId;
    a.counterName = ctr ? ctr->name : QString();
    a.recall = recall;
    a.displayName = displayNameFor(row.patientId);
    a.calledAtMs = now;
    if (auto seq = appendEvent(EventKind::TicketCalled, a.toJson()); !seq)
        return seq.error();
    if (Status s
        = audit(actor, kind == QLatin1String("next") ? QStringLiteral("call") : kind, row.id, reason);
        !s)
        return s.error();
    return *ticket(row.id);
}

Result<CallResult> QueueStore::previewNext(qint64 counterId)
{
    if (!counter(counterId))
        return notFound(QStringLiteral("Local %1").arg(counterId));
    const CallPolicy policy(policyRules());
    const CallDecision d = policy.next(waitingFor(counterId),
        consecutivePriorityCalls(counterId, policy.rules().normalEvery), m_clock.nowMs());
    CallResult r;
    if (d.ticket)
        r.ticket = ticket(d.ticket->id);
    r.reason = toWire(d.reason);
    r.explanation = d.explanation;
    return r;
}

// A counter serves one patient at a time, so calling the next one means the one before is done:
// whatever the counter still held (called or in service) is finished first, in the same unit
// of work. Otherwise a ticket in service would stay open at a counter whose desk has moved on,
// and nobody would ever finish it.
Result<QList<Ticket>> QueueStore::finishHeldBy(qint64 counterId, const Actor &actor)
{
    QSqlQuery &q
        = m_db.cached(QStringLiteral("SELECT id FROM tickets WHERE counter_id = ?"
                                     " AND status IN ('called', 'in_service') ORDER BY called_ms, id"));
    if (!SqliteDatabase::exec(q, { counterId }))
        return SqliteDatabase::errorFrom(q, QStringLiteral("finishHeldBy"));
    QList<qint64> held;
    while (q.next())
        held << q.value(0).toLongLong();
    q.finish();
    QList<Ticket> finished;
    for (const qint64 id : std::as_const(held)) {
        auto done = act(id, TicketAction::Finish, actor);
        if (!done)
            return done.error();
        finished << *done;
    }
    return finished;
}

Result<CallResult> QueueStore::callNext(qint64 counterId, const Actor &actor)
{
    return write<CallResult>([&]() -> Result<CallResult> {
        auto preview = previewNext(counterId);
        if (!preview)
            return preview;
        auto finished = finishHeldBy(counterId, actor);
        if (!finished)
            return finished.error();
        CallResult r = *preview;
        r.finishedBefore = *finished;
        if (!preview->ticket)
            return r;
        const auto row = loadTicket(preview->ticket->id);
        auto called = markCalled(*row, counterId, QStringLiteral("next"), QString(), actor, false);
        if (!called)
            return called.error();
        r.ticket = *called;
        return r;
    });
}

Result<Ticket> QueueStore::changedTicket(qint64 ticketId, const QString &eventKind)
{
    const Ticket t = *ticket(ticketId);
    if (!eventKind.isEmpty()) {
        if (auto seq = appendEvent(eventKind, t.toJson()); !seq)
            return seq.error();
    }
    return t;
}

Result<Ticket> QueueStore::callSpecific(
    qint64 ticketId, qint64 counterId, const QString &reason, const Actor &actor)
{
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"),
            QStringLiteral("Campo 'reason': diga por que chamar fora da ordem."));
    return write<Ticket>([&]() -> Result<Ticket> {
        if (!counter(counterId))
            return notFound(QStringLiteral("Local %1").arg(counterId));
        const auto row = loadTicket(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (row->status != TicketStatus::Waiting)
            return invalidTransition(row->code, row->status, QStringLiteral("chamar"));
        if (auto finished = finishHeldBy(counterId, actor); !finished)
            return finished.error();
        return markCalled(*row, counterId, QStringLiteral("specific"), reason.trimmed(), actor, false);
    });
}

Result<Ticket> QueueStore::recall(qint64 ticketId, const Actor &actor)
{
    return write<Ticket>([&]() -> Result<Ticket> {
        const auto row = loadTicket(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (row->status != TicketStatus::Called || !row->counterId)
            return invalidTransition(row->code, row->status, QStringLiteral("rechamar"));
        return markCalled(*row, *row->counterId, QStringLiteral("recall"), QString(), actor, true);
    });
}

Result<Ticket> QueueStore::act(qint64 ticketId, TicketAction action, const Actor &actor)
{
    struct Rule
    {
        QStringList from;
        QString to;
        QString column; // time column to stamp
        QString verb;
        QString auditAction;
    };
    static const QHash<int, Rule> rules {
        { int(TicketAction::NoShow),
            { { TicketStatus::Called }, TicketStatus::NoShow, QStringLiteral("finished_ms"),
                QStringLiteral("marcar ausência"), QStringLiteral("no_show") } },
        { int(TicketAction::Start),
            { { TicketStatus::Called }, TicketStatus::InService, QStringLiteral("started_ms"),
                QStringLiteral("iniciar o atendimento"), QStringLiteral("start") } },
        { int(TicketAction::Finish),
            { { TicketStatus::Called, TicketStatus::InService }, TicketStatus::Done,
                QStringLiteral("finished_ms"), QStringLiteral("finalizar"), QStringLiteral("finish") } },
        { int(TicketAction::Cancel),
            { { TicketStatus::Waiting, TicketStatus::Called }, TicketStatus::Cancelled,
                QStringLiteral("finished_ms"), QStringLiteral("cancelar"), QStringLiteral("cancel") } },
    };
    const Rule &rule = rules[int(action)];
    return write<Ticket>([&]() -> Result<Ticket> {
        const auto row = loadTicket(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (!rule.from.contains(row->status))
            return invalidTransition(row->code, row->status, rule.verb);
        QSqlQuery &q
            = m_db.cached(QStringLiteral("UPDATE tickets SET status = ?, %1 = ? WHERE id = ? AND status = ?")
                              .arg(rule.column));
        if (!SqliteDatabase::exec(q, { rule.to, m_clock.nowMs(), ticketId, row->status })
            || q.numRowsAffected() != 1)
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("A senha %1 mudou de estado; tente de novo.").arg(row->code), 409);
        if (Status s = audit(actor, rule.auditAction, ticketId, {}); !s)
            return s.error();
        return changedTicket(ticketId, EventKind::TicketUpdated);
    });
}

Result<Ticket> QueueStore::redirect(qint64 ticketId, qint64 serviceId, const Actor &actor)
{
    return write<Ticket>([&]() -> Result<Ticket> {
        const auto svc = service(serviceId);
        if (!svc)
            return notFound(QStringLiteral("Serviço %1").arg(serviceId));
        const auto row = loadTicket(ticketId);
        if (!row)
            return notFound(QStringLiteral("Senha %1").arg(ticketId));
        if (!TicketStatus::isOpen(row->status))
            return invalidTransition(row->code, row->status, QStringLiteral("encaminhar"));
        // Keeps the code and the arrival time: the patient does not lose their place.
        QSqlQuery &q = m_db.cached(QStringLiteral("UPDATE tickets SET status = 'waiting', service_id = ?, "
                                                  "counter_id = NULL, called_ms = NULL WHERE id = ?"));
        if (!SqliteDatabase::exec(q, { serviceId, ticketId }))
            return SqliteDatabase::errorFrom(q, QStringLiteral("redirect"));
        if (Status s = audit(actor, QStringLiteral("redirect"), ticketId,
                QStringLiteral("%1 -> %2").arg(row->serviceName, svc->name));
            !s)
            return s.error();
        return changedTicket(ticketId, EventKind::TicketUpdated);
    });
}

// ---------------------------------------------------------------- snapshot and metrics

Snapshot QueueStore::snapshot(SnapshotAudience audience, int recentCalls)
{
    Snapshot s;
    s.seq = lastSeq();
    if (audience == SnapshotAudience::WithOpenTickets)
        s.openTickets = tickets();
    s.settings = displaySettings();
    QSqlQuery &q = m_db.cached(kCallSelect + QStringLiteral("WHERE k.day = ? ORDER BY k.id DESC LIMIT ?"));
    SqliteDatabase::exec(q, { currentDay(), recentCalls });
    QList<QPair<CallAnnouncement, qint64>> rows;
    while (q.next()) {
        CallAnnouncement a;
        a.ticketId = q.value(0).toLongLong();
        a.code = q.value(1).toString();
        a.serviceId = q.value(2).toLongLong();
        a.serviceName = q.value(3).toString();
        a.counterId = q.value(4).toLongLong();
        a.counterName = q.value(5).toString();
        a.recall = q.value(6).toString() == QLatin1String("recall");
        a.calledAtMs = q.value(7).toLongLong();
        rows << qMakePair(a, q.value(8).toLongLong());
    }
    for (auto &[a, patientId] : rows) {
        a.displayName = displayNameFor(patientId);
        s.recentCalls << a;
    }
    return s;
}

qint64 QueueStore::ticketsIssuedTotal()
{
    QSqlQuery &q = m_db.cached(QStringLiteral("SELECT COUNT(*) FROM tickets"));
    return SqliteDatabase::exec(q, {}) && q.next() ? q.value(0).toLongLong() : 0;
}

QMap<QString, int> QueueStore::waitingPerService()
{
    QMap<QString, int> out;
    for (const Service &s : services())
        out[s.prefix] = 0;
    QSqlQuery &q = m_db.cached(
        QStringLiteral("SELECT s.prefix, COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id"
                       " WHERE t.status = 'waiting' AND t.day = ? GROUP BY s.prefix"));
    SqliteDatabase::exec(q, { currentDay() });
    while (q.next())
        out[q.value(0).toString()] = q.value(1).toInt();
    return out;
}

} // namespace clinico::server
