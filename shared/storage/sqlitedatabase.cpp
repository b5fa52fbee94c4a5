// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlitedatabase.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcSqlite, "clinico.storage.sqlite")

namespace clinico {

namespace {
QAtomicInteger<int> s_connectionCounter;
// SQLITE_BUSY and SQLITE_LOCKED, and their extended codes (BUSY_SNAPSHOT is 517 = 5 | 2 << 8).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
// A WAL that grew past this (a long transaction, a reader that held a snapshot) is cut back
// to it when the next checkpoint empties it.
constexpr qint64 kWalSizeLimitBytes = 4 * 1024 * 1024;
} // namespace

SqliteDatabase::~SqliteDatabase()
{
    close();
}

void SqliteDatabase::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_statements.clear();
    m_inTransaction = false;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool SqliteDatabase::isBusy(const QSqlError &error)
{
    const int code = error.nativeErrorCode().toInt() & 0xff;
    return code == kSqliteBusy || code == kSqliteLocked;
}

Error SqliteDatabase::errorFrom(const QSqlQuery &q, const QString &what)
{
    if (isBusy(q.lastError()))
        return makeError(kBusyCode,
            QStringLiteral("Banco de dados ocupado por outro programa (%1); tente de novo.").arg(what), 503);
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
    if (Status s = openFile(path); !s)
        return s;
    return migrate(migrations, schemaVersion(),
        [this](int version) { return execute(QStringLiteral("PRAGMA user_version=%1").arg(version)); });
}

Status SqliteDatabase::openFile(const QString &path)
{
    close();
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_connectionName = QStringLiteral("clinico-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    m_path = path;
    if (!m_db.open())
        return makeError(QStringLiteral("storage_open"),
            QStringLiteral("Não foi possível abrir %1: %2").arg(path, m_db.lastError().text()), 500);
    for (const QString &pragma : { QStringLiteral("PRAGMA journal_mode=WAL"),
             QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON"),
             QStringLiteral("PRAGMA journal_size_limit=%1").arg(kWalSizeLimitBytes) }) {
        if (Status s = execute(pragma); !s)
            return s;
    }
    return Ok {};
}

int SqliteDatabase::schemaVersion()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

Status SqliteDatabase::migrate(
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

Status SqliteDatabase::execute(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return errorFrom(q, sql);
    return Ok {};
}

Status SqliteDatabase::begin()
{
    releaseStatements(); // a stale snapshot could not take the write lock, however long it waited
    Status s = execute(QStringLiteral("BEGIN IMMEDIATE"));
    m_inTransaction = s.ok();
    return s;
}

Status SqliteDatabase::commit()
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

void SqliteDatabase::rollback()
{
    releaseStatements();
    if (Status s = execute(QStringLiteral("ROLLBACK")); !s)
        qCWarning(lcSqlite) << "rollback failed:" << s.error().message;
    m_inTransaction = false;
}

Status SqliteDatabase::write(const std::function<Status()> &work, const std::function<void()> &rolledBack)
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
        qCWarning(lcSqlite) << "database busy:" << s.error().message << "- running the transaction again";
    }
}

Status SqliteDatabase::attemptWrite(const std::function<Status()> &work)
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

Status SqliteDatabase::checkpoint()
{
    releaseStatements();
    // A reader in another process (a backup) would stall this thread for the whole busy
    // timeout: try briefly, the next idle moment will try again.
    (void)execute(QStringLiteral("PRAGMA busy_timeout=%1").arg(kCheckpointWaitMs));
    QSqlQuery q(m_db);
    const bool ran = q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && q.next();
    const bool blocked = ran && q.value(0).toInt() != 0; // another connection kept it from finishing
    Status result = ran ? Status(Ok {}) : Status(errorFrom(q, QStringLiteral("checkpoint")));
    q.finish();
    (void)execute(QStringLiteral("PRAGMA busy_timeout=%1").arg(kBusyTimeoutMs));
    if (blocked)
        return makeError(
            kBusyCode, QStringLiteral("Checkpoint incompleto: outro programa está usando o banco."), 503);
    return result;
}

qint64 SqliteDatabase::walSizeBytes() const
{
    return QFileInfo(m_path + QStringLiteral("-wal")).size();
}

void SqliteDatabase::releaseStatements()
{
    for (auto &[sql, q] : m_statements) {
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
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    it->second.finish();
    return it->second;
}

} // namespace clinico
