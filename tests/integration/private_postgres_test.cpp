// SPDX-License-Identifier: GPL-3.0-or-later
// The PostgreSQL every PostgreSQL test starts for itself (issue 10): a cluster of its own on a
// loopback port, reached through Qt's QPSQL driver as the server reaches it, and gone by its
// PID at the end.
#include "support/privatepostgres.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <gtest/gtest.h>

#include <csignal>

using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {
QSqlDatabase connectTo(const QString &url, const QString &name)
{
    const QUrl u(url);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(u.host());
    db.setPort(u.port());
    db.setUserName(u.userName());
    db.setDatabaseName(u.path().mid(1));
    db.open();
    return db;
}
} // namespace

TEST(PrivatePostgres, StartsItsOwnClusterKeepsItsDataOverARestartAndStopsByPid)
{
    ASSERT_FALSE(PrivatePostgres::binDir().isEmpty())
        << "PostgreSQL 15 is not installed (scripts/install-deps.sh)";
    qint64 pid = 0;
    {
        PrivatePostgres pg;
        ASSERT_TRUE(pg.start()) << pg.log().toStdString();
        ASSERT_TRUE(pg.createDatabase(u"clinico"_s)) << pg.log().toStdString();
        {
            QSqlDatabase db = connectTo(pg.url(u"clinico"_s), u"first"_s);
            ASSERT_TRUE(db.isOpen()) << db.lastError().text().toStdString();
            QSqlQuery q(db);
            ASSERT_TRUE(q.exec(u"CREATE TABLE tickets(id bigserial PRIMARY KEY, code text NOT NULL)"_s))
                << q.lastError().text().toStdString();
            ASSERT_TRUE(q.exec(u"INSERT INTO tickets(code) VALUES('CN001') RETURNING id"_s));
            ASSERT_TRUE(q.next());
            EXPECT_EQ(q.value(0).toLongLong(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"first"_s);

        pg.stop();
        ASSERT_TRUE(pg.start()) << pg.log().toStdString();
        {
            QSqlDatabase db = connectTo(pg.url(u"clinico"_s), u"second"_s);
            ASSERT_TRUE(db.isOpen()) << db.lastError().text().toStdString();
            QSqlQuery q(db);
            ASSERT_TRUE(q.exec(u"SELECT code FROM tickets"_s));
            ASSERT_TRUE(q.next());
            EXPECT_EQ(q.value(0).toString(), u"CN001"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"second"_s);
        pid = pg.pid();
        ASSERT_GT(pid, 0);
    }
    EXPECT_NE(::kill(pid_t(pid), 0), 0) << "postgres " << pid << " outlived its test";
}
