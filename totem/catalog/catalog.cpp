// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog.h"

#include "outbox/outbox.h"

#include <QJsonArray>

namespace clinico::totem {

namespace {
const QString kServicesKey = QStringLiteral("services");
const QString kSettingsKey = QStringLiteral("settings");
const QString kCalendarKey = QStringLiteral("calendar");
} // namespace

Catalog::Catalog(Outbox &cache, QString fallbackClinicName, QObject *parent)
    : QAbstractListModel(parent)
    , m_cache(cache)
    , m_fallbackClinicName(std::move(fallbackClinicName))
{ }

void Catalog::loadCached()
{
    apply(m_cache.cache(kServicesKey).value(kServicesKey).toArray(), m_cache.cache(kSettingsKey));
    if (auto calendar = protocol::ClinicCalendar::fromJson(m_cache.cache(kCalendarKey))) {
        m_calendar = *calendar;
        m_day = calendar->businessDay();
    }
}

void Catalog::setCalendar(const protocol::ClinicCalendar &calendar)
{
    // The day itself changes every day; only the reset time and the zone make a new calendar.
    if (calendar.resetTime == m_calendar.resetTime && calendar.timeZone == m_calendar.timeZone)
        return;
    (void)m_cache.putCache(kCalendarKey, calendar.toJson());
    m_calendar = calendar;
    m_day = calendar.businessDay();
}

// The server's answer, every minute or so: written to the cache (a synchronous SQLite write)
// only when something changed.
void Catalog::setServices(const QList<protocol::Service> &services)
{
    QJsonArray all;
    for (const auto &s : services)
        all << s.toJson();
    if (all == m_servicesJson)
        return;
    (void)m_cache.putCache(kServicesKey, QJsonObject { { kServicesKey, all } });
    apply(all, m_settings.toJson());
}

void Catalog::setSettings(const protocol::DisplaySettings &settings)
{
    if (settings.toJson() == m_settings.toJson())
        return;
    (void)m_cache.putCache(kSettingsKey, settings.toJson());
    apply(m_servicesJson, settings.toJson());
}

void Catalog::apply(const QJsonArray &services, const QJsonObject &settings)
{
    if (services != m_servicesJson) {
        m_servicesJson = services;
        QList<protocol::Service> active;
        for (const QJsonValue &v : services) {
            if (auto s = protocol::Service::fromJson(v.toObject()); s && s->active)
                active << *s;
        }
        beginResetModel();
        m_services = active;
        endResetModel();
        Q_EMIT countChanged();
    }
    if (auto s = protocol::DisplaySettings::fromJson(settings, protocol::DisplaySettings::From::Server);
        s && settings != m_settings.toJson()) {
        m_settings = *s;
        Q_EMIT settingsChanged();
    }
}

int Catalog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_services.size());
}

QVariant Catalog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto &s = m_services[index.row()];
    switch (role) {
    case IdRole:
        return s.id;
    case NameRole:
    case Qt::DisplayRole:
        return s.name;
    case PrefixRole:
        return s.prefix;
    }
    return {};
}

QHash<int, QByteArray> Catalog::roleNames() const
{
    return { { IdRole, "serviceId" }, { NameRole, "name" }, { PrefixRole, "prefix" } };
}

std::optional<protocol::Service> Catalog::service(qint64 id) const
{
    for (const auto &s : m_services) {
        if (s.id == id)
            return s;
    }
    return std::nullopt;
}

QString Catalog::clinicName() const
{
    return m_settings.clinicName.isEmpty() ? m_fallbackClinicName : m_settings.clinicName;
}

} // namespace clinico::totem
