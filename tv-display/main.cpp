// SPDX-License-Identifier: GPL-3.0-or-later
// clinico-tv: the waiting-room TV. All logic is in clinico-tv-lib; this only reads the
// configuration, makes the TvApp and shows its QML.
#include "app/logoimageprovider.h"
#include "app/translation.h"
#include "app/tvapp.h"
#include "app/tvdisplay.h"
#include "config/tvconfig.h"
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

Q_LOGGING_CATEGORY(lcTvMain, "clinico.tv")

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

    auto config = clinico::tv::TvConfig::fromCommandLine(parser);
    if (!config) {
        std::fprintf(stderr, "clinico-tv: %s\n", qPrintable(config.error().message));
        return 2;
    }

    QTranslator translator;
    if (clinico::tv::loadTranslation(translator, config->language))
        QCoreApplication::installTranslator(&translator);

    clinico::tv::TvApp tv(*config);
    clinico::tv::TvDisplay::setInstance(&tv.display());
    if (clinico::Status s = tv.start(); !s) {
        std::fprintf(stderr, "clinico-tv: %s\n", qPrintable(s.error().message));
        return 1;
    }
    if (!config->windowed)
        QGuiApplication::setOverrideCursor(QCursor(Qt::BlankCursor));

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
    return QGuiApplication::exec();
}
