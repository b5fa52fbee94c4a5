// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test for the totem's screens: the real QML and the real TotemFlow behind it, with
// the server out of reach (the totem then issues tickets offline, as it would in a clinic).
#include "app/totemapp.h"
#include "catalog/catalog.h"

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(Clinico_TotemPlugin)

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml")); // where the app's QML module lives
        clinico::totem::TotemConfig config;
        config.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // nothing listens: offline
        config.dataDir = m_dir.path();
        config.onlineTimeoutMs = 300;
        m_app = std::make_unique<clinico::totem::TotemApp>(config);
        if (!m_app->start())
            qFatal("the totem did not start");
        m_app->catalog().setServices({ { 1, QStringLiteral("C"), QStringLiteral("Consulta médica"), true },
            { 2, QStringLiteral("E"), QStringLiteral("Exames"), true } });
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<clinico::totem::TotemApp> m_app;
};

QUICK_TEST_MAIN_WITH_SETUP(totem_qml, Setup)

#include "qmltestmain.moc"
