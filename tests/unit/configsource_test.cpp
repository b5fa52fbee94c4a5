// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/configsource.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace Qt::StringLiterals;

namespace {
constexpr ConfigKey kName { "display/clinicName", "clinic-name", "Clinic name.", "name" };
constexpr ConfigKey kPort { "server/port", "port", "Port.", "port" };
constexpr ConfigKey kKeys[] = { kName, kPort };

QString writeIni(const QTemporaryDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath(u"test.conf"_s);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}
} // namespace

TEST(ConfigSource, FlagsOverrideTheFileWhichOverridesTheDefault)
{
    QTemporaryDir dir;
    const QString path = writeIni(dir, "[display]\nclinicName=Clínica Sul, unidade 2\n[server]\nport=9000\n");
    QCommandLineParser parser;
    ConfigSource::addOptions(parser, kKeys);
    ASSERT_TRUE(parser.parse({ u"app"_s, u"--config"_s, path, u"--port"_s, u"9100"_s }));
    auto source = ConfigSource::open(parser, u"/nonexistent/default.conf"_s);
    ASSERT_TRUE(source.ok());
    EXPECT_EQ(source->value(kName, u"x"_s), u"Clínica Sul, unidade 2"_s); // a comma is not a list here
    EXPECT_EQ(source->value(kPort, u"8080"_s), u"9100"_s);
    bool ok = false;
    EXPECT_EQ(source->intValue(kPort, 8080, &ok), 9100);
    EXPECT_TRUE(ok);
}

TEST(ConfigSource, AMissingDefaultFileMeansDefaultsButAMissingNamedFileIsAnError)
{
    QCommandLineParser parser;
    ConfigSource::addOptions(parser, kKeys);
    ASSERT_TRUE(parser.parse({ u"app"_s }));
    auto defaults = ConfigSource::open(parser, u"/nonexistent/default.conf"_s);
    ASSERT_TRUE(defaults.ok());
    EXPECT_EQ(defaults->value(kPort, u"8080"_s), u"8080"_s);

    QCommandLineParser named;
    ConfigSource::addOptions(named, kKeys);
    ASSERT_TRUE(named.parse({ u"app"_s, u"--config"_s, u"/nonexistent/named.conf"_s }));
    auto missing = ConfigSource::open(named, u"/nonexistent/default.conf"_s);
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.contains(u"/nonexistent/named.conf"_s));
}

TEST(ConfigSource, SwitchesReadTheUsualWordsAndRefuseOthers)
{
    bool ok = false;
    for (const QString &yes : { u"true"_s, u"1"_s, u"yes"_s, u" ON "_s }) {
        EXPECT_TRUE(ConfigSource::parseBool(yes, &ok)) << yes.toStdString();
        EXPECT_TRUE(ok);
    }
    for (const QString &no : { u"false"_s, u"0"_s, u"no"_s, u"Off"_s }) {
        EXPECT_FALSE(ConfigSource::parseBool(no, &ok)) << no.toStdString();
        EXPECT_TRUE(ok);
    }
    ConfigSource::parseBool(u"sim"_s, &ok);
    EXPECT_FALSE(ok) << "a word it does not know is an error, not false";
}
