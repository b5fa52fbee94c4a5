// SPDX-License-Identifier: GPL-3.0-or-later
// clinico-totem: the touchscreen that gives a patient a printed ticket.
#include "app/totemapp.h"
#include "enrolment/enrolmentscreen.h"
#include "enrolment/storedtoken.h"
#include "issuing/serversync.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Clinico_TotemPlugin)
Q_IMPORT_QML_PLUGIN(Clinico_KioskPlugin)

namespace {
// What app.exec() returns when the server refused the enrolled token: enrol again.
constexpr int kEnrolAgain = 75;
} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("clinico-totem"));
    app.setApplicationVersion(QStringLiteral(CLINICO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Clinico totem: CPF, service, priority, printed ticket."));
    parser.addHelpOption();
    parser.addVersionOption();
    clinico::totem::TotemConfig::addOptions(parser);
    parser.process(app);

    auto configured = clinico::totem::TotemConfig::load(parser);
    if (!configured) {
        std::fprintf(stderr, "%s\n", qPrintable(configured.error().message));
        return 2;
    }
    // Kiosk images are the same for every clinic: with no token in the configuration the
    // totem enrols itself (clinico-enrol.conf, or a code on screen), keeps the token in its
    // data directory, and enrols again when the console revokes it.
    for (;;) {
        clinico::totem::TotemConfig config = *configured;
        // The enrolment screen speaks the configured language; the totem's flow then installs
        // its own translation (and the patient's choice).
        QTranslator translator;
        if (translator.load(QStringLiteral(":/i18n/totem_%1.qm").arg(config.language)))
            QCoreApplication::installTranslator(&translator);
        auto identity = clinico::EnrolmentScreen::ensureEnrolled({ config.serverUrl, config.token },
            { {}, clinico::protocol::Role::Totem, QStringLiteral(CLINICO_VERSION), config.dataDir,
                { .caFile = config.caFile, .pinnedPublicKey = config.pinnedPublicKey } },
            config.windowed);
        QCoreApplication::removeTranslator(&translator);
        if (!identity) {
            std::fprintf(stderr, "%s\n", qPrintable(identity.error().message));
            return 1;
        }
        config.serverUrl = identity->server;
        config.token = identity->token;
        clinico::totem::TotemApp totem(config);
        if (auto started = totem.start(); !started) {
            std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
            return 1;
        }
        if (configured->token.isEmpty()) {
            QObject::connect(&totem.sync(), &clinico::totem::ServerSync::tokenRefused, &app, [&config] {
                std::fprintf(stderr, "the server refused this totem's token: enrolling again\n");
                clinico::StoredToken::remove(config.dataDir);
                QCoreApplication::exit(kEnrolAgain);
            });
        }
        QQmlApplicationEngine engine;
        if (auto ui = totem.loadUi(engine); !ui) {
            std::fprintf(stderr, "%s\n", qPrintable(ui.error().message));
            return 1;
        }
        if (const int code = app.exec(); code != kEnrolAgain)
            return code;
    }
}
