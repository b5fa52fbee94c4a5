// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/schema.h"

namespace clinico::server {

const SqliteDatabase::Migrations &serverMigrations()
{
    static const SqliteDatabase::Migrations migrations {
        {
            QStringLiteral("CREATE TABLE services(id INTEGER PRIMARY KEY, prefix TEXT NOT NULL UNIQUE,"
                           " name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1)"),
            QStringLiteral("CREATE TABLE counters(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                           " active INTEGER NOT NULL DEFAULT 1)"),
            QStringLiteral(
                "CREATE TABLE counter_services(counter_id INTEGER NOT NULL REFERENCES counters(id),"
                " service_id INTEGER NOT NULL REFERENCES services(id), PRIMARY KEY(counter_id, service_id))"),
            QStringLiteral(
                "CREATE TABLE patients(id INTEGER PRIMARY KEY, cpf TEXT NOT NULL UNIQUE, name TEXT,"
                " birth_date TEXT, created_ms INTEGER NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE devices(id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,"
                " token_hash TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL, revoked_ms INTEGER,"
                " last_seen_ms INTEGER, version TEXT, status TEXT)"),
            QStringLiteral(
                "CREATE TABLE tickets(id INTEGER PRIMARY KEY, day TEXT NOT NULL, code TEXT NOT NULL,"
                " service_id INTEGER NOT NULL REFERENCES services(id), priority TEXT NOT NULL,"
                " patient_id INTEGER REFERENCES patients(id), device_id INTEGER NOT NULL,"
                " idempotency_key TEXT NOT NULL, request_hash TEXT NOT NULL, status TEXT NOT NULL,"
                " issued_ms INTEGER NOT NULL, arrived_ms INTEGER NOT NULL,"
                " counter_id INTEGER REFERENCES counters(id), called_ms INTEGER, started_ms INTEGER,"
                " finished_ms INTEGER, offline INTEGER NOT NULL DEFAULT 0, token TEXT NOT NULL UNIQUE,"
                " UNIQUE(day, code), UNIQUE(device_id, idempotency_key))"),
            QStringLiteral("CREATE INDEX tickets_open ON tickets(status, service_id, day)"),
            QStringLiteral("CREATE INDEX tickets_patient ON tickets(patient_id, service_id, status)"),
            QStringLiteral(
                "CREATE TABLE calls(id INTEGER PRIMARY KEY, day TEXT NOT NULL,"
                " ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
                " counter_id INTEGER NOT NULL REFERENCES counters(id), service_id INTEGER NOT NULL,"
                " priority TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT, at_ms INTEGER NOT NULL,"
                " actor TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX calls_day ON calls(day, kind, service_id)"),
            QStringLiteral("CREATE TABLE number_counters(day TEXT NOT NULL, service_id INTEGER NOT NULL,"
                           " priority TEXT NOT NULL, next_number INTEGER NOT NULL,"
                           " PRIMARY KEY(day, service_id, priority))"),
            QStringLiteral(
                "CREATE TABLE leases(id INTEGER PRIMARY KEY, device_id INTEGER NOT NULL, day TEXT NOT NULL,"
                " service_id INTEGER NOT NULL, priority TEXT NOT NULL, first_number INTEGER NOT NULL,"
                " last_number INTEGER NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE events(seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL,"
                " kind TEXT NOT NULL, payload TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE audit(id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, actor TEXT NOT NULL,"
                " action TEXT NOT NULL, ticket_id INTEGER, detail TEXT)"),
        },
        {
            // Staff accounts and their console sessions (server/users/).
            QStringLiteral(
                "CREATE TABLE users(id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                " display_name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL,"
                " active INTEGER NOT NULL DEFAULT 1, created_ms INTEGER NOT NULL, last_login_ms INTEGER)"),
            QStringLiteral("CREATE TABLE sessions(token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL "
                           "REFERENCES users(id),"
                           " csrf TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX audit_at ON audit(at_ms)"),
            QStringLiteral("CREATE INDEX tickets_day ON tickets(day)"),
        },
        {
            // When a lease was handed out: no ticket filed with it may be older (NULL: a lease
            // from before this column, bounded by the start of its day only).
            QStringLiteral("ALTER TABLE leases ADD COLUMN created_ms INTEGER"),
        },
        {
            // The registry sealed (server/patients/patientvault.h): a keyed hash of the CPF to
            // find a patient by, and the CPF, name and birth date in a box only the key file
            // opens. `registered`: the registry knows more than the CPF (retention keeps it).
            // PatientStore::sealRegistry moves the rows of the clear `patients` table here
            // and gives this one its name.
            QStringLiteral(
                "CREATE TABLE patients_sealed(id INTEGER PRIMARY KEY, cpf_lookup TEXT NOT NULL UNIQUE,"
                " key_id INTEGER NOT NULL, sealed BLOB NOT NULL, registered INTEGER NOT NULL DEFAULT 0,"
                " created_ms INTEGER NOT NULL)"),
        },
        {
            // Kiosks asking for a token by showing a code, and codes made in advance for
            // clinico-enrol.conf (server/storage/enrolmentstore.h). Only hashes of the code
            // and of the polling handle are kept.
            QStringLiteral(
                "CREATE TABLE enrolments(id INTEGER PRIMARY KEY, code_hash TEXT NOT NULL,"
                " handle_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, hostname TEXT NOT NULL,"
                " model TEXT NOT NULL, version TEXT NOT NULL, address TEXT NOT NULL,"
                " created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, state TEXT NOT NULL,"
                " device_id INTEGER REFERENCES devices(id), device_name TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX enrolments_code ON enrolments(code_hash)"),
        },
        {
            // Staff who sign in with the clinic's OpenID Connect provider: the account is linked
            // by the provider's issuer + subject, never by e-mail (server/users/userstore.h). A
            // session opened that way keeps the ID token as the hint for the provider's logout.
            QStringLiteral(
                "CREATE TABLE user_identities(issuer TEXT NOT NULL, subject TEXT NOT NULL,"
                " user_id INTEGER NOT NULL UNIQUE REFERENCES users(id), created_ms INTEGER NOT NULL,"
                " PRIMARY KEY(issuer, subject))"),
            QStringLiteral("ALTER TABLE sessions ADD COLUMN id_token TEXT"),
        },
        {
            // The clinic's schedule (server/appointments/appointmentstore.h), upserted by the
            // scheduling system's id. The patient is the registry's row (the CPF stays sealed);
            // `ticket_id` and `arrived_ms`: the ticket the patient checked in with at the totem.
            QStringLiteral(
                "CREATE TABLE appointments(id INTEGER PRIMARY KEY, external_id TEXT NOT NULL UNIQUE,"
                " day TEXT NOT NULL, patient_id INTEGER NOT NULL REFERENCES patients(id),"
                " start_ms INTEGER NOT NULL, minutes INTEGER NOT NULL, practitioner TEXT NOT NULL,"
                " practitioner_name TEXT NOT NULL, service_id INTEGER NOT NULL REFERENCES services(id),"
                " status TEXT NOT NULL, ticket_id INTEGER REFERENCES tickets(id), arrived_ms INTEGER,"
                " created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX appointments_day ON appointments(day, start_ms)"),
            QStringLiteral("CREATE INDEX appointments_patient ON appointments(patient_id, day)"),
            QStringLiteral("CREATE INDEX appointments_ticket ON appointments(ticket_id)"),
        },
        {
            // One ticket for the whole visit (server/calling/callstore.h: forward). A service may
            // name the stage that follows it; a ticket's current stage is its row in `tickets`
            // (stage_since_ms: when it joined that queue, NULL for the first stage, which began
            // at arrived_ms), the stages it finished are in `ticket_stages`.
            QStringLiteral("ALTER TABLE services ADD COLUMN next_service_id INTEGER REFERENCES services(id)"),
            QStringLiteral("ALTER TABLE tickets ADD COLUMN stage_since_ms INTEGER"),
            QStringLiteral(
                "CREATE TABLE ticket_stages(id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES"
                " tickets(id), day TEXT NOT NULL, service_id INTEGER NOT NULL REFERENCES services(id),"
                " priority TEXT NOT NULL, counter_id INTEGER REFERENCES counters(id), since_ms INTEGER NOT NULL,"
                " called_ms INTEGER, started_ms INTEGER, finished_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX ticket_stages_ticket ON ticket_stages(ticket_id)"),
            QStringLiteral("CREATE INDEX ticket_stages_day ON ticket_stages(day, service_id)"),
            // How long a class may wait in a service's queue before the desks are alerted.
            QStringLiteral(
                "CREATE TABLE wait_limits(service_id INTEGER NOT NULL REFERENCES services(id),"
                " priority TEXT NOT NULL, minutes INTEGER NOT NULL, PRIMARY KEY(service_id, priority))"),
        },
    };
    return migrations;
}

} // namespace clinico::server
