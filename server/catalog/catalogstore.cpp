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
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("INSERT INTO services(prefix, name, active) VALUES(?, ?, 1) RETURNING id"));
        if (!SqlConnection::exec(q, { prefix, name.trimmed() }) || !q.next())
            return makeError(QStringLiteral("conflict"),
                QStringLiteral("Já existe um serviço com o prefixo %1.").arg(prefix), 409);
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        return Service { id, prefix, name.trimmed(), true };
    });
}

Result<Counter> CatalogStore::addCounter(const QString &name, const QList<qint64> &serviceIds)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("O local precisa de um nome."));
    return m_work.run<Counter>([&]() -> Result<Counter> {
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("INSERT INTO counters(name, active) VALUES(?, 1) RETURNING id"));
        if (!SqlConnection::exec(q, { name.trimmed() }) || !q.next())
            return makeError(
                QStringLiteral("conflict"), QStringLiteral("Já existe um local chamado %1.").arg(name), 409);
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        if (auto linked = linkServices(id, serviceIds); !linked)
            return linked.error();
        return Counter { id, name.trimmed(), serviceIds, true };
    });
}

// Which services a counter serves; an unknown service id is a 404 (foreign key).
Status CatalogStore::linkServices(qint64 counterId, const QList<qint64> &serviceIds)
{
    QSqlQuery &link = m_db.connection().cached(
        QStringLiteral("INSERT INTO counter_services(counter_id, service_id) VALUES(?, ?)"));
    for (qint64 serviceId : serviceIds) {
        if (!SqlConnection::exec(link, { counterId, serviceId }))
            return notFound(QStringLiteral("Serviço %1").arg(serviceId));
    }
    return Ok {};
}

QList<Service> CatalogStore::services()
{
    QList<Service> out;
    QSqlQuery &q = m_db.connection().cached(
        QStringLiteral("SELECT id, prefix, name, active, next_service_id FROM services ORDER BY id"));
    SqlConnection::exec(q, {});
    while (q.next())
        out << Service { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toBool(),
            q.value(4).isNull() ? std::nullopt : std::optional<qint64>(q.value(4).toLongLong()) };
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
    QSqlQuery &q = m_db.connection().cached(QStringLiteral(
        "SELECT c.id, c.name, c.active, cs.service_id FROM counters c"
        " LEFT JOIN counter_services cs ON cs.counter_id = c.id ORDER BY c.id, cs.service_id"));
    SqlConnection::exec(q, {});
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
    QSqlQuery &q = m_db.connection().cached(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    if (SqlConnection::exec(q, { key }) && q.next())
        return q.value(0).toString();
    return fallback;
}

Status CatalogStore::setSetting(const QString &key, const QString &value)
{
    return m_work.run<Ok>([&]() -> Status {
        QSqlQuery &q
            = m_db.connection().cached(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) ON "
                                                      "CONFLICT(key) DO UPDATE SET value = excluded.value"));
        if (!SqlConnection::exec(q, { key, value }))
            return SqlConnection::errorFrom(q, QStringLiteral("setSetting"));
        return Ok {};
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
        QSqlQuery &q = m_db.connection().cached(
            QStringLiteral("UPDATE services SET name = ?, active = ?, next_service_id = ? WHERE id = ?"));
        if (!SqlConnection::exec(q,
                { name.trimmed(), active ? 1 : 0, nextServiceId ? QVariant(*nextServiceId) : QVariant(), id }))
            return SqlConnection::errorFrom(q, QStringLiteral("updateService"));
        if (q.numRowsAffected() != 1)
            return notFound(QStringLiteral("Serviço %1").arg(id));
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
            QStringLiteral("UPDATE counters SET name = ?, active = ? WHERE id = ?"));
        if (!SqlConnection::exec(q, { name.trimmed(), active ? 1 : 0, id }))
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
        QStringLiteral("SELECT service_id, priority, minutes FROM wait_limits ORDER BY service_id, priority"));
    SqlConnection::exec(q, {});
    while (q.next())
        out << WaitLimit { q.value(0).toLongLong(),
            priorityClassFromWire(q.value(1).toString()).value_or(PriorityClass::Normal), q.value(2).toInt() };
    return out;
}

Status CatalogStore::setWaitLimits(const QList<WaitLimit> &limits)
{
    return m_work.run<Ok>([&]() -> Status {
        QSqlQuery &clear = m_db.connection().cached(QStringLiteral("DELETE FROM wait_limits"));
        if (!SqlConnection::exec(clear, {}))
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
