// SPDX-License-Identifier: GPL-3.0-or-later
// clinico-tv: the waiting-room TV. All logic is in clinico-tv-lib; this only reads the
// configuration, makes the TvApp and shows its QML.
#include "app/logoimageprovider.h"
#include "app/translation.h"
#include "app/tvapp.h"
#include "app/tvdisplay.h"
#include "config/tvconfig.h"
#include "enrolment/enrolmentscreen.h"
#include "enrolment/storedtoken.h"
#include "platform/servicemanager.h"

#include <QCommandLineParser>
#include <QCursor>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickWindow>
#include <QTranslator>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Clinico_TvPlugin)
Q_IMPORT_QML_PLUGIN(Clinico_KioskPlugin)

Q_LOGGING_CATEGORY(lcTvMain, "clinico.tv")

namespace {
// What the event loop returns when the server refused the enrolled token: enrol again.
constexpr int kEnrolAgain = 75;
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer startup;
    startup.start();
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("clinico-tv"));
    QGuiApplication::setApplicationVersion(QStringLiteral(CLINICO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Clinico TV: shows and speaks the call-outs of the waiting room"));
    parser.addHelpOption();
    parser.addVersionOption();
    clinico::tv::TvConfig::addOptions(parser);
    parser.process(app);

    auto configured = clinico::tv::TvConfig::fromCommandLine(parser);
    if (!configured) {
        std::fprintf(stderr, "clinico-tv: %s\n", qPrintable(configured.error().message));
        return 2;
    }

    QTranslator translator;
    if (clinico::tv::loadTranslation(translator, configured->language))
        QCoreApplication::installTranslator(&translator);
    if (!configured->windowed)
        QGuiApplication::setOverrideCursor(QCursor(Qt::BlankCursor));

    // Kiosk images are the same for every clinic: with no token in the configuration the TV
    // enrols itself (clinico-enrol.conf, or a code on screen), keeps the token in its data
    // directory, and enrols again when the console revokes it.
    for (;;) {
        clinico::tv::TvConfig config = *configured;
        if (config.serverUrl.isValid()) {
            auto identity = clinico::EnrolmentScreen::ensureEnrolled({ config.serverUrl, config.token },
                { {}, clinico::protocol::Role::Tv, QStringLiteral(CLINICO_VERSION), config.dataDir, {} },
                config.windowed);
            if (!identity) {
                std::fprintf(stderr, "clinico-tv: %s\n", qPrintable(identity.error().message));
                return 1;
            }
            config.serverUrl = identity->server;
            config.token = identity->token;
        }

        clinico::tv::TvApp tv(config);
        clinico::tv::TvDisplay::setInstance(&tv.display());
        if (clinico::Status s = tv.start(); !s) {
            std::fprintf(stderr, "clinico-tv: %s\n", qPrintable(s.error().message));
            return 1;
        }
        if (configured->token.isEmpty()) {
            QObject::connect(&tv, &clinico::tv::TvApp::tokenRefused, &app, [&config] {
                qCWarning(lcTvMain) << "the server refused this TV's token: enrolling again";
                clinico::StoredToken::remove(config.dataDir);
                QCoreApplication::exit(kEnrolAgain);
            });
        }

        QQmlApplicationEngine engine;
        engine.addImageProvider(
            clinico::tv::LogoImageProvider::providerId(), new clinico::tv::LogoImageProvider(&tv.display()));
        QObject::connect(
            &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
            Qt::QueuedConnection);
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Clinico/Tv/Main.qml")));
        // How long a reboot leaves the screen dark: logged once, for IT and the cold-start benchmark.
        // The kiosk's unit is ready once the screen shows something; from then on the GUI thread
        // pings systemd's watchdog, so a frozen screen counts as a dead one.
        clinico::ServiceManager serviceManager;
        if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0))) {
            clinico::onFirstFrame(window, &serviceManager, [startup, &serviceManager] {
                qCInfo(lcTvMain).noquote() << "first frame after" << startup.elapsed() << "ms";
                serviceManager.notifyReady(QStringLiteral("showing calls"));
                serviceManager.startWatchdog();
            });
        }
        const int code = QGuiApplication::exec();
        clinico::tv::TvDisplay::setInstance(nullptr); // the display goes with this round's TvApp
        if (code != kEnrolAgain)
            return code;
    }
}
