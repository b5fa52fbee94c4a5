// SPDX-License-Identifier: GPL-3.0-or-later
// clinico-totem: the touchscreen that gives a patient a printed ticket.
#include "app/totemapp.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Clinico_TotemPlugin)

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

    auto config = clinico::totem::TotemConfig::load(parser);
    if (!config) {
        std::fprintf(stderr, "%s\n", qPrintable(config.error().message));
        return 2;
    }
    clinico::totem::TotemApp totem(*config);
    if (auto started = totem.start(); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 1;
    }
    QQmlApplicationEngine engine;
    if (auto ui = totem.loadUi(engine); !ui) {
        std::fprintf(stderr, "%s\n", qPrintable(ui.error().message));
        return 1;
    }
    return app.exec();
}
