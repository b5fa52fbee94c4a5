// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cpf/cpf.h"
#include "issuing/ticketissuer.h"

#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>

class QQmlEngine;
class QJSEngine;
class QTranslator;

namespace clinico::printing {
class TicketPrinter;
struct PrintOutcome;
} // namespace clinico::printing

namespace clinico::totem {

class Catalog;
class ServerSync;

// The patient's path through the totem, and the staff's maintenance screen. QML shows what
// this says and calls its methods; every decision is here, testable without a window.
//
//   Cpf --confirm--> Service --choose--> Priority --choose--> Issuing --> Ticket --timeout--> Cpf
//                      |
//                      +--(the server says: an appointment today)--> Appointment
//   Appointment --confirm arrival--> Issuing     Appointment --another service--> Service
//
// Three taps besides the CPF digits: Confirmar, the service, the priority answer. With a
// single service on offer, the service screen is skipped. A patient with an appointment today
// needs two: Confirmar, Confirmar chegada (docs/agendamentos.md). The server's answer comes
// while the service screen shows; offline, there is none and nothing is said.
class TotemFlow : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Totem)
    QML_SINGLETON
    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString cpfTyped READ cpfTyped NOTIFY cpfChanged)
    Q_PROPERTY(QString cpfRemaining READ cpfRemaining NOTIFY cpfChanged)
    Q_PROPERTY(bool cpfComplete READ cpfComplete NOTIFY cpfChanged)
    Q_PROPERTY(QString cpfError READ cpfError NOTIFY cpfChanged)
    // Why Confirmar cannot be pressed yet ("Faltam 3 números"); empty once all 11 are in.
    Q_PROPERTY(QString cpfMissing READ cpfMissing NOTIFY cpfChanged)
    Q_PROPERTY(clinico::totem::Catalog *services READ catalog CONSTANT)
    Q_PROPERTY(QString serviceName READ serviceName NOTIFY choiceChanged)
    Q_PROPERTY(QVariantList priorityOptions READ priorityOptions NOTIFY priorityOptionsChanged)
    Q_PROPERTY(QString code READ code NOTIFY ticketChanged)
    Q_PROPERTY(QString priorityLabel READ priorityLabel NOTIFY ticketChanged)
    // The appointment screen: "Você tem consulta às 10:30 com Dra. Lima", what to do, and
    // whether arrival can be confirmed now (in the window) or not (too early, too late).
    Q_PROPERTY(QString appointmentTitle READ appointmentTitle NOTIFY appointmentChanged)
    Q_PROPERTY(QString appointmentService READ appointmentService NOTIFY appointmentChanged)
    Q_PROPERTY(QString appointmentMessage READ appointmentMessage NOTIFY appointmentChanged)
    Q_PROPERTY(bool canConfirmArrival READ canConfirmArrival NOTIFY appointmentChanged)
    Q_PROPERTY(int peopleAhead READ peopleAhead NOTIFY ticketChanged)
    Q_PROPERTY(int estimatedWaitMinutes READ estimatedWaitMinutes NOTIFY ticketChanged)
    Q_PROPERTY(bool reprint READ reprint NOTIFY ticketChanged)
    Q_PROPERTY(PrintState printState READ printState NOTIFY printStateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(int ticketScreenSeconds READ ticketScreenSeconds CONSTANT)
    // Seconds before the ticket screen goes back to the start, counted down on screen.
    Q_PROPERTY(int ticketSecondsLeft READ ticketSecondsLeft NOTIFY ticketCountdownChanged)
    Q_PROPERTY(bool online READ online NOTIFY statusChanged)
    Q_PROPERTY(int outboxDepth READ outboxDepth NOTIFY statusChanged)
    Q_PROPERTY(QString printerState READ printerState NOTIFY statusChanged)
    Q_PROPERTY(QString printerMessage READ printerMessage NOTIFY statusChanged)
    Q_PROPERTY(QStringList recentErrors READ recentErrors NOTIFY statusChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    Q_PROPERTY(QString orientation READ orientation CONSTANT)
    // "Letras grandes e alto contraste": for the current patient only, off again at restart.
    Q_PROPERTY(bool highVisibility READ highVisibility NOTIFY highVisibilityChanged)
    // "Ouvir instruções": the audio guide (AudioGuide) speaks, for the current patient only.
    Q_PROPERTY(bool audioGuide READ audioGuide NOTIFY audioGuideChanged)
    // False until the totem knows at least one service (from the server or its cache): a
    // patient must not type a CPF into a totem that cannot issue anything.
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
public:
    enum class Screen { Cpf, Service, Priority, Issuing, Ticket, Maintenance, Appointment };
    Q_ENUM(Screen)
    enum class PrintState { Idle, Printing, Printed, Failed };
    Q_ENUM(PrintState)
    // A key on the CPF screen, as the audio guide echoes it. Refused: Confirmar with the CPF
    // incomplete or invalid (cpfError says why).
    enum class CpfEdit { Digit, Erase, Clear, Refused };
    Q_ENUM(CpfEdit)

    struct Options
    {
        int idleTimeoutMs = 30000;
        int ticketScreenMs = 10000;
        // A patient who must copy the code by hand (no printer, or it failed) needs longer,
        // and can ask for more, a step at a time, up to a ceiling.
        int writeDownScreenMs = 60000;
        int moreTimeMs = 60000;
        int maxTicketScreenMs = 300000;
        QString maintenancePin;
        QString defaultLanguage = QStringLiteral("pt_BR");
        QString orientation = QStringLiteral("auto");
        QString serverUrl;
        QString version;
    };
    TotemFlow(TicketIssuer &issuer, Catalog &catalog, ServerSync &sync, printing::TicketPrinter *printer,
        Options options, QObject *parent = nullptr);
    ~TotemFlow() override;

    // The instance main() made, handed to QML (QML_SINGLETON's create()).
    static void setInstance(TotemFlow *flow);
    static TotemFlow *create(QQmlEngine *qml, QJSEngine *js);

    Screen screen() const { return m_screen; }
    QString cpfTyped() const;
    QString cpfRemaining() const;
    bool cpfComplete() const { return m_digits.size() == 11; }
    QString cpfError() const { return m_cpfError; }
    QString cpfMissing() const;
    Catalog *catalog() const { return &m_catalog; }
    QString serviceName() const;
    QVariantList priorityOptions() const;
    QString code() const { return m_ticket ? m_ticket->code : QString(); }
    QString priorityLabel() const;
    QString appointmentTitle() const;
    QString appointmentService() const { return m_appointment ? m_appointment->serviceName : QString(); }
    QString appointmentMessage() const;
    bool canConfirmArrival() const;
    int peopleAhead() const { return m_ticket ? m_ticket->peopleAhead : -1; }
    int estimatedWaitMinutes() const { return m_ticket ? m_ticket->estimatedWaitMinutes : -1; }
    bool reprint() const { return m_ticket && m_ticket->reprint; }
    PrintState printState() const { return m_printState; }
    QString errorMessage() const { return m_error; }
    int ticketScreenSeconds() const { return m_options.ticketScreenMs / 1000; }
    int ticketSecondsLeft() const { return m_ticketSecondsLeft; }
    bool online() const;
    int outboxDepth() const;
    QString printerState() const;
    QString printerMessage() const;
    QStringList recentErrors() const;
    QString serverUrl() const { return m_options.serverUrl; }
    QString version() const { return m_options.version; }
    QString language() const { return m_language; }
    QString orientation() const { return m_options.orientation; }
    bool highVisibility() const { return m_highVisibility; }
    bool audioGuide() const { return m_audioGuide; }
    // The digits typed so far (the audio guide reads them back in headphones only).
    QString cpfDigits() const { return m_digits; }
    bool ready() const;
    // The ticket on screen, for tests and the print path.
    std::optional<IssuedTicket> ticket() const { return m_ticket; }

    Q_INVOKABLE void typeDigit(int digit);
    Q_INVOKABLE void erase();
    Q_INVOKABLE void clearCpf();
    Q_INVOKABLE void confirmCpf();
    Q_INVOKABLE void chooseService(qint64 serviceId);
    Q_INVOKABLE void choosePriority(const QString &priorityClass);
    // On the appointment screen: the ticket for the appointment's service (the check-in), in the
    // class the registry suggests; or the usual choice of a service instead.
    Q_INVOKABLE void confirmArrival();
    Q_INVOKABLE void chooseOtherService();
    Q_INVOKABLE void back();
    Q_INVOKABLE void restart();
    // "Preciso de mais tempo" on the ticket screen.
    Q_INVOKABLE void moreTime();
    Q_INVOKABLE bool unlockMaintenance(const QString &pin);
    Q_INVOKABLE void closeMaintenance();
    Q_INVOKABLE void printTestTicket();
    Q_INVOKABLE void setLanguage(const QString &language);
    Q_INVOKABLE void toggleHighVisibility();
    Q_INVOKABLE void toggleAudioGuide();
    // A physical keypad on the CPF screen: digits, Backspace (Apagar), Delete or Escape
    // (Limpar), Enter (Confirmar); on any patient screen, * turns the audio guide on or off
    // (without having to find its button). Returns whether the key meant something.
    Q_INVOKABLE bool cpfKey(int key);

Q_SIGNALS:
    void screenChanged();
    void cpfChanged();
    void choiceChanged();
    void priorityOptionsChanged();
    void appointmentChanged();
    void ticketChanged();
    void printStateChanged();
    void errorChanged();
    void statusChanged();
    void languageChanged();
    void readyChanged();
    void ticketCountdownChanged();
    void highVisibilityChanged();
    void audioGuideChanged();
    void cpfEdited(clinico::totem::TotemFlow::CpfEdit edit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setScreen(Screen screen);
    void setCpfError(const QString &error);
    void setError(const QString &error);
    void showTicket(const IssuedTicket &ticket);
    void issue(qint64 serviceId, PriorityClass priority);
    void onLookup(const protocol::PatientLookup &lookup);
    QString clinicTime(qint64 ms) const;
    void print(const IssuedTicket &ticket);
    void onPrintFinished(quint64 requestId, const printing::PrintOutcome &outcome);
    void clearPatient();
    void startTicketCountdown(int ms);
    void stopTicketCountdown();
    void tickTicketCountdown();

    TicketIssuer &m_issuer;
    Catalog &m_catalog;
    ServerSync &m_sync;
    printing::TicketPrinter *m_printer;
    Options m_options;
    QQmlEngine *m_engine = nullptr;
    QTranslator *m_translator = nullptr;
    QString m_language;
    bool m_highVisibility = false;
    bool m_audioGuide = false;

    Screen m_screen = Screen::Cpf;
    QString m_digits;
    QString m_cpfError;
    std::optional<Cpf> m_cpf;
    qint64 m_serviceId = 0;
    std::optional<PriorityClass> m_suggested;
    std::optional<protocol::AppointmentArrival> m_appointment;
    bool m_choseWalkIn = false; // "Outro serviço", or a service tapped before the server answered
    quint64 m_lookupGeneration = 0;
    std::optional<IssuedTicket> m_ticket;
    QString m_error;
    PrintState m_printState = PrintState::Idle;
    quint64 m_printRequest = 0;
    QTimer m_idle;
    QTimer m_ticketTick; // once a second while the ticket screen counts down
    int m_ticketSecondsLeft = 0;
};

} // namespace clinico::totem
