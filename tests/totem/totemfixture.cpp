// SPDX-License-Identifier: GPL-3.0-or-later
#include "totemfixture.h"

#include "catalog/catalog.h"
#include "issuing/serversync.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtQml/qqmlextensionplugin.h>

// The totem's QML module, linked statically, for the tests that load its screens.
Q_IMPORT_QML_PLUGIN(Clinico_TotemPlugin)

namespace clinico::test {

void TotemFixture::SetUp()
{
    consulta = server.addService(QStringLiteral("C"), QStringLiteral("Consulta médica"));
    exames = server.addService(QStringLiteral("E"), QStringLiteral("Exames"));
    server.addCounter(QStringLiteral("Consultório 3"), { consulta, exames });
    totemToken = server.addDevice(QStringLiteral("totem"), QStringLiteral("Totem entrada"));
    deskToken = server.addDevice(QStringLiteral("desk"), QStringLiteral("Recepção"));
    ASSERT_TRUE(server.start()) << server.log().toStdString();
}

void TotemFixture::TearDown()
{
    app.reset();
    if (HasFailure())
        std::cerr << "--- server log ---\n" << server.log().toStdString() << std::endl;
}

totem::TotemConfig TotemFixture::config() const
{
    totem::TotemConfig c;
    c.serverUrl = serverUrlOverride.value_or(server.url());
    c.token = totemToken;
    c.dataDir = totemDir.path();
    c.deviceTag = QStringLiteral("T1");
    c.windowed = true;
    c.idleTimeoutS = idleTimeoutS;
    return c;
}

totem::TotemApp &TotemFixture::startTotem(std::unique_ptr<printing::TicketPrinter> customPrinter)
{
    app.reset();
    printer = nullptr;
    if (!customPrinter) {
        auto recording = std::make_unique<RecordingPrinter>();
        printer = recording.get();
        customPrinter = std::move(recording);
    }
    app = std::make_unique<totem::TotemApp>(config(), std::move(customPrinter));
    auto started = app->start();
    EXPECT_TRUE(started.ok()) << (started ? "" : started.error().message.toStdString());
    // The catalogue comes from the server (or the cache) before a patient can choose.
    EXPECT_TRUE(spinUntil([&] { return app->catalog().count() == 2; }, 5000));
    return *app;
}

std::optional<totem::IssuedTicket> TotemFixture::issueAtTotem(
    const QString &cpf, qint64 serviceId, const QString &priority)
{
    auto &flow = app->flow();
    flow.restart();
    for (QChar c : cpf) {
        if (c.isDigit())
            flow.typeDigit(c.digitValue());
    }
    flow.confirmCpf();
    if (flow.screen() != totem::TotemFlow::Screen::Service)
        return std::nullopt;
    flow.chooseService(serviceId);
    flow.choosePriority(priority);
    if (!spinUntil([&] { return flow.screen() == totem::TotemFlow::Screen::Ticket; }, 5000))
        return std::nullopt;
    return flow.ticket();
}

QJsonArray TotemFixture::serverTickets()
{
    ApiClient desk(server.url(), deskToken);
    auto reply = desk.get(QStringLiteral("/api/v1/tickets"));
    return reply ? reply->json().value(QStringLiteral("tickets")).toArray() : QJsonArray();
}

} // namespace clinico::test
