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

void TotemFixture::bookAppointment(const QString &cpf, qint64 startMs, const QString &id)
{
    const QJsonObject appointment { { QStringLiteral("id"), id }, { QStringLiteral("status"), QStringLiteral("booked") },
        { QStringLiteral("start"), QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC).toString(Qt::ISODate) },
        { QStringLiteral("minutesDuration"), 20 }, { QStringLiteral("serviceType"), QStringLiteral("C") },
        { QStringLiteral("patientCpf"), cpf }, { QStringLiteral("practitioner"), QStringLiteral("dra.lima") },
        { QStringLiteral("practitionerName"), QStringLiteral("Dra. Lima") } };
    if (schedulerToken.isEmpty())
        schedulerToken = server.addDevice(QStringLiteral("admin"), QStringLiteral("Agenda"));
    auto reply = ApiClient(server.url(), schedulerToken)
                     .post(QStringLiteral("/api/v1/appointments"),
                         { { QStringLiteral("appointments"), QJsonArray { appointment } } });
    ASSERT_TRUE(reply.ok() && reply->status == 200) << (reply ? reply->body.constData() : "no reply");
}

qint64 TotemFixture::appointmentStartIn(int minutes)
{
    constexpr qint64 kMinute = 60000;
    const BusinessDay calendar;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 start = now + minutes * kMinute;
    if (calendar.dayOf(start) != calendar.dayOf(now))
        start = now - 5 * kMinute;
    return start / kMinute * kMinute;
}

QJsonArray TotemFixture::serverAppointments()
{
    auto reply = ApiClient(server.url(), deskToken).get(QStringLiteral("/api/v1/appointments"));
    return reply ? reply->json().value(QStringLiteral("appointments")).toArray() : QJsonArray();
}

} // namespace clinico::test
