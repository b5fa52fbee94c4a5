// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/totemconfig.h"
#include "core/clock.h"
#include "health/kioskhealth.h"
#include "platform/servicemanager.h"

#include <QObject>

#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace clinico::printing {
class TicketPrinter;
}

namespace clinico::voice {
class Announcer;
class VoiceProcess;
} // namespace clinico::voice

namespace clinico::totem {

class AudioGuide;
class Catalog;
class Outbox;
class ServerLink;
class ServerSync;
class TicketIssuer;
class TotemFlow;

// Everything a running totem is made of, wired together. main() makes one; the end-to-end
// tests make one per test, with the real server and a private cupsd.
class TotemApp
{
public:
    // voice: the audio guide's (not owned); default: VoiceProcess (clinico-voice).
    explicit TotemApp(TotemConfig config, std::unique_ptr<printing::TicketPrinter> printer = {},
        voice::Announcer *voice = nullptr);
    ~TotemApp();

    Status start(); // opens the outbox, starts syncing
    Status loadUi(QQmlApplicationEngine &engine); // the QML, fullscreen unless windowed
    QQuickWindow *window() const { return m_window; }

    TotemFlow &flow() { return *m_flow; }
    AudioGuide &guide() { return *m_guide; }
    Outbox &outbox() { return *m_outbox; }
    ServerSync &sync() { return *m_sync; }
    Catalog &catalog() { return *m_catalog; }
    TicketIssuer &issuer() { return *m_issuer; }
    const TotemConfig &config() const { return m_config; }

private:
    TotemConfig m_config;
    SystemClock m_clock;
    KioskHealth m_health;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<ServerLink> m_link;
    std::unique_ptr<TicketIssuer> m_issuer;
    std::unique_ptr<ServerSync> m_sync;
    std::unique_ptr<printing::TicketPrinter> m_printer;
    std::unique_ptr<TotemFlow> m_flow;
    std::unique_ptr<voice::VoiceProcess> m_voiceProcess;
    voice::Announcer *m_voice;
    std::unique_ptr<AudioGuide> m_guide;
    QQuickWindow *m_window = nullptr;
    ServiceManager m_serviceManager;
};

} // namespace clinico::totem
