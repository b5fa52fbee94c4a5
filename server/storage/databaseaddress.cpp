// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/databaseaddress.h"

#include <QDir>

namespace clinico::server {

using namespace Qt::StringLiterals;

Result<DatabaseAddress> DatabaseAddress::parse(const QString &text)
{
    const QString t = text.trimmed();
    if (t.startsWith(u"sqlite:"_s)) {
        const QString dir = t.mid(7);
        if (dir.isEmpty())
            return makeError(
                u"config"_s, u"database: sqlite: precisa de um diretório (sqlite:/var/lib/clinico)."_s);
        return sqliteIn(dir);
    }
    const QUrl url(t, QUrl::StrictMode);
    if (url.isValid() && (url.scheme() == u"postgresql"_s || url.scheme() == u"postgres"_s)
        && !url.host().isEmpty() && url.path().size() > 1) {
        DatabaseAddress a;
        a.m_engine = Engine::Postgres;
        a.m_url = url;
        return a;
    }
    return makeError(u"config"_s,
        u"database: use sqlite:/diretório ou postgresql://usuário@servidor:porta/banco (recebido: %1)."_s.arg(
            QUrl(t).toDisplayString(QUrl::RemovePassword)));
}

DatabaseAddress DatabaseAddress::sqliteIn(const QString &dir)
{
    DatabaseAddress a;
    a.m_dir = QDir::cleanPath(dir);
    return a;
}

QString DatabaseAddress::display() const
{
    return m_engine == Engine::Sqlite ? sqliteFile() : m_url.toDisplayString(QUrl::RemovePassword);
}

} // namespace clinico::server
