// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/databaseaddress.h"
#include "storage/sqlconnection.h"

namespace clinico::server {

// The server's schema, one migration per version, in `engine`'s dialect (see schema.cpp).
// Never edit a released step: add one.
SqlConnection::Migrations serverMigrations(DatabaseAddress::Engine engine = DatabaseAddress::Engine::Sqlite);

// Keys of the clinic settings kept in the database (changed from the admin console).
namespace SettingKey {
inline const QString ClinicName = QStringLiteral("clinic/name");
inline const QString Notice = QStringLiteral("display/notice");
inline const QString LogoUrl = QStringLiteral("display/logoUrl");
inline const QString ShowNames = QStringLiteral("display/showNames");
inline const QString NormalEvery = QStringLiteral("policy/normalEvery");
inline const QString CurrentDay = QStringLiteral("day/current");
inline const QString RetentionDays = QStringLiteral("retention/days");
inline const QString ResetTime
    = QStringLiteral("day/resetTime"); // overrides the config file once an admin sets it
inline const QString RetentionLastRun = QStringLiteral("retention/lastRun");
// The provider's groups for each role as last started with ([oidc] in server.conf): a change
// between two starts goes to the audit log.
// Appointments: the totem's check-in window around the start (minutes before, after), and how
// long before its start a checked-in appointment goes first in its queue (CallPolicyRules).
inline const QString CheckInEarlyMinutes = QStringLiteral("appointments/checkInEarlyMinutes");
inline const QString CheckInLateMinutes = QStringLiteral("appointments/checkInLateMinutes");
inline const QString AppointmentLeadMinutes = QStringLiteral("policy/appointmentLeadMinutes");
inline const QString OidcMapping = QStringLiteral("oidc/mapping");
// The patient key every instance on this database must share, as PatientVault::fingerprint
// names it: recorded by the first start, changed by rotate-key.
inline const QString PatientKeyFingerprint = QStringLiteral("privacy/patientKeyFingerprint");
// The settings the whole network shares (table `settings`); every other one is a unit's
// (table `unit_settings`, UnitScope).
inline bool isNetworkWide(const QString &key)
{
    return key == ResetTime || key == RetentionDays || key == RetentionLastRun || key == OidcMapping
        || key == PatientKeyFingerprint;
}
} // namespace SettingKey

} // namespace clinico::server
