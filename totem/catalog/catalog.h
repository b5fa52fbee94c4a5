// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messages.h"

#include <QAbstractListModel>
#include <QJsonArray>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace clinico::totem {

class Outbox;

// The services a patient can choose, how the clinic presents itself and its calendar, as
// last heard from the server and cached in the outbox database, so a totem that boots with no network still
// offers the right buttons.
class Catalog : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the totem")
    Q_PROPERTY(QString clinicName READ clinicName NOTIFY settingsChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY settingsChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, PrefixRole };
    Catalog(Outbox &cache, QString fallbackClinicName, QObject *parent = nullptr);

    void loadCached();
    void setServices(const QList<protocol::Service> &services); // also caches
    void setSettings(const protocol::DisplaySettings &settings);
    void setCalendar(const protocol::ClinicCalendar &calendar); // also caches

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_services.size()); }
    std::optional<protocol::Service> service(qint64 id) const;
    QList<protocol::Service> services() const { return m_services; }
    QString clinicName() const;
    QString notice() const { return m_settings.notice; }
    // The clinic's day and time zone, as the server last said (until it has: 00:00 in
    // America/Sao_Paulo). The totem has no calendar of its own.
    const BusinessDay &businessDay() const { return m_day; }

Q_SIGNALS:
    void settingsChanged();
    void countChanged();

private:
    void apply(const QJsonArray &services, const QJsonObject &settings);

    Outbox &m_cache;
    QString m_fallbackClinicName;
    QJsonArray m_servicesJson; // all of them, as the server sent them
    QList<protocol::Service> m_services; // active ones only
    protocol::DisplaySettings m_settings;
    protocol::ClinicCalendar m_calendar;
    BusinessDay m_day;
};

} // namespace clinico::totem
