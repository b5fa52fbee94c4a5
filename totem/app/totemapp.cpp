// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/totemapp.h"

#include "announce/voiceprocess.h"
#include "catalog/catalog.h"
#include "flow/totemflow.h"
#include "guide/audioguide.h"
#include "issuing/serversync.h"
#include "issuing/ticketissuer.h"
#include "link/serverlink.h"
#include "outbox/outbox.h"
#include "printing/ticketprinter.h"

#include <QGuiApplication>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QScreen>

#include <memory>

Q_LOGGING_CATEGORY(lcApp, "clinico.totem.app")

namespace clinico::totem {

TotemApp::TotemApp(
    TotemConfig config, std::unique_ptr<printing::TicketPrinter> printer, voice::Announcer *voice)
    : m_config(std::move(config))
    , m_health(m_config.dataDir)
    , m_outbox(std::make_unique<Outbox>())
    , m_printer(std::move(printer))
    , m_voice(voice)
{
    if (!m_printer && !m_config.printer.queue.isEmpty())
        m_printer = std::make_unique<printing::CupsTicketPrinter>(m_config.printer);
    if (!m_voice) {
        // Started at the guide's first words, not before: most patients never turn it on.
        m_voiceProcess = std::make_unique<voice::VoiceProcess>(voice::VoiceProcess::Options {
            m_config.voiceProgram.isEmpty() ? voice::VoiceProcess::defaultProgram() : m_config.voiceProgram,
            { QStringLiteral("--engine"), QStringLiteral("speechd") } });
        m_voice = m_voiceProcess.get();
    }
}

TotemApp::~TotemApp()
{
    TotemFlow::setInstance(nullptr);
    AudioGuide::setInstance(nullptr);
}

Status TotemApp::start()
{
    if (auto opened = m_outbox->open(m_config.outboxPath()); !opened)
        return opened;
    m_health.recordStart(m_clock.nowMs());
    m_catalog = std::make_unique<Catalog>(*m_outbox, m_config.clinicName);
    m_catalog->loadCached();

    HttpOptions http;
    http.bearerToken = m_config.token;
    http.caFile = m_config.caFile;
    http.pinnedPublicKey = m_config.pinnedPublicKey;
    m_link = std::make_unique<ServerLink>(ServerLink::Options { m_config.serverUrl, http });

    TicketIssuer::Options issuing;
    issuing.onlineTimeout = std::chrono::milliseconds(m_config.onlineTimeoutMs);
    issuing.deviceTag = m_config.deviceTag;
    m_issuer = std::make_unique<TicketIssuer>(*m_outbox, *m_link, *m_catalog, m_clock, issuing);

    ServerSync::Options syncing;
    syncing.leaseSize = m_config.leaseSize;
    syncing.version = QStringLiteral(CLINICO_VERSION);
    syncing.health = &m_health;
    m_sync = std::make_unique<ServerSync>(*m_outbox, *m_link, *m_catalog, *m_issuer, syncing);

    TotemFlow::Options flowOptions;
    flowOptions.idleTimeoutMs = m_config.idleTimeoutS * 1000;
    flowOptions.ticketScreenMs = m_config.ticketScreenS * 1000;
    flowOptions.maintenancePin = m_config.maintenancePin;
    flowOptions.defaultLanguage = QStringLiteral("pt_BR");
    flowOptions.orientation = m_config.orientation;
    flowOptions.serverUrl = m_config.serverUrl.toString();
    flowOptions.version = QStringLiteral(CLINICO_VERSION);
    m_flow = std::make_unique<TotemFlow>(*m_issuer, *m_catalog, *m_sync, m_printer.get(), flowOptions);
    m_flow->setLanguage(m_config.language);
    TotemFlow::setInstance(m_flow.get());
    AudioGuide::Options guiding;
    guiding.headphones = m_config.headphones;
    guiding.volume = m_config.volume / 100.0;
    m_guide = std::make_unique<AudioGuide>(*m_flow, m_voice, guiding);
    AudioGuide::setInstance(m_guide.get());

    if (m_printer)
        m_printer->checkPrinter();
    else
        m_sync->setPrinterStatus(
            QStringLiteral("no-printer"), QStringLiteral("Nenhuma impressora configurada"));
    m_sync->start();
    return Ok {};
}

Status TotemApp::loadUi(QQmlApplicationEngine &engine)
{
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Clinico/Totem/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return makeError(
            QStringLiteral("ui"), QStringLiteral("Não foi possível carregar a interface do totem."));
    m_window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!m_window)
        return makeError(QStringLiteral("ui"), QStringLiteral("A interface do totem não é uma janela."));
    // For IT and the cold-start benchmark: when the patient could first see something. The
    // kiosk's unit is ready then, and from then on the GUI thread pings systemd's watchdog, so a
    // frozen screen counts as a dead one.
    onFirstFrame(m_window, &m_serviceManager, [this] {
        qCInfo(lcApp) << "first frame shown";
        m_serviceManager.notifyReady(QStringLiteral("showing the totem"));
        m_serviceManager.startWatchdog();
    });
    if (m_config.windowed) {
        const bool landscape = m_config.orientation == u"landscape";
        m_window->resize(landscape ? QSize(1280, 720) : QSize(608, 1080));
        m_window->show();
    } else {
        // The whole screen, whatever size the QML was drawn for: under a Wayland kiosk
        // compositor (cage) the window otherwise kept its 1080 px design width.
        if (const QScreen *screen = m_window->screen())
            m_window->resize(screen->size());
        m_window->showFullScreen();
        m_window->setCursor(Qt::BlankCursor);
    }
    return Ok {};
}

} // namespace clinico::totem
