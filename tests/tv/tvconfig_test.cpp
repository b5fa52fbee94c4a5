// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/translation.h"
#include "config/tvconfig.h"
#include "qstringprinter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTemporaryDir>
#include <QTranslator>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::tv;
using namespace Qt::StringLiterals;

namespace {

Result<TvConfig> parse(const QStringList &args)
{
    QCommandLineParser parser;
    TvConfig::addOptions(parser);
    EXPECT_TRUE(parser.parse(QStringList { u"clinico-tv"_s } + args)) << parser.errorText().toStdString();
    return TvConfig::fromCommandLine(parser);
}

TEST(TvConfig, RunLocalCommandLineWorks)
{
    auto c = parse({ u"--server"_s, u"http://127.0.0.1:8080"_s, u"--token"_s, u"abc"_s, u"--windowed"_s,
        u"--data-dir"_s, u"/tmp/tv"_s, u"--config"_s, u"/dev/null"_s });
    ASSERT_TRUE(c.ok()) << c.error().message.toStdString();
    EXPECT_EQ(c->serverUrl, QUrl(u"http://127.0.0.1:8080"_s));
    EXPECT_EQ(c->token, u"abc"_s);
    EXPECT_TRUE(c->windowed);
    EXPECT_EQ(c->dataDir, u"/tmp/tv"_s);
    EXPECT_EQ(c->maxAnnounceAgeSeconds, 120);
    EXPECT_TRUE(c->filter.serviceIds.isEmpty());
}

TEST(TvConfig, FileIsReadAndFlagsWin)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tv.conf"_s);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("[server]\nurl=http://10.0.0.2:8080\ntoken=filetoken\n"
            "[display]\nservices=1, 3\ncounters=7\nlayout=portrait\nhistory=8\n"
            "[sound]\nvolume=40\nquietHours=22:00-07:00\n"
            "[announce]\nmaxAgeSeconds=90\n");
    f.close();
    auto c = parse({ u"--config"_s, path, u"--volume"_s, u"65"_s });
    ASSERT_TRUE(c.ok()) << c.error().message.toStdString();
    EXPECT_EQ(c->serverUrl.host(), u"10.0.0.2"_s);
    EXPECT_EQ(c->token, u"filetoken"_s);
    EXPECT_EQ(c->filter.serviceIds, (QSet<qint64> { 1, 3 }));
    EXPECT_EQ(c->filter.counterIds, (QSet<qint64> { 7 }));
    EXPECT_EQ(c->layout, u"portrait"_s);
    EXPECT_EQ(c->historySize, 8);
    EXPECT_EQ(c->volume, 65);
    EXPECT_EQ(c->maxAnnounceAgeSeconds, 90);
    EXPECT_TRUE(c->quietHours.contains(QTime(23, 0)));
    EXPECT_TRUE(c->quietHours.contains(QTime(6, 59)));
    EXPECT_FALSE(c->quietHours.contains(QTime(7, 0)));
    EXPECT_FALSE(c->quietHours.contains(QTime(12, 0)));
}

TEST(TvConfig, BadValuesAreRefusedWithAMessageInPortuguese)
{
    auto c = parse({ u"--config"_s, u"/dev/null"_s, u"--volume"_s, u"140"_s });
    ASSERT_FALSE(c.ok());
    EXPECT_TRUE(c.error().message.contains(u"Configuração inválida"_s));
    EXPECT_FALSE(parse({ u"--config"_s, u"/dev/null"_s, u"--services"_s, u"1,x"_s }).ok());
    EXPECT_FALSE(parse({ u"--config"_s, u"/dev/null"_s, u"--quiet-hours"_s, u"22h"_s }).ok());
    EXPECT_FALSE(parse({ u"--config"_s, u"/dev/null"_s, u"--server"_s, u"ftp://x"_s }).ok());
    EXPECT_FALSE(parse({ u"--config"_s, u"/nonexistent/tv.conf"_s }).ok());
}

TEST(TvConfig, TheShippedExampleIsValid)
{
    auto c = parse({ u"--config"_s, QStringLiteral(CLINICO_TV_CONF_EXAMPLE) });
    ASSERT_TRUE(c.ok()) << c.error().message.toStdString();
    EXPECT_EQ(c->serverUrl, QUrl(u"http://10.0.0.2:8080"_s));
    EXPECT_EQ(c->historySize, 6);
    EXPECT_FALSE(c->quietHours.isSet());
    EXPECT_TRUE(c->filter.serviceIds.isEmpty());
}

TEST(TvConfig, EveryKeyHasAFlag)
{
    QSet<QString> flags;
    for (const auto &k : TvConfig::keys())
        flags.insert(QString::fromLatin1(k.option));
    EXPECT_EQ(flags.size(), TvConfig::keys().size());
}

TEST(TvTranslation, EnglishAndSpanishTextsShipWithTheTv)
{
    QTranslator es;
    ASSERT_TRUE(loadTranslation(es, u"es"_s));
    EXPECT_EQ(es.translate("OfflineSign", "Sem conexão"), u"Sin conexión"_s);
    QTranslator en;
    ASSERT_TRUE(loadTranslation(en, u"en"_s));
    EXPECT_EQ(en.translate("HistoryPanel", "Últimas chamadas"), u"Recent calls"_s);
    QTranslator ptBR;
    ASSERT_TRUE(loadTranslation(ptBR, u"pt_BR"_s));
    QTranslator none;
    EXPECT_FALSE(loadTranslation(none, u"xx"_s));
}

} // namespace
