// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

#include <span>

class QCommandLineParser;

namespace clinico {

// One definition of each configuration key: its INI name and the command-line flag that
// overrides it.
struct ConfigKey
{
    const char *ini; // "server/url"
    const char *option; // "server" (--server)
    const char *help;
    const char *valueName; // empty: a switch (--windowed), which reads as "true" when given
};

// A program's configuration: an INI file (--config, else a default path such as
// /etc/clinico/totem.conf when it exists) with command-line overrides for every key.
class ConfigSource
{
public:
    static void addOptions(QCommandLineParser &parser, std::span<const ConfigKey> keys);
    static Result<ConfigSource> open(const QCommandLineParser &parser, const QString &defaultPath);
    // The flag if given, else the INI value, else the fallback.
    QString value(const ConfigKey &key, const QString &fallback) const;
    // Whether the flag or the file sets this key at all.
    bool contains(const ConfigKey &key) const;
    int intValue(const ConfigKey &key, int fallback, bool *ok) const;
    bool boolValue(const ConfigKey &key, bool fallback, bool *ok) const;
    // true/false, 1/0, yes/no, on/off (any case); *ok false for anything else.
    static bool parseBool(const QString &text, bool *ok);
    QString path() const { return m_path; }

private:
    const QCommandLineParser *m_parser = nullptr;
    QString m_path;
};

} // namespace clinico
