// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "enrolment/enrolmentclient.h"
#include "platform/servicemanager.h"

#include <QQmlApplicationEngine>

class QQuickWindow;

namespace clinico {

// The enrolment screen of a kiosk app: EnrolmentScreen.qml (qml/common/, QML module
// Clinico.Kiosk, which both apps import) shown with the client as its `enrolment` property.
// The kiosk's unit is ready once it shows, and the watchdog is fed meanwhile: a kiosk may
// wait on this screen for days.
class EnrolmentScreen
{
public:
    explicit EnrolmentScreen(EnrolmentClient &client);
    Status show(bool windowed);
    QQuickWindow *window() const { return m_window; }

    // Who a kiosk app is to its server: the configured token (and server); else what an
    // earlier enrolment stored in the data directory; else it enrols now, by the code of a
    // clinico-enrol.conf or by showing a code, and returns once the server handed over the
    // token (stored by then). `options` gives the role, version, data directory and TLS.
    struct Identity
    {
        QUrl server;
        QString token;
    };
    static Result<Identity> ensureEnrolled(
        Identity configured, EnrolmentClient::Options options, bool windowed);

private:
    EnrolmentClient &m_client;
    QQmlApplicationEngine m_engine;
    QQuickWindow *m_window = nullptr;
    ServiceManager m_serviceManager;
};

} // namespace clinico
