// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/configsource.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>

namespace clinico {

void ConfigSource::addOptions(QCommandLineParser &parser, std::span<const ConfigKey> keys)
{
    parser.addOption(
        { QStringLiteral("config"), QStringLiteral("INI configuration file."), QStringLiteral("file") });
    for (const ConfigKey &k : keys) {
        if (*k.valueName)
            parser.addOption({ QString::fromLatin1(k.option), QString::fromLatin1(k.help),
                QString::fromLatin1(k.valueName) });
        else
            parser.addOption({ QString::fromLatin1(k.option), QString::fromLatin1(k.help) });
    }
}

Result<ConfigSource> ConfigSource::open(const QCommandLineParser &parser, const QString &defaultPath)
{
    ConfigSource source;
    source.m_parser = &parser;
    source.m_path = parser.value(QStringLiteral("config"));
    if (source.m_path.isEmpty() && QFileInfo::exists(defaultPath))
        source.m_path = defaultPath;
    if (!source.m_path.isEmpty() && !QFileInfo(source.m_path).isReadable())
        return makeError(QStringLiteral("config"),
            QStringLiteral("Não consigo ler o arquivo de configuração %1.").arg(source.m_path));
    return source;
}

QString ConfigSource::value(const ConfigKey &key, const QString &fallback) const
{
    const QString option = QString::fromLatin1(key.option);
    if (m_parser->isSet(option))
        return *key.valueName ? m_parser->value(option) : QStringLiteral("true");
    if (m_path.isEmpty())
        return fallback;
    const QVariant v = QSettings(m_path, QSettings::IniFormat).value(QString::fromLatin1(key.ini), fallback);
    // QSettings reads an unquoted "Clínica Sul, unidade 2" as a list: it is one value, commas and all.
    return v.typeId() == QMetaType::QStringList ? v.toStringList().join(QStringLiteral(", ")) : v.toString();
}

int ConfigSource::intValue(const ConfigKey &key, int fallback, bool *ok) const
{
    return value(key, QString::number(fallback)).toInt(ok);
}

bool ConfigSource::boolValue(const ConfigKey &key, bool fallback, bool *ok) const
{
    return parseBool(value(key, fallback ? QStringLiteral("true") : QStringLiteral("false")), ok);
}

bool ConfigSource::parseBool(const QString &text, bool *ok)
{
    const QString s = text.trimmed().toLower();
    *ok = true;
    if (s == QLatin1String("true") || s == QLatin1String("1") || s == QLatin1String("yes")
        || s == QLatin1String("on"))
        return true;
    if (s == QLatin1String("false") || s == QLatin1String("0") || s == QLatin1String("no")
        || s == QLatin1String("off"))
        return false;
    *ok = false;
    return false;
}

bool ConfigSource::contains(const ConfigKey &key) const
{
    if (m_parser->isSet(QString::fromLatin1(key.option)))
        return true;
    return !m_path.isEmpty()
        && QSettings(m_path, QSettings::IniFormat).contains(QString::fromLatin1(key.ini));
}

} // namespace clinico
