// SPDX-License-Identifier: GPL-3.0-or-later
#include "units/unitstore.h"

#include "storage/notfound.h"
#include "storage/schema.h"

#include <QSqlQuery>

namespace clinico::server {

using namespace clinico::protocol;
using namespace Qt::StringLiterals;

QList<Unit> UnitStore::units()
{
    if (m_units.isEmpty())
        (void)reload();
    return m_units;
}

std::optional<Unit> UnitStore::unit(qint64 id)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (const Unit &u : std::as_const(m_units)) {
            if (u.id == id)
                return u;
        }
        if (attempt == 0 && !reload())
            break;
    }
    return std::nullopt;
}

Result<Unit> UnitStore::add(const Unit &unit)
{
    auto added = m_work.run<Unit>([&]() -> Result<Unit> {
        QSqlQuery &q = m_db.connection().cached(
            u"INSERT INTO units(name, time_zone, created_ms) VALUES(?, ?, ?) RETURNING id"_s);
        if (!SqlConnection::exec(q,
                { unit.name.trimmed(), unit.timeZone.isEmpty() ? QVariant() : QVariant(unit.timeZone),
                    m_clock.nowMs() })
            || !q.next())
            return SqlConnection::errorFrom(q, u"addUnit"_s);
        Unit out = unit;
        out.id = q.value(0).toLongLong();
        out.name = unit.name.trimmed();
        q.finish();
        // Its TVs, tickets and phone page name it from the start (the admin may rename it there).
        QSqlQuery &name
            = m_db.connection().cached(u"INSERT INTO unit_settings(unit_id, key, value) VALUES(?, ?, ?)"_s);
        if (!SqlConnection::exec(name, { out.id, SettingKey::ClinicName, out.name }))
            return SqlConnection::errorFrom(name, u"addUnit"_s);
        if (auto seq = m_events.appendFor(out.id, EventKind::UnitChanged, out.toJson()); !seq)
            return seq.error();
        return out;
    });
    (void)reload();
    return added;
}

Result<Unit> UnitStore::update(const Unit &unit)
{
    auto updated = m_work.run<Unit>([&]() -> Result<Unit> {
        QSqlQuery &q = m_db.connection().cached(u"UPDATE units SET name = ?, time_zone = ? WHERE id = ?"_s);
        if (!SqlConnection::exec(q,
                { unit.name.trimmed(), unit.timeZone.isEmpty() ? QVariant() : QVariant(unit.timeZone),
                    unit.id }))
            return SqlConnection::errorFrom(q, u"updateUnit"_s);
        if (q.numRowsAffected() == 0)
            return notFound(u"Unidade %1"_s.arg(unit.id));
        Unit out = unit;
        out.name = unit.name.trimmed();
        if (auto seq = m_events.appendFor(out.id, EventKind::UnitChanged, out.toJson()); !seq)
            return seq.error();
        return out;
    });
    (void)reload();
    return updated;
}

Status UnitStore::reload()
{
    QSqlQuery &q
        = m_db.connection().cached(u"SELECT id, name, COALESCE(time_zone, '') FROM units ORDER BY id"_s);
    if (!SqlConnection::exec(q, {}))
        return SqlConnection::errorFrom(q, u"units"_s);
    QList<Unit> units;
    while (q.next())
        units << Unit { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString() };
    q.finish();
    m_units = units;
    return Ok {};
}

} // namespace clinico::server
