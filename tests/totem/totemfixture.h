// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/totemapp.h"
#include "flow/totemflow.h"
#include "printing/ticketprinter.h"
#include "recordingprinter.h"
#include "support/serverprocess.h"
#include "support/testclients.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace clinico::test {

// A real clinico-server with two services, and a totem wired to it with its own data dir.
class TotemFixture : public ::testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    // Builds (or rebuilds, as after a reboot) the totem on the same data directory.
    totem::TotemApp &startTotem(std::unique_ptr<printing::TicketPrinter> printer = {});
    totem::TotemConfig config() const;
    // The patient's whole path: CPF digits, Confirmar, the service, the priority answer.
    std::optional<totem::IssuedTicket> issueAtTotem(
        const QString &cpf, qint64 serviceId, const QString &priority = QStringLiteral("normal"));
    QJsonArray serverTickets();
    // Books an appointment at `startMs` with Dra. Lima for the consultation, through the
    // scheduling API (docs/agendamentos.md).
    void bookAppointment(const QString &cpf, qint64 startMs, const QString &id = QStringLiteral("A-1"));
    // A start `minutes` from now (whole minutes) that stays on today's business day, so a test
    // means the same at any hour: near midnight, 5 minutes ago instead (inside the window).
    static qint64 appointmentStartIn(int minutes);
    // The day's appointments as the reception's desk sees them.
    QJsonArray serverAppointments();

    ServerProcess server;
    qint64 consulta = 0, exames = 0;
    QString totemToken, deskToken;
    QString schedulerToken; // the scheduling system's, made on first use
    QTemporaryDir totemDir;
    int idleTimeoutS = 30;
    std::optional<QUrl> serverUrlOverride; // e.g. a fault-injecting stand-in
    std::unique_ptr<totem::TotemApp> app;
    RecordingPrinter *printer = nullptr; // owned by app when the default printer is used
};

} // namespace clinico::test
