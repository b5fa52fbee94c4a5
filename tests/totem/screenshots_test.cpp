// SPDX-License-Identifier: GPL-3.0-or-later
// Every screen of the totem, portrait and landscape (and a small 1280x720 landscape), written
// as PNGs to build/screenshots/totem/ for people to look at; on each, every control a patient
// can press or reach must lie wholly inside the window.
#include "totemfixture.h"

#include "catalog/catalog.h"
#include "screencheck.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QKeyEvent>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

using namespace clinico;
using namespace clinico::test;
using namespace clinico::totem;
using namespace Qt::StringLiterals;
using Screen = TotemFlow::Screen;

namespace {
struct Orientation
{
    const char *name;
    QSize size;
};

class TotemScreenshots : public TotemFixture, public ::testing::WithParamInterface<Orientation>
{
protected:
    QImage shoot(QQuickWindow *window, const QString &name)
    {
        spinUntil([] { return false; }, 150); // let bindings and layouts settle
        QImage image = window->grabWindow();
        QDir().mkpath(QStringLiteral(CLINICO_SCREENSHOT_DIR));
        const QString path = QStringLiteral(CLINICO_SCREENSHOT_DIR "/%1-%2.png")
                                 .arg(QString::fromLatin1(GetParam().name), name);
        EXPECT_TRUE(image.save(path)) << path.toStdString();
        const QStringList outside = controlsOutside(window);
        EXPECT_TRUE(outside.isEmpty())
            << name.toStdString() << " at " << window->width() << "x" << window->height()
            << ": controls outside the window or cut short:\n  " << outside.join(u"\n  "_s).toStdString();
        return image;
    }
};

// The screen is not blank: a good share of pixels differ from the background.
bool hasContent(const QImage &image)
{
    if (image.isNull())
        return false;
    const QRgb background = image.pixel(image.width() - 2, image.height() / 2);
    int differing = 0;
    for (int y = 0; y < image.height(); y += 8)
        for (int x = 0; x < image.width(); x += 8)
            differing += image.pixel(x, y) != background;
    return differing > (image.width() / 8) * (image.height() / 8) / 50;
}
} // namespace

TEST_P(TotemScreenshots, EveryScreen)
{
    server.runCli(
        { u"patient"_s, u"set"_s, u"--cpf"_s, u"123.456.789-09"_s, u"--birth-date"_s, u"1940-05-02"_s });
    startTotem();
    QQmlApplicationEngine engine;
    ASSERT_TRUE(app->loadUi(engine).ok());
    QQuickWindow *window = app->window();
    window->resize(GetParam().size);
    auto &flow = app->flow();

    EXPECT_TRUE(hasContent(shoot(window, u"1-cpf-empty"_s)));
    for (int d : { 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 0 })
        flow.typeDigit(d);
    EXPECT_FALSE(flow.cpfError().isEmpty());
    shoot(window, u"2-cpf-invalid"_s);
    flow.erase();
    flow.erase();
    flow.typeDigit(0);
    flow.typeDigit(9);
    shoot(window, u"3-cpf-valid"_s);
    flow.confirmCpf();
    ASSERT_EQ(flow.screen(), Screen::Service);
    shoot(window, u"4-service"_s);
    QKeyEvent down(QEvent::KeyPress, Qt::Key_Down, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &down); // a physical keypad: the focus ring appears
    shoot(window, u"4b-service-keyboard-focus"_s);
    flow.chooseService(consulta);
    spinUntil([&] { return flow.priorityOptions().first().toMap().value(u"suggested"_s).toBool(); }, 2000);
    shoot(window, u"5-priority"_s);
    flow.choosePriority(u"priority80"_s);
    ASSERT_TRUE(spinUntil([&] { return flow.printState() == TotemFlow::PrintState::Printed; }, 5000));
    EXPECT_TRUE(hasContent(shoot(window, u"6-ticket"_s)));

    printer->outcome = { false, u"media-empty"_s, u"Impressora sem papel"_s, 2 };
    flow.restart();
    for (QChar c : u"52998224725"_s)
        flow.typeDigit(c.digitValue());
    flow.confirmCpf();
    flow.chooseService(exames);
    flow.choosePriority(u"normal"_s);
    ASSERT_TRUE(spinUntil([&] { return flow.printState() == TotemFlow::PrintState::Failed; }, 5000));
    shoot(window, u"7-ticket-print-failed"_s);

    // A patient with an appointment today: "Você tem consulta às 10:30 com Dra. Lima".
    bookAppointment(validCpf(45), appointmentStartIn(20));
    flow.restart();
    for (QChar c : validCpf(45))
        flow.typeDigit(c.digitValue());
    flow.confirmCpf();
    ASSERT_TRUE(spinUntil([&] { return flow.screen() == Screen::Appointment; }, 3000));
    EXPECT_TRUE(hasContent(shoot(window, u"15-appointment"_s)));
    flow.back();

    // "Letras grandes e alto contraste", one tap on the first screen, for this patient only.
    flow.restart();
    flow.toggleHighVisibility();
    ASSERT_TRUE(flow.highVisibility());
    shoot(window, u"11-large-text-cpf"_s);
    for (QChar c : u"11144477735"_s)
        flow.typeDigit(c.digitValue());
    flow.confirmCpf();
    ASSERT_EQ(flow.screen(), Screen::Service);
    shoot(window, u"12-large-text-service"_s);
    flow.chooseService(consulta);
    shoot(window, u"13-large-text-priority"_s);
    flow.choosePriority(u"normal"_s);
    ASSERT_TRUE(spinUntil([&] { return flow.printState() == TotemFlow::PrintState::Failed; }, 5000));
    shoot(window, u"14-large-text-ticket"_s);
    flow.restart();
    EXPECT_FALSE(flow.highVisibility()) << "the next patient starts from the usual screen";

    flow.restart();
    flow.setLanguage(u"es"_s);
    shoot(window, u"8-cpf-spanish"_s);
    flow.restart();
    ASSERT_TRUE(flow.unlockMaintenance(u"2468"_s));
    shoot(window, u"9-maintenance"_s);
    flow.closeMaintenance();
    app->catalog().setServices({}); // a first start with no server and no cache
    shoot(window, u"10-out-of-service"_s);
}

INSTANTIATE_TEST_SUITE_P(Totem, TotemScreenshots,
    ::testing::Values(Orientation { "portrait", QSize(1080, 1920) },
        Orientation { "landscape", QSize(1920, 1080) }, Orientation { "landscape720", QSize(1280, 720) }),
    [](const auto &p) { return std::string(p.param.name); });
