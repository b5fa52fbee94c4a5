// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/datacopy.h"

#include "storage/schema.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace clinico::server {

using namespace Qt::StringLiterals;

namespace {

// Referenced tables before the tables that reference them; a table a later migration adds
// comes after these, in name order.
const QStringList kCopyOrder { u"units"_s, u"services"_s, u"counters"_s, u"counter_services"_s,
    u"patients"_s, u"devices"_s, u"tickets"_s, u"calls"_s, u"number_counters"_s, u"leases"_s, u"events"_s,
    u"settings"_s, u"unit_settings"_s, u"audit"_s, u"users"_s, u"sessions"_s, u"user_identities"_s,
    u"enrolments"_s };

// What opening a database writes into an empty one by itself: its first unit (schema.cpp) and
// the patient key's fingerprint (PatientStore::checkKeyFile; the source's own, since one key file
// opened both). The source's rows replace them.
const QList<std::pair<QString, QString>> &madeByOpening()
{
    static const QList<std::pair<QString, QString>> rows { { u"units"_s, u"id = 1"_s },
        { u"settings"_s, u"key = '%1'"_s.arg(SettingKey::PatientKeyFingerprint) } };
    return rows;
}

QStringList tablesInCopyOrder(Database &db)
{
    QStringList rest = db.dataTables();
    QStringList ordered;
    for (const QString &t : kCopyOrder) {
        if (rest.removeAll(t) > 0)
            ordered << t;
    }
    rest.sort();
    return ordered + rest;
}

Result<qint64> copyTable(Database &from, Database &to, const QString &table)
{
    QSqlQuery rows(from.connection().db());
    rows.setForwardOnly(true);
    if (!rows.exec(u"SELECT * FROM %1"_s.arg(table)))
        return SqlConnection::errorFrom(rows, table);
    const QSqlRecord record = rows.record();
    QStringList columns, marks;
    for (int i = 0; i < record.count(); ++i) {
        columns << record.fieldName(i);
        marks << u"?"_s;
    }
    QSqlQuery insert(to.connection().db());
    if (!insert.prepare(
            u"INSERT INTO %1(%2) VALUES(%3)"_s.arg(table, columns.join(u", "_s), marks.join(u", "_s))))
        return SqlConnection::errorFrom(insert, table);
    qint64 copied = 0;
    while (rows.next()) {
        for (int i = 0; i < record.count(); ++i)
            insert.bindValue(i, rows.value(i));
        if (!insert.exec())
            return SqlConnection::errorFrom(insert, table);
        ++copied;
    }
    return copied;
}

} // namespace

Result<CopyReport> copyDatabase(Database &from, Database &to)
{
    if (from.schemaVersion() != to.schemaVersion())
        return makeError(u"migrate"_s,
            u"Versões de esquema diferentes (origem %1, destino %2): atualize o programa."_s
                .arg(from.schemaVersion())
                .arg(to.schemaVersion()));
    const QStringList tables = tablesInCopyOrder(from);
    for (const QString &table : tables) {
        QSqlQuery any(to.connection().db());
        QString other;
        for (const auto &[made, which] : madeByOpening()) {
            if (made == table)
                other = u" WHERE NOT (%1)"_s.arg(which);
        }
        if (!any.exec(u"SELECT 1 FROM %1%2 LIMIT 1"_s.arg(table, other)))
            return SqlConnection::errorFrom(any, table);
        if (any.next())
            return makeError(u"migrate"_s,
                u"O destino já tem dados (tabela %1): a migração só escreve num banco vazio."_s.arg(table));
    }
    CopyReport report;
    const Status copied = to.connection().write([&]() -> Status {
        report = {};
        for (const auto &[table, which] : madeByOpening()) {
            if (Status s = to.connection().execute(u"DELETE FROM %1 WHERE %2"_s.arg(table, which)); !s)
                return s;
        }
        for (const QString &table : tables) {
            auto n = copyTable(from, to, table);
            if (!n)
                return n.error();
            ++report.tables;
            report.rows += *n;
        }
        return to.continueIdentities();
    });
    from.releaseStatements();
    if (!copied)
        return copied.error();
    return report;
}

} // namespace clinico::server
