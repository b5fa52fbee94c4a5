// SPDX-License-Identifier: GPL-3.0-or-later
// A patient with an appointment at the totem, against the real server: the appointment is
// shown after the CPF, one tap checks in, another service is still a walk-in, too early is told
// when to come back, and with no server nothing is said at all.
#include "totemfixture.h"

#include "catalog/catalog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;
using namespace Qt::StringLiterals;
using Screen = TotemFlow::Screen;

namespace {

constexpr qint64 kMinute = 60000;

class TotemAppointment : public TotemFixture
{
protected:
    // The time as the totem says it.
    static QString clock(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone("America/Sao_Paulo")).toString(u"HH:mm"_s);
    }
    // The CPF typed and confirmed: one tap.
    void enterCpf(const QString &cpf)
    {
        auto &flow = app->flow();
        flow.restart();
        for (QChar c : cpf)
            flow.typeDigit(c.digitValue());
        flow.confirmCpf();
    }
};

} // namespace

TEST_F(TotemAppointment, TheAppointmentIsShownAndOneTapChecksIn)
{
    const QString cpf = validCpf(41);
    const qint64 start = appointmentStartIn(20);
    bookAppointment(cpf, start);
    auto &flow = startTotem().flow();

    enterCpf(cpf); // tap 1
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Appointment; }, 3000));
    EXPECT_EQ(flow.appointmentTitle(), u"Você tem consulta às %1 com Dra. Lima"_s.arg(clock(start)));
    EXPECT_EQ(flow.appointmentMessage(), u"Toque em Confirmar chegada e aguarde a chamada pela TV."_s);
    EXPECT_TRUE(flow.canConfirmArrival());

    flow.confirmArrival(); // tap 2
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Ticket; }, 5000));
    ASSERT_TRUE(flow.ticket().has_value());
    EXPECT_EQ(flow.ticket()->code, u"CN001"_s);
    EXPECT_FALSE(flow.ticket()->offline);

    ASSERT_TRUE(spinUntil([&] { return printer->printed.size() == 1; }, 3000));
    const auto &paper = printer->printed.first();
    EXPECT_EQ(paper.code, u"CN001"_s);
    EXPECT_EQ(paper.serviceName, u"Consulta médica"_s);
    for (const QString &text : { paper.clinicName, paper.code, paper.serviceName, paper.footer, paper.statusUrl })
        EXPECT_FALSE(text.contains(u"Lima"_s) || text.contains(clock(start)))
            << "nothing about the appointment on paper: " << text.toStdString();

    const QJsonArray day = serverAppointments();
    ASSERT_EQ(day.size(), 1);
    EXPECT_EQ(day[0][u"ticketCode"_s].toString(), u"CN001"_s);
    EXPECT_EQ(day[0][u"state"_s].toString(), u"waiting"_s);

    enterCpf(cpf);
    spinUntil([] { return false; }, 300);
    EXPECT_EQ(flow.screen(), Screen::Service) << "checked in: the usual choice of a service";
}

TEST_F(TotemAppointment, APatientWithAnAppointmentCanStillTakeATicketForAnotherService)
{
    const QString cpf = validCpf(42);
    bookAppointment(cpf, appointmentStartIn(20));
    auto &flow = startTotem().flow();
    enterCpf(cpf);
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Appointment; }, 3000));
    flow.chooseOtherService();
    ASSERT_EQ(flow.screen(), Screen::Service);
    flow.chooseService(exames);
    flow.choosePriority(u"normal"_s);
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Ticket; }, 5000));
    EXPECT_EQ(flow.ticket()->code, u"EN001"_s);
    EXPECT_TRUE(serverAppointments()[0][u"ticketCode"_s].toString().isEmpty()) << "not a check-in";
}

TEST_F(TotemAppointment, TooEarlyIsToldWhenToComeBack)
{
    const BusinessDay calendar;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 start = (now + 3 * 60 * kMinute) / kMinute * kMinute;
    if (calendar.dayOf(start) != calendar.dayOf(now))
        GTEST_SKIP() << "three hours from now is tomorrow for the clinic";
    const QString cpf = validCpf(43);
    bookAppointment(cpf, start);
    auto &flow = startTotem().flow();
    enterCpf(cpf);
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Appointment; }, 3000));
    EXPECT_FALSE(flow.canConfirmArrival());
    EXPECT_EQ(flow.appointmentMessage(),
        u"Ainda é cedo. Volte a partir das %1 para confirmar a chegada."_s.arg(clock(start - 60 * kMinute)));
    flow.confirmArrival();
    EXPECT_EQ(flow.screen(), Screen::Appointment) << "nothing to confirm yet";
    flow.back();
    EXPECT_EQ(flow.screen(), Screen::Cpf);
}

TEST_F(TotemAppointment, WithoutTheServerTheUsualPathAndNoErrorShown)
{
    const QString cpf = validCpf(44);
    bookAppointment(cpf, appointmentStartIn(20));
    auto &flow = startTotem().flow();
    server.stop();
    enterCpf(cpf);
    ASSERT_EQ(flow.screen(), Screen::Service);
    spinUntil([] { return false; }, 1500); // longer than the lookup may take
    EXPECT_EQ(flow.screen(), Screen::Service);
    EXPECT_TRUE(flow.errorMessage().isEmpty());
    flow.chooseService(consulta);
    flow.choosePriority(u"normal"_s);
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Ticket; }, 5000));
    EXPECT_TRUE(flow.ticket()->offline);
}
