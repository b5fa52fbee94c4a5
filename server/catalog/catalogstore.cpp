// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalogstore.h"

#include "storage/notfound.h"
#include "storage/schema.h"
#include "ticket/ticketcode.h"

#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;

Result<Service> CatalogStore::addService(const QString &prefix, const QString &name)
{
    if (!TicketCode::isValidPrefix(prefix))
        return makeError(
            QStringLiteral("invalid_field"), QStringLiteral("Prefixo deve ter de 1 a 3 letras maiúsculas."));
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O serviço precisa de um nome."));
    return m_work.run<Service>([&]() -> Result<Service> {
        QSqlQuery &q = m_db.connection().cached(QStringLiteral(
            "INSERT INTO services(unit_id, prefix, name, active) VALUES(?, ?, ?, 1) RETURNING id"));
        if (!SqlConnection::exec(q, { m_unit.id(), prefix, name.trimmed() }) || !q.next())
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("Já existe um serviço com o prefixo %1.").arg(prefix), 409);
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        forgetRead();
        return Service { id, prefix, name.trimmed(), true };
    });
}

Result<Counter> CatalogStore::addCounter(const QString &name, const QList<qint64> &serviceIds)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O local precisa de um nome."));
    return m_work.run<Counter>([&]() -> Result<Counter> {
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("INSERT INTO counters(unit_id, name, active) VALUES(?, ?, 1) RETURNING id"));
        if (!SqlConnection::exec(q, { m_unit.id(), name.trimmed() }) || !q.next())
            return makeError(
                QStringLiteral("conflict"), QStringLiteral("Já existe um local chamado %1.").arg(name), 409);
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        if (auto linked = linkServices(id, serviceIds); !linked)
            return linked.error();
        return Counter { id, name.trimmed(), serviceIds, true };
    });
}

// Which services a counter serves; a service id unknown in the unit is a 404.
Status CatalogStore::linkServices(qint64 counterId, const QList<qint64> &serviceIds)
{
    QSqlQuery &link
        = m_db.connection().cached(QStringLiteral("INSERT INTO counter_services(counter_id, service_id) "
                                                  "SELECT ?, id FROM services WHERE id = ? AND unit_id = ?"));
    for (qint64 serviceId : serviceIds) {
        if (!SqlConnection::exec(link, { counterId, serviceId, m_unit.id() }) || link.numRowsAffected() != 1)
            return notFound(QStringLiteral("Serviço %1").arg(serviceId));
    }
    return Ok {};
}

CatalogStore::Read *CatalogStore::read()
{
    const quint64 work = m_work.current();
    if (work == 0)
        return nullptr;
    if (m_read.work != work)
        m_read = Read { work, {}, {} };
    return &m_read;
}

QList<Service> CatalogStore::services()
{
    Read *kept = read();
    if (kept) {
        if (auto it = kept->services.constFind(m_unit.id()); it != kept->services.cend())
            return *it;
    }
    QList<Service> out;
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT id, prefix, name, active, next_service_id FROM services WHERE unit_id = ? ORDER BY id"));
    SqlConnection::exec(q, { m_unit.id() });
    while (q.next())
        out << Service { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toBool(),
            q.value(4).isNull() ? std::nullopt : std::optional<qint64>(q.value(4).toLongLong()) };
    if (kept)
        kept->services.insert(m_unit.id(), out);
    return out;
}

std::optional<Service> CatalogStore::service(qint64 id)
{
    for (const Service &s : services()) {
        if (s.id == id)
            return s;
    }
    return std::nullopt;
}

QList<Counter> CatalogStore::counters()
{
    QList<Counter> out;
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT c.id, c.name, c.active, cs.service_id FROM counters c"
                       " LEFT JOIN counter_services cs ON cs.counter_id = c.id WHERE c.unit_id = ? ORDER BY "
                       "c.id, cs.service_id"));
    SqlConnection::exec(q, { m_unit.id() });
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (out.isEmpty() || out.last().id != id)
            out << Counter { id, q.value(1).toString(), {}, q.value(2).toBool() };
        if (!q.value(3).isNull())
            out.last().serviceIds << q.value(3).toLongLong();
    }
    return out;
}

std::optional<Counter> CatalogStore::counter(qint64 id)
{
    for (const Counter &c : counters()) {
        if (c.id == id)
            return c;
    }
    return std::nullopt;
}

QString CatalogStore::setting(const QString &key, const QString &fallback)
{
    const bool network = SettingKey::isNetworkWide(key);
    const qint64 unit = network ? 0 : m_unit.id();
    Read *reading = read();
    QHash<QString, std::optional<QString>> *kept = reading ? &reading->settings[unit] : nullptr;
    if (kept) {
        if (auto it = kept->constFind(key); it != kept->cend())
            return it->value_or(fallback);
    }
    QSqlQuery &q = m_db.connection().cached(network
            ? QStringLiteral("SELECT value FROM settings WHERE key = ?")
            : QStringLiteral("SELECT value FROM unit_settings WHERE key = ? AND unit_id = ?"));
    const bool found = (network ? SqlConnection::exec(q, { key }) : SqlConnection::exec(q, { key, unit }))
        && q.next();
    const std::optional<QString> value = found ? std::optional<QString>(q.value(0).toString()) : std::nullopt;
    q.finish();
    if (kept)
        kept->insert(key, value);
    return value.value_or(fallback);
}

Status CatalogStore::setSetting(const QString &key, const QString &value)
{
    const bool network = SettingKey::isNetworkWide(key);
    return m_work.run<Ok>([&]() -> Status {
        QSqlQuery &q = m_db.connection().cached(network
                ? QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) ON "
                                 "CONFLICT(key) DO UPDATE SET value = excluded.value")
                : QStringLiteral("INSERT INTO unit_settings(key, value, unit_id) VALUES(?, ?, ?) ON "
                                 "CONFLICT(unit_id, key) DO UPDATE SET value = excluded.value"));
        const bool written = network ? SqlConnection::exec(q, { key, value })
                                     : SqlConnection::exec(q, { key, value, m_unit.id() });
        if (!written)
            return SqlConnection::errorFrom(q, QStringLiteral("setSetting"));
        forgetRead();
        return Ok {};
    });
}

Result<QString> CatalogStore::claimSetting(const QString &key, const QString &value)
{
    return m_work.run<QString>([&]() -> Result<QString> {
        QSqlQuery &claim = m_db.connection().cached(
            QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO NOTHING"));
        if (!SqlConnection::exec(claim, { key, value }))
            return SqlConnection::errorFrom(claim, QStringLiteral("claimSetting"));
        forgetRead();
        QSqlQuery &read
            = m_db.connection().cached(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
        if (!SqlConnection::exec(read, { key }) || !read.next())
            return SqlConnection::errorFrom(read, QStringLiteral("claimSetting"));
        const QString held = read.value(0).toString();
        read.finish();
        return held;
    });
}

DisplaySettings CatalogStore::displaySettings()
{
    DisplaySettings s;
    s.clinicName = setting(SettingKey::ClinicName, QStringLiteral("Clínica"));
    s.notice = setting(SettingKey::Notice);
    s.logoUrl = setting(SettingKey::LogoUrl);
    s.showNames = setting(SettingKey::ShowNames) == QLatin1String("true");
    return s;
}

Status CatalogStore::setDisplaySettings(const DisplaySettings &settings)
{
    return m_work.run<Ok>([&]() -> Status {
        for (const auto &[key, value] : { std::pair { SettingKey::ClinicName, settings.clinicName },
                 std::pair { SettingKey::Notice, settings.notice },
                 std::pair { SettingKey::LogoUrl, settings.logoUrl },
                 std::pair { SettingKey::ShowNames,
                     settings.showNames ? QStringLiteral("true") : QStringLiteral("false") } }) {
            if (Status s = setSetting(key, value); !s)
                return s;
        }
        if (auto seq = m_events.append(EventKind::SettingsChanged, settings.toJson()); !seq)
            return seq.error();
        return Ok {};
    });
}

CallPolicyRules CatalogStore::policyRules()
{
    CallPolicyRules rules;
    rules.normalEvery = std::max(1, setting(SettingKey::NormalEvery, QStringLiteral("2")).toInt());
    rules.appointmentLeadMinutes = std::max(0,
        setting(SettingKey::AppointmentLeadMinutes, QString::number(rules.appointmentLeadMinutes)).toInt());
    return rules;
}

Result<Service> CatalogStore::updateService(
    qint64 id, const QString &name, bool active, std::optional<qint64> nextServiceId)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O serviço precisa de um nome."));
    if (nextServiceId == id)
        return makeError(QStringLiteral("invalid_field"),
            QStringLiteral("Campo 'nextServiceId': a próxima etapa não pode ser o próprio serviço."));
    return m_work.run<Service>([&]() -> Result<Service> {
        if (nextServiceId && !service(*nextServiceId))
            return notFound(QStringLiteral("Serviço %1").arg(*nextServiceId));
        QSqlQuery &q = m_db.connection().cached(QStringLiteral(
            "UPDATE services SET name = ?, active = ?, next_service_id = ? WHERE id = ? AND unit_id = ?"));
        if (!SqlConnection::exec(q,
                { name.trimmed(), active ? 1 : 0, nextServiceId ? QVariant(*nextServiceId) : QVariant(), id,
                    m_unit.id() }))
            return SqlConnection::errorFrom(q, QStringLiteral("updateService"));
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Serviço %1").arg(id));
        forgetRead();
        return *service(id);
    });
}

Result<Counter> CatalogStore::updateCounter(
    qint64 id, const QString &name, const QList<qint64> &serviceIds, bool active)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O local precisa de um nome."));
    return m_work.run<Counter>([&]() -> Result<Counter> {
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("UPDATE counters SET name = ?, active = ? WHERE id = ? AND unit_id = ?"));
        if (!SqlConnection::exec(q, { name.trimmed(), active ? 1 : 0, id, m_unit.id() }))
            return makeError(
                QStringLiteral("conflict"), QStringLiteral("Já existe um local chamado %1.").arg(name), 409);
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Local %1").arg(id));
        QSqlQuery &clear
            = m_db.connection().cached(QStringLiteral("DELETE FROM counter_services WHERE counter_id = ?"));
        if (!SqlConnection::exec(clear, { id }))
            return SqlConnection::errorFrom(clear, QStringLiteral("updateCounter"));
        if (auto linked = linkServices(id, serviceIds); !linked)
            return linked.error();
        return *counter(id);
    });
}

QList<WaitLimit> CatalogStore::waitLimits()
{
    QList<WaitLimit> out;
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT l.service_id, l.priority, l.minutes FROM wait_limits l JOIN services s"
                       " ON s.id = l.service_id WHERE s.unit_id = ? ORDER BY l.service_id, l.priority"));
    SqlConnection::exec(q, { m_unit.id() });
    while (q.next())
        out << WaitLimit { q.value(0).toLongLong(),
            priorityClassFromWire(q.value(1).toString()).value_or(PriorityClass::Normal), q.value(2).toInt() };
    return out;
}

Status CatalogStore::setWaitLimits(const QList<WaitLimit> &limits)
{
    return m_work.run<Ok>([&]() -> Status {
        QSqlQuery &clear = m_db.connection().cached(QStringLiteral(
            "DELETE FROM wait_limits WHERE service_id IN (SELECT id FROM services WHERE unit_id = ?)"));
        if (!SqlConnection::exec(clear, { m_unit.id() }))
            return SqlConnection::errorFrom(clear, QStringLiteral("setWaitLimits"));
        QSqlQuery &add = m_db.connection().cached(QStringLiteral(
            "INSERT INTO wait_limits(service_id, priority, minutes) VALUES(?, ?, ?)"
            " ON CONFLICT(service_id, priority) DO UPDATE SET minutes = excluded.minutes"));
        for (const WaitLimit &l : limits) {
            if (!service(l.serviceId))
                return notFound(QStringLiteral("Serviço %1").arg(l.serviceId));
            if (!SqlConnection::exec(add, { l.serviceId, clinico::toWire(l.priority), l.minutes }))
                return SqlConnection::errorFrom(add, QStringLiteral("setWaitLimits"));
        }
        return Ok {};
    });
}

} // namespace clinico::server
