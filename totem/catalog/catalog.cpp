// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog.h"

#include "outbox/outbox.h"

#include <QJsonArray>

namespace clinico::totem {

namespace {
const QString kServicesKey = QStringLiteral("services");
const QString kSettingsKey = QStringLiteral("settings");
} // namespace

Catalog::Catalog(Outbox &cache, QString fallbackClinicName, QObject *parent)
    : QAbstractListModel(parent)
    , m_cache(cache)
    , m_fallbackClinicName(std::move(fallbackClinicName))
{ }

void Catalog::loadCached()
{
    QList<protocol::Service> services;
    for (const QJsonValue &v : m_cache.cache(kServicesKey).value(kServicesKey).toArray()) {
        if (auto s = protocol::Service::fromJson(v.toObject()))
            services << *s;
    }
    setServices(services);
    if (auto s = protocol::DisplaySettings::fromJson(m_cache.cache(kSettingsKey)))
        setSettings(*s);
}

void Catalog::setServices(const QList<protocol::Service> &services)
{
    QList<protocol::Service> active;
    QJsonArray all;
    for (const auto &s : services) {
        all << s.toJson();
        if (s.active)
            active << s;
    }
    (void)m_cache.putCache(kServicesKey, QJsonObject { { kServicesKey, all } });
    const bool same = active.size() == m_services.size()
        && std::equal(active.begin(), active.end(), m_services.begin(), [](const auto &a, const auto &b) {
               return a.id == b.id && a.name == b.name && a.prefix == b.prefix;
           });
    if (same)
        return;
    beginResetModel();
    m_services = active;
    endResetModel();
    Q_EMIT countChanged();
}

void Catalog::setSettings(const protocol::DisplaySettings &settings)
{
    (void)m_cache.putCache(kSettingsKey, settings.toJson());
    m_settings = settings;
    Q_EMIT settingsChanged();
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
