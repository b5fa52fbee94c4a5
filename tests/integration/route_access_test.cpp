// SPDX-License-Identifier: GPL-3.0-or-later
// The table "Who may call what" of docs/protocol.md, cell by cell, against the real server.
#include "integration/serverfixture.h"

#include <QFile>
#include <QRegularExpression>

using namespace clinico;
using namespace clinico::test;
using namespace Qt::StringLiterals;

namespace {
struct Row
{
    QByteArray method;
    QString path;
    QList<bool> allowed; // no token, totem, tv, desk, admin
};

QList<Row> protocolTable()
{
    QFile doc(QStringLiteral(CLINICO_PROTOCOL_DOC));
    if (!doc.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression row(
        uR"(^\| `(GET|POST|PUT|DELETE) (\S+)`[^|]*\|((?:\s*(?:✓|—)\s*\|){5})\s*$)"_s);
    QList<Row> rows;
    for (const QString &line : QString::fromUtf8(doc.readAll()).split(u'\n')) {
        const auto m = row.match(line);
        if (!m.hasMatch())
            continue;
        Row r { m.captured(1).toLatin1(), m.captured(2), {} };
        for (const QString &cell : m.captured(3).split(u'|', Qt::SkipEmptyParts))
            r.allowed << (cell.trimmed() == u"✓"_s);
        rows << r;
    }
    return rows;
}

// A path of the table with its placeholders filled: ids no row has (404, not 403).
QString concrete(QString path)
{
    return path.replace(u"<id>"_s, u"999999"_s)
        .replace(u"<token>"_s, u"abcdefghijkl"_s)
        .replace(u"<handle>"_s, QString(43, u'h'))
        .replace(u"<file>"_s, u"app.js"_s);
}

class RouteAccess : public ServerFixture
{
protected:
    void SetUp() override
    {
        adminToken = server.addDevice(u"admin"_s, u"TI"_s);
        ServerFixture::SetUp();
    }
    // 0 when the hello came, else the close code.
    int subscribe(const QString &token)
    {
        QNetworkRequest request(EventStreamClient::eventsUrl(server.url(), -1));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        const Subscription s = subscribeOnce(request);
        return s.hello.isEmpty() ? s.closeCode : 0;
    }
    QString adminToken;
};
} // namespace

TEST_F(RouteAccess, EveryCellOfTheProtocolTableHolds)
{
    const QList<Row> table = protocolTable();
    ASSERT_GE(table.size(), 40) << "docs/protocol.md: table 'Who may call what' not found";
    const QStringList tokens { QString(), totemToken, tvToken, deskToken, adminToken };
    const QStringList roles { u"no token"_s, u"totem"_s, u"tv"_s, u"desk"_s, u"admin"_s };
    for (const Row &row : table) {
        for (int i = 0; i < tokens.size(); ++i) {
            const std::string cell = (row.method + ' ' + row.path + " as " + roles[i]).toStdString();
            const bool allowed = row.allowed[i];
            if (row.path == u"/api/v1/events"_s) {
                const int code = subscribe(tokens[i]);
                EXPECT_EQ(code, allowed ? 0 : i == 0 ? 4401 : 4403) << cell;
                continue;
            }
            // Bodies are refused after the role check (400), so no allowed call changes much.
            const auto r
                = ApiClient(server.url(), tokens[i])
                      .send(row.method, concrete(row.path), row.method == "GET" ? QByteArray() : "{}");
            ASSERT_TRUE(r.ok()) << cell;
            if (i == 0)
                EXPECT_EQ(r->status == 401, !allowed) << cell << " → " << r->status;
            else
                EXPECT_EQ(r->status == 403, !allowed)
                    << cell << " → " << r->status << ' ' << r->body.constData();
        }
    }
}
