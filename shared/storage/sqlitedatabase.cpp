// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlitedatabase.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace clinico {

namespace {
QAtomicInteger<int> s_connectionCounter;
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

void SqliteDatabase::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

Error SqliteDatabase::errorFrom(const QSqlQuery &q, const QString &what)
{
    return makeError(QStringLiteral("storage_error"),
        QStringLiteral("Erro de armazenamento (%1): %2").arg(what, q.lastError().text()), 500);
}

bool SqliteDatabase::exec(QSqlQuery &q, std::initializer_list<QVariant> values)
{
    int i = 0;
    for (const QVariant &v : values) {
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.bindValue(i++, QStringLiteral(""));
        else
            q.bindValue(i++, v);
    }
    return q.exec();
}

Status SqliteDatabase::open(const QString &path, const Migrations &migrations)
{
    close();
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_connectionName = QStringLiteral("clinico-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return makeError(QStringLiteral("storage_open"),
            QStringLiteral("Não foi possível abrir %1: %2").arg(path, m_db.lastError().text()), 500);
    QSqlQuery q(m_db);
    for (const char *pragma :
        { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON" }) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return errorFrom(q, QString::fromLatin1(pragma));
    }
    return migrate(migrations);
}

int SqliteDatabase::schemaVersion()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

Status SqliteDatabase::migrate(const Migrations &migrations)
{
    const int current = schemaVersion();
    if (current > migrations.size())
        return makeError(QStringLiteral("storage_version"),
            QStringLiteral(
                "O banco de dados é de uma versão mais nova (esquema %1, este programa conhece %2).")
                .arg(current)
                .arg(migrations.size()),
            500);
    for (int step = current; step < migrations.size(); ++step) {
        Transaction tx(*this);
        QSqlQuery q(m_db);
        for (const QString &statement : migrations[step]) {
            if (!q.exec(statement))
                return errorFrom(q, QStringLiteral("migração %1").arg(step + 1));
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version=%1").arg(step + 1)) || !tx.commit())
            return errorFrom(q, QStringLiteral("migração %1").arg(step + 1));
    }
    return Ok {};
}

void SqliteDatabase::releaseStatements()
{
    for (QSqlQuery &q : m_statements) {
        if (q.isActive())
            q.finish();
    }
}

QSqlQuery &SqliteDatabase::cached(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        q.prepare(sql);
        it = m_statements.insert(sql, q);
    }
    it->finish();
    return *it;
}

} // namespace clinico
