// SPDX-License-Identifier: GPL-3.0-or-later
// clinico-totem-driver: the real totem (TotemApp with its QML, offscreen) driven one patient at a
// time by another program, for end-to-end tests written outside C++ (the whole visit in
// tests/desk/browser/visit_e2e.test.js). One JSON object a line on stdin, one answer a line on
// stdout:
//   {"do": "checkIn", "cpf": "...", "screenshot": "name"}  types the CPF and taps Confirmar,
//       waits for the server's answer about the patient; says which screen the patient sees and
//       what it says; with "screenshot", saves <screenshot-dir>/<name>.png and lists the controls
//       that are outside the window or cut short.
//   {"do": "confirmArrival"}  taps Confirmar chegada; answers with the ticket on screen and what
//       went to the printer.
// Printing is recorded, not sent to CUPS (the real cupsd is in totem_print_test).
#include "app/totemapp.h"
#include "catalog/catalog.h"
#include "flow/totemflow.h"
#include "recordingprinter.h"
#include "screencheck.h"
#include "support/testclients.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSocketNotifier>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <iostream>
#include <string>

Q_IMPORT_QML_PLUGIN(Clinico_TotemPlugin)

using namespace clinico;
using namespace clinico::totem;
using Screen = TotemFlow::Screen;

namespace {

QString screenName(Screen screen)
{
    switch (screen) {
    case Screen::Cpf: return QStringLiteral("cpf");
    case Screen::Service: return QStringLiteral("service");
    case Screen::Priority: return QStringLiteral("priority");
    case Screen::Issuing: return QStringLiteral("issuing");
    case Screen::Ticket: return QStringLiteral("ticket");
    case Screen::Maintenance: return QStringLiteral("maintenance");
    case Screen::Appointment: return QStringLiteral("appointment");
    }
    return {};
}

class Driver
{
public:
    Driver(TotemApp &app, test::RecordingPrinter &printer, QString screenshotDir)
        : m_app(app), m_printer(printer), m_screenshotDir(std::move(screenshotDir))
    {
    }

    QJsonObject run(const QJsonObject &command)
    {
        const QString what = command.value(QStringLiteral("do")).toString();
        if (what == QLatin1String("checkIn"))
            return checkIn(command.value(QStringLiteral("cpf")).toString(),
                command.value(QStringLiteral("screenshot")).toString());
        if (what == QLatin1String("confirmArrival"))
            return confirmArrival();
        return { { QStringLiteral("error"), QStringLiteral("unknown command '%1'").arg(what) } };
    }

private:
    QJsonObject checkIn(const QString &cpf, const QString &screenshot)
    {
        auto &flow = m_app.flow();
        flow.restart();
        for (QChar c : cpf) {
            if (c.isDigit())
                flow.typeDigit(c.digitValue());
        }
        // The lookup's answer is what may turn the screen into the appointment's.
        bool answered = false;
        const auto connection
            = QObject::connect(&flow, &TotemFlow::priorityOptionsChanged, [&answered] { answered = true; });
        flow.confirmCpf();
        const bool inTime = test::spinUntil([&] { return answered; }, 5000);
        QObject::disconnect(connection);
        test::spinUntil([] { return false; }, 200); // let bindings and layouts settle
        QJsonObject answer = screenState();
        answer.insert(QStringLiteral("lookupAnswered"), inTime);
        if (!screenshot.isEmpty()) {
            const QString path = QDir(m_screenshotDir).filePath(screenshot + QStringLiteral(".png"));
            QDir().mkpath(m_screenshotDir);
            answer.insert(QStringLiteral("screenshot"), m_app.window()->grabWindow().save(path) ? path : QString());
            answer.insert(QStringLiteral("outside"), QJsonArray::fromStringList(test::controlsOutside(m_app.window())));
        }
        return answer;
    }

    QJsonObject confirmArrival()
    {
        auto &flow = m_app.flow();
        const qsizetype printedBefore = m_printer.printed.size();
        flow.confirmArrival();
        if (flow.screen() != Screen::Appointment) // refused (too early or late): nothing to wait for
            test::spinUntil(
                [&] { return flow.screen() == Screen::Ticket && m_printer.printed.size() > printedBefore; }, 5000);
        QJsonObject answer = screenState();
        if (const auto ticket = flow.ticket()) {
            answer.insert(QStringLiteral("code"), ticket->code);
            answer.insert(QStringLiteral("serviceName"), ticket->serviceName);
            answer.insert(QStringLiteral("statusUrl"), ticket->statusUrl);
            answer.insert(QStringLiteral("peopleAhead"), ticket->peopleAhead);
            answer.insert(QStringLiteral("offline"), ticket->offline);
        }
        if (m_printer.printed.size() > printedBefore) {
            const auto &paper = m_printer.printed.last();
            answer.insert(QStringLiteral("printed"),
                QJsonArray { paper.clinicName, paper.code, paper.serviceName, paper.priorityLabel, paper.footer,
                    paper.statusUrl, paper.issuedAt.toString(QStringLiteral("dd/MM/yyyy HH:mm")) });
        }
        return answer;
    }

    QJsonObject screenState() const
    {
        const auto &flow = m_app.flow();
        return { { QStringLiteral("screen"), screenName(flow.screen()) },
            { QStringLiteral("title"), flow.appointmentTitle() },
            { QStringLiteral("message"), flow.appointmentMessage() },
            { QStringLiteral("canConfirmArrival"), flow.canConfirmArrival() },
            { QStringLiteral("error"), flow.errorMessage() } };
    }

    TotemApp &m_app;
    test::RecordingPrinter &m_printer;
    QString m_screenshotDir;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication qapp(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("The server's URL."), QStringLiteral("url"));
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("The totem's device token."), QStringLiteral("token"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("The totem's data directory."), QStringLiteral("dir"));
    const QCommandLineOption shots(QStringLiteral("screenshot-dir"), QStringLiteral("Where screenshots go."), QStringLiteral("dir"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("The window, WxH."), QStringLiteral("size"),
        QStringLiteral("1080x1920"));
    parser.addOptions({ server, token, dataDir, shots, size });
    parser.process(qapp);

    TotemConfig config;
    config.serverUrl = QUrl(parser.value(server));
    config.token = parser.value(token);
    config.dataDir = parser.value(dataDir);
    config.windowed = true;
    auto recording = std::make_unique<test::RecordingPrinter>();
    test::RecordingPrinter &printer = *recording;
    TotemApp app(config, std::move(recording));
    if (auto started = app.start(); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 1;
    }
    QQmlApplicationEngine engine;
    if (auto ui = app.loadUi(engine); !ui) {
        std::fprintf(stderr, "%s\n", qPrintable(ui.error().message));
        return 1;
    }
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    app.window()->resize(wh.value(0).toInt(), wh.value(1).toInt());
    // Ready when the catalogue came from the server: the first line says so.
    const bool ready = test::spinUntil([&] { return app.catalog().count() > 0; }, 10000);
    std::cout << QJsonDocument(QJsonObject { { QStringLiteral("ready"), ready } }).toJson(QJsonDocument::Compact).toStdString()
              << std::endl;

    Driver driver(app, printer, parser.value(shots));
    QSocketNotifier input(fileno(stdin), QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &qapp, [&] {
        std::string line;
        if (!std::getline(std::cin, line))
            return QCoreApplication::quit();
        const QJsonObject command = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
        std::cout << QJsonDocument(driver.run(command)).toJson(QJsonDocument::Compact).toStdString() << std::endl;
    });
    return qapp.exec();
}
