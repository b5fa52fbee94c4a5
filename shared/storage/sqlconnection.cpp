// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlconnection.h"

#include <QAtomicInteger>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcSql, "clinico.storage.sql")

namespace clinico {

namespace {
QAtomicInteger<int> s_connectionCounter;

enum class Failure { Busy, Unique, Other };

// SQLite's result codes: BUSY and LOCKED with their extended codes (BUSY_SNAPSHOT is
// 517 = 5 | 2 << 8), and CONSTRAINT, whose UNIQUE and PRIMARYKEY kinds Qt may or may not
// report as extended codes (2067, 1555), hence the message.
Failure sqliteFailure(const QSqlError &error)
{
    const int code = error.nativeErrorCode().toInt() & 0xff;
    if (code == 5 || code == 6)
        return Failure::Busy;
    if (code == 19 && error.databaseText().contains(QLatin1String("UNIQUE constraint failed")))
        return Failure::Unique;
    return Failure::Other;
}

// PostgreSQL reports a SQLSTATE: serialization_failure, deadlock_detected and
// lock_not_available mean another transaction got in the way; unique_violation a duplicate.
Failure postgresFailure(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    if (state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("55P03"))
        return Failure::Busy;
    if (state == QLatin1String("23505"))
        return Failure::Unique;
    return Failure::Other;
}
} // namespace

SqlConnection::~SqlConnection()
{
    close();
}

QString SqlConnection::newConnectionName()
{
    return QStringLiteral("clinico-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
}

Status SqlConnection::adopt(QSqlDatabase db, const QString &connectionName, const QString &what)
{
    m_db = std::move(db);
    m_connectionName = connectionName;
    if (!m_db.open())
        return makeError(QStringLiteral("storage_open"),
            QStringLiteral("Não foi possível abrir %1: %2").arg(what, m_db.lastError().text()), 500);
    return Ok {};
}

void SqlConnection::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_statements.clear();
    m_prepared.clear();
    m_inTransaction = false;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

Error SqlConnection::errorFrom(const QSqlQuery &q, const QString &what)
{
    const QSqlError error = q.lastError();
    const bool postgres = q.driver() && q.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    switch (postgres ? postgresFailure(error) : sqliteFailure(error)) {
    case Failure::Busy:
        return makeError(kBusyCode,
            QStringLiteral("Banco de dados ocupado por outro programa (%1); tente de novo.").arg(what), 503);
    case Failure::Unique:
        return makeError(
            kUniqueCode, QStringLiteral("Registro duplicado (%1): %2").arg(what, error.text()), 409);
    case Failure::Other:
        break;
    }
    return makeError(QStringLiteral("storage_error"),
        QStringLiteral("Erro de armazenamento (%1): %2").arg(what, error.text()), 500);
}

bool SqlConnection::exec(QSqlQuery &q, std::initializer_list<QVariant> values)
{
    int i = 0;
    for (const QVariant &v : values) {
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.bindValue(i++, QStringLiteral(""));
        else if (v.typeId() == QMetaType::Bool)
            q.bindValue(i++, v.toBool() ? 1 : 0);
        else
            q.bindValue(i++, v);
    }
    return q.exec();
}

Status SqlConnection::migrate(
    const Migrations &migrations, int current, const std::function<Status(int version)> &recordVersion)
{
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
        if (Status s = recordVersion(step + 1); !s)
            return s;
        if (!tx.commit())
            return makeError(QStringLiteral("storage_error"),
                QStringLiteral("Erro de armazenamento (migração %1): falha ao gravar.").arg(step + 1), 500);
    }
    return Ok {};
}

Status SqlConnection::execute(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return errorFrom(q, sql);
    return Ok {};
}

Status SqlConnection::begin()
{
    releaseStatements(); // a stale snapshot could not take the write lock, however long it waited
    Status s = execute(beginStatement());
    m_inTransaction = s.ok();
    if (s) {
        s = afterBegin();
        if (!s)
            rollback();
    }
    return s;
}

Status SqlConnection::commit()
{
    releaseStatements(); // else the read snapshot outlives the commit and pins the WAL
    Status s = execute(QStringLiteral("COMMIT"));
    if (s)
        ++m_commits;
    else
        rollback(); // a failed COMMIT leaves the transaction open
    m_inTransaction = false;
    return s;
}

void SqlConnection::rollback()
{
    releaseStatements();
    if (Status s = execute(QStringLiteral("ROLLBACK")); !s)
        qCWarning(lcSql) << "rollback failed:" << s.error().message;
    m_inTransaction = false;
}

Status SqlConnection::write(const std::function<Status()> &work, const std::function<void()> &rolledBack)
{
    if (m_inTransaction)
        return work();
    for (int attempt = 1;; ++attempt) {
        Status s = attemptWrite(work);
        if (s)
            return s;
        if (rolledBack)
            rolledBack();
        if (s.error().code != kBusyCode || attempt == kWriteAttempts)
            return s;
        qCWarning(lcSql) << "database busy:" << s.error().message << "- running the transaction again";
    }
}

Status SqlConnection::attemptWrite(const std::function<Status()> &work)
{
    if (Status s = begin(); !s)
        return s;
    Status s = work();
    if (!s) {
        rollback();
        return s;
    }
    return commit();
}

Status SqlConnection::control(const QString &sql)
{
    if (isPostgres())
        return execute(sql);
    QSqlQuery &q = cached(sql);
    if (!q.exec())
        return errorFrom(q, sql);
    return Ok {};
}

Status SqlConnection::savepoint(const QString &name)
{
    return control(QStringLiteral("SAVEPOINT ") + name);
}

Status SqlConnection::rollbackTo(const QString &name)
{
    return control(QStringLiteral("ROLLBACK TO ") + name);
}

Status SqlConnection::release(const QString &name)
{
    return control(QStringLiteral("RELEASE ") + name);
}

void SqlConnection::releaseStatements()
{
    for (auto &[sql, q] : m_statements) {
        if (q.isActive())
            q.finish();
    }
}

QSqlQuery &SqlConnection::cached(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, QSqlQuery(m_db)).first;
    QSqlQuery &q = it->second;
    q.finish();
    // Prepared on first use, or again after a failed attempt (PostgreSQL refuses to prepare in
    // a transaction an error aborted): its exec() then reports the error.
    if (!m_prepared.contains(sql)) {
        if (q.prepare(sql))
            m_prepared.insert(sql);
        else
            qCWarning(lcSql) << "could not prepare" << sql << ":" << q.lastError().text();
    }
    return q;
}

} // namespace clinico
