// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrolment/enrolmentscreen.h"

#include "enrolment/enrolfile.h"
#include "enrolment/storedtoken.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QQuickWindow>
#include <QScreen>

Q_LOGGING_CATEGORY(lcEnrolScreen, "clinico.kiosk.enrolment.screen")

namespace clinico {

EnrolmentScreen::EnrolmentScreen(EnrolmentClient &client)
    : m_client(client)
{ }

Status EnrolmentScreen::show(bool windowed)
{
    m_engine.setInitialProperties(
        { { QStringLiteral("enrolment"), QVariant::fromValue<QObject *>(&m_client) } });
    m_engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Clinico/Kiosk/EnrolmentScreen.qml")));
    m_window = m_engine.rootObjects().isEmpty()
        ? nullptr
        : qobject_cast<QQuickWindow *>(m_engine.rootObjects().constFirst());
    if (!m_window)
        return makeError(
            QStringLiteral("ui"), QStringLiteral("Não foi possível mostrar a tela de registro."));
    // Logged like the apps' own first frame: IT (and the QEMU boot test) see it on the serial
    // console of a kiosk that waits to be enrolled.
    onFirstFrame(m_window, &m_serviceManager, [this] {
        qCInfo(lcEnrolScreen) << "first frame shown (enrolment screen)";
        m_serviceManager.notifyReady(QStringLiteral("waiting for enrolment"));
        m_serviceManager.startWatchdog();
    });
    if (windowed) {
        m_window->resize(1280, 720);
        m_window->show();
    } else {
        if (const QScreen *screen = m_window->screen())
            m_window->resize(screen->size()); // see TotemApp::loadUi: a Wayland kiosk compositor
        m_window->showFullScreen();
        m_window->setCursor(Qt::BlankCursor);
    }
    return Ok {};
}

Result<EnrolmentScreen::Identity> EnrolmentScreen::ensureEnrolled(
    Identity configured, EnrolmentClient::Options options, bool windowed)
{
    if (!configured.token.isEmpty())
        return configured;
    if (const StoredToken::Stored stored = StoredToken::read(options.dataDir); !stored.token.isEmpty())
        return Identity { stored.server.isValid() ? stored.server : configured.server, stored.token };
    options.server = configured.server;
    if (const auto file = EnrolFile::find(options.dataDir)) {
        qCInfo(lcEnrolScreen) << "enrolling with the code in" << file->path;
        if (file->server.isValid())
            options.server = file->server;
        options.preapprovedCode = file->code;
    }
    EnrolmentClient client(options);
    EnrolmentScreen screen(client);
    if (Status shown = screen.show(windowed); !shown)
        return shown.error();
    QEventLoop loop;
    QObject::connect(&client, &EnrolmentClient::enrolled, &loop, &QEventLoop::quit);
    client.start();
    loop.exec();
    return Identity { options.server, client.token() };
}

} // namespace clinico
