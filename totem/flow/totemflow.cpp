// SPDX-License-Identifier: GPL-3.0-or-later
#include "flow/totemflow.h"

#include "catalog/catalog.h"
#include "issuing/serversync.h"
#include "printing/ticketprinter.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLoggingCategory>
#include <QQmlEngine>
#include <QTranslator>

#include <algorithm>

Q_LOGGING_CATEGORY(lcFlow, "clinico.totem.flow")

namespace clinico::totem {

namespace {
TotemFlow *s_instance = nullptr;
// Blanks, not zeros: the digits still to type must not look like typed ones.
const QString kCpfTemplate = QStringLiteral("___.___.___-__");
} // namespace

TotemFlow::TotemFlow(TicketIssuer &issuer, Catalog &catalog, ServerSync &sync,
    printing::TicketPrinter *printer, Options options, QObject *parent)
    : QObject(parent)
    , m_issuer(issuer)
    , m_catalog(catalog)
    , m_sync(sync)
    , m_printer(printer)
    , m_options(std::move(options))
    , m_language(m_options.defaultLanguage)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_options.idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_screen == Screen::Ticket)
            return; // it has its own countdown, on screen, that the patient can extend
        if (m_screen != Screen::Cpf || !m_digits.isEmpty() || m_language != m_options.defaultLanguage
            || m_highVisibility || m_audioGuide)
            restart();
    });
    m_ticketTick.setInterval(1000);
    connect(&m_ticketTick, &QTimer::timeout, this, &TotemFlow::tickTicketCountdown);
    if (m_printer) {
        connect(m_printer, &printing::TicketPrinter::finished, this, &TotemFlow::onPrintFinished);
        connect(
            m_printer, &printing::TicketPrinter::printerStateChanged, &m_sync, &ServerSync::setPrinterStatus);
    }
    connect(&m_catalog, &Catalog::countChanged, this, &TotemFlow::readyChanged);
    connect(&m_sync, &ServerSync::printerStatusChanged, this, &TotemFlow::statusChanged);
    connect(&m_sync, &ServerSync::onlineChanged, this, &TotemFlow::statusChanged);
    connect(&m_sync, &ServerSync::outboxDepthChanged, this, &TotemFlow::statusChanged);
    connect(&m_sync, &ServerSync::errorsChanged, this, &TotemFlow::statusChanged);
    QCoreApplication::instance()->installEventFilter(this);
    m_idle.start();
}

TotemFlow::~TotemFlow()
{
    if (s_instance == this)
        s_instance = nullptr;
}

void TotemFlow::setInstance(TotemFlow *flow)
{
    s_instance = flow;
}

TotemFlow *TotemFlow::create(QQmlEngine *qml, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    s_instance->m_engine = qml;
    return s_instance;
}

// Any touch, click or key anywhere keeps the current patient's session alive.
bool TotemFlow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::KeyPress:
        m_idle.start();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

QString TotemFlow::cpfTyped() const
{
    return Cpf::formatPartial(m_digits);
}

QString TotemFlow::cpfRemaining() const
{
    return kCpfTemplate.mid(cpfTyped().size());
}

QString TotemFlow::cpfMissing() const
{
    const auto missing = 11 - m_digits.size();
    if (missing <= 0)
        return {};
    return missing == 1 ? tr("Falta 1 número") : tr("Faltam %1 números").arg(missing);
}

QString TotemFlow::serviceName() const
{
    const auto s = m_catalog.service(m_serviceId);
    return s ? s->name : QString();
}

QVariantList TotemFlow::priorityOptions() const
{
    struct Option
    {
        const char *key;
        QString label;
        QString badge;
        PriorityClass cls;
    };
    QList<Option> options {
        { "age80", tr("80 anos ou mais"), QStringLiteral("80+"), PriorityClass::Priority80 },
        { "age60", tr("60 anos ou mais"), QStringLiteral("60+"), PriorityClass::Priority },
        { "pregnant", tr("Gestante"), QString(), PriorityClass::Priority },
        { "lactating", tr("Lactante"), QString(), PriorityClass::Priority },
        { "infant", tr("Criança de colo"), QString(), PriorityClass::Priority },
        { "disability", tr("Pessoa com deficiência"), QString(), PriorityClass::Priority },
        { "autism", tr("Autismo (TEA)"), QString(), PriorityClass::Priority },
        { "mobility", tr("Obesidade ou mobilidade reduzida"), QString(), PriorityClass::Priority },
    };
    // The registry knows the patient's age: that answer comes first.
    if (m_suggested == PriorityClass::Priority) // 60 to 79: the 60+ answer before 80+
        std::swap(options[0], options[1]);
    QVariantList out;
    for (const Option &o : options) {
        const bool suggested
            = (m_suggested == PriorityClass::Priority80 && o.cls == PriorityClass::Priority80)
            || (m_suggested == PriorityClass::Priority && qstrcmp(o.key, "age60") == 0);
        out << QVariantMap { { QStringLiteral("key"), QString::fromLatin1(o.key) },
            { QStringLiteral("label"), o.label }, { QStringLiteral("badge"), o.badge },
            { QStringLiteral("priorityClass"), toWire(o.cls) }, { QStringLiteral("suggested"), suggested } };
    }
    return out;
}

QString TotemFlow::priorityLabel() const
{
    if (!m_ticket)
        return {};
    switch (m_ticket->priority) {
    case PriorityClass::Priority80:
        return tr("Preferencial 80+");
    case PriorityClass::Priority:
        return tr("Preferencial");
    case PriorityClass::Normal:
        break;
    }
    return {};
}

bool TotemFlow::ready() const
{
    return m_catalog.count() > 0;
}

bool TotemFlow::online() const
{
    return m_sync.isOnline();
}

int TotemFlow::outboxDepth() const
{
    return m_sync.outboxDepth();
}

QString TotemFlow::printerState() const
{
    return m_sync.printerState();
}

QString TotemFlow::printerMessage() const
{
    return m_sync.printerMessage();
}

QStringList TotemFlow::recentErrors() const
{
    return m_sync.recentErrors();
}

void TotemFlow::setScreen(Screen screen)
{
    if (screen == m_screen)
        return;
    m_screen = screen;
    Q_EMIT screenChanged();
}

void TotemFlow::setCpfError(const QString &error)
{
    m_cpfError = error;
    Q_EMIT cpfChanged();
}

void TotemFlow::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

void TotemFlow::typeDigit(int digit)
{
    if (!ready() || m_screen != Screen::Cpf || digit < 0 || digit > 9 || m_digits.size() >= 11)
        return;
    m_digits += QChar(u'0' + digit);
    // Kind, immediate feedback: as soon as the 11th digit is in, say whether it adds up.
    m_cpfError = m_digits.size() == 11 && !Cpf::isValid(m_digits) ? tr("CPF inválido — confira os números")
                                                                  : QString();
    Q_EMIT cpfChanged();
    Q_EMIT cpfEdited(CpfEdit::Digit);
}

void TotemFlow::erase()
{
    if (m_screen != Screen::Cpf || m_digits.isEmpty())
        return;
    m_digits.chop(1);
    setCpfError({});
    Q_EMIT cpfEdited(CpfEdit::Erase);
}

void TotemFlow::clearCpf()
{
    if (m_screen != Screen::Cpf || m_digits.isEmpty())
        return;
    m_digits.clear();
    setCpfError({});
    Q_EMIT cpfEdited(CpfEdit::Clear);
}

bool TotemFlow::cpfKey(int key)
{
    if (key == Qt::Key_Asterisk && m_screen != Screen::Maintenance) {
        toggleAudioGuide();
        return true;
    }
    if (m_screen != Screen::Cpf)
        return false;
    if (key >= Qt::Key_0 && key <= Qt::Key_9) {
        typeDigit(key - Qt::Key_0);
        return true;
    }
    switch (key) {
    case Qt::Key_Backspace:
        erase();
        return true;
    case Qt::Key_Delete:
    case Qt::Key_Escape:
        clearCpf();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (cpfComplete() && m_cpfError.isEmpty())
            confirmCpf();
        return true;
    default:
        return false;
    }
}

void TotemFlow::confirmCpf()
{
    if (m_screen != Screen::Cpf)
        return;
    auto refuse = [this](const QString &why) {
        setCpfError(why);
        Q_EMIT cpfEdited(CpfEdit::Refused);
    };
    if (m_digits.size() < 11)
        return refuse(tr("Digite os 11 números do CPF"));
    auto cpf = Cpf::parse(m_digits);
    if (!cpf)
        return refuse(tr("CPF inválido — confira os números"));
    m_cpf = *cpf;
    // The CPF leaves the screen now; the digits are kept only inside m_cpf until the ticket.
    m_digits.clear();
    m_cpfError.clear();
    Q_EMIT cpfChanged();
    m_suggested.reset();
    const quint64 generation = ++m_lookupGeneration;
    m_issuer.lookup(*m_cpf, [this, generation](const protocol::PatientLookup &lookup) {
        if (generation != m_lookupGeneration)
            return; // another patient by now
        onLookup(lookup);
    });
    if (m_catalog.count() == 1) {
        m_serviceId = m_catalog.services().first().id;
        Q_EMIT choiceChanged();
        return setScreen(Screen::Priority);
    }
    setScreen(Screen::Service);
}

void TotemFlow::onLookup(const protocol::PatientLookup &lookup)
{
    m_suggested = lookup.suggestedPriority;
    Q_EMIT priorityOptionsChanged();
    if (!lookup.appointment || !m_catalog.service(lookup.appointment->serviceId))
        return;
    m_appointment = lookup.appointment;
    Q_EMIT appointmentChanged();
    // Only while the patient has not chosen anything yet.
    if (!m_choseWalkIn && (m_screen == Screen::Service || m_screen == Screen::Priority))
        setScreen(Screen::Appointment);
}

QString TotemFlow::clinicTime(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, m_catalog.businessDay().timeZone()).toString(QStringLiteral("HH:mm"));
}

QString TotemFlow::appointmentTitle() const
{
    if (!m_appointment)
        return {};
    const QString at = clinicTime(m_appointment->startMs);
    if (m_appointment->timing == protocol::ArrivalTiming::Late)
        return tr("Sua consulta era às %1 com %2").arg(at, m_appointment->practitionerName);
    return tr("Você tem consulta às %1 com %2").arg(at, m_appointment->practitionerName);
}

QString TotemFlow::appointmentMessage() const
{
    if (!m_appointment)
        return {};
    if (m_appointment->timing == protocol::ArrivalTiming::Early)
        return tr("Ainda é cedo. Volte a partir das %1 para confirmar a chegada.")
            .arg(clinicTime(m_appointment->checkInFromMs));
    if (m_appointment->timing == protocol::ArrivalTiming::Late)
        return tr("O horário para confirmar a chegada já passou. Por favor, procure a recepção.");
    return tr("Toque em Confirmar chegada e aguarde a chamada pela TV.");
}

bool TotemFlow::canConfirmArrival() const
{
    return m_appointment && m_appointment->timing == protocol::ArrivalTiming::OnTime;
}

void TotemFlow::confirmArrival()
{
    if (m_screen != Screen::Appointment || !canConfirmArrival() || !m_cpf)
        return;
    m_serviceId = m_appointment->serviceId;
    Q_EMIT choiceChanged();
    issue(m_serviceId, m_suggested.value_or(PriorityClass::Normal));
}

void TotemFlow::chooseOtherService()
{
    if (m_screen != Screen::Appointment)
        return;
    m_choseWalkIn = true;
    if (m_catalog.count() == 1) {
        m_serviceId = m_catalog.services().first().id;
        Q_EMIT choiceChanged();
        return setScreen(Screen::Priority);
    }
    setScreen(Screen::Service);
}

void TotemFlow::chooseService(qint64 serviceId)
{
    if (m_screen != Screen::Service || !m_catalog.service(serviceId))
        return;
    m_choseWalkIn = true;
    m_serviceId = serviceId;
    Q_EMIT choiceChanged();
    setScreen(Screen::Priority);
}

void TotemFlow::choosePriority(const QString &priorityClass)
{
    const auto cls = priorityClassFromWire(priorityClass);
    if (m_screen != Screen::Priority || !cls || !m_cpf)
        return;
    m_choseWalkIn = true;
    issue(m_serviceId, *cls);
}

void TotemFlow::issue(qint64 serviceId, PriorityClass priority)
{
    setError({});
    setScreen(Screen::Issuing);
    const quint64 generation = ++m_lookupGeneration;
    m_issuer.issue(*m_cpf, serviceId, priority, [this, generation](Result<IssuedTicket> issued) {
        if (generation != m_lookupGeneration)
            return;
        m_cpf.reset();
        if (!issued) {
            setError(issued.error().message);
            startTicketCountdown(m_options.ticketScreenMs);
            return setScreen(Screen::Ticket);
        }
        showTicket(*issued);
    });
}

void TotemFlow::showTicket(const IssuedTicket &ticket)
{
    m_ticket = ticket;
    Q_EMIT ticketChanged();
    setScreen(Screen::Ticket);
    print(ticket);
    // With no printer the code must be copied by hand from the start.
    startTicketCountdown(
        m_printState == PrintState::Failed ? m_options.writeDownScreenMs : m_options.ticketScreenMs);
}

void TotemFlow::startTicketCountdown(int ms)
{
    m_ticketSecondsLeft = std::max(1, (ms + 999) / 1000);
    m_ticketTick.start();
    Q_EMIT ticketCountdownChanged();
}

void TotemFlow::stopTicketCountdown()
{
    m_ticketTick.stop();
    if (m_ticketSecondsLeft == 0)
        return;
    m_ticketSecondsLeft = 0;
    Q_EMIT ticketCountdownChanged();
}

void TotemFlow::tickTicketCountdown()
{
    if (--m_ticketSecondsLeft > 0) {
        Q_EMIT ticketCountdownChanged();
        return;
    }
    restart();
}

void TotemFlow::moreTime()
{
    if (m_screen != Screen::Ticket)
        return;
    startTicketCountdown(
        std::min(m_ticketSecondsLeft * 1000 + m_options.moreTimeMs, m_options.maxTicketScreenMs));
}

void TotemFlow::print(const IssuedTicket &ticket)
{
    m_printState = PrintState::Printing;
    if (!m_printer) {
        m_printState = PrintState::Failed;
        m_sync.setPrinterStatus(QStringLiteral("no-printer"), tr("Nenhuma impressora configurada"));
    } else {
        printing::TicketContent content;
        content.clinicName = m_catalog.clinicName();
        content.code = ticket.code;
        content.serviceName = ticket.serviceName;
        content.priorityLabel
            = ticket.priority == PriorityClass::Normal ? QString() : displayLabel(ticket.priority);
        content.issuedAt = ticket.issuedAt.toTimeZone(m_catalog.businessDay().timeZone());
        content.peopleAhead = ticket.peopleAhead;
        content.estimatedWaitMinutes = ticket.estimatedWaitMinutes;
        content.statusUrl = ticket.statusUrl;
        content.footer = QStringLiteral("Aguarde a chamada pela TV");
        content.offline = ticket.offline;
        content.reprint = ticket.reprint;
        m_printer->print(++m_printRequest, content);
    }
    Q_EMIT printStateChanged();
}

void TotemFlow::onPrintFinished(quint64 requestId, const printing::PrintOutcome &outcome)
{
    // The same words the printer's own state reports use ("ready", "media-empty"...).
    m_sync.setPrinterStatus(
        outcome.ok ? QStringLiteral("ready") : outcome.state, outcome.ok ? QString() : outcome.message);
    if (!outcome.ok)
        m_sync.noteError(tr("Impressão falhou: %1").arg(outcome.message));
    if (requestId != m_printRequest || m_printState != PrintState::Printing)
        return;
    m_printState = outcome.ok ? PrintState::Printed : PrintState::Failed;
    Q_EMIT printStateChanged();
    // A patient who must write the code down gets more time.
    if (!outcome.ok && m_screen == Screen::Ticket)
        startTicketCountdown(std::max(m_options.writeDownScreenMs, m_ticketSecondsLeft * 1000));
}

void TotemFlow::back()
{
    switch (m_screen) {
    case Screen::Service:
    case Screen::Appointment:
        clearPatient();
        setScreen(Screen::Cpf);
        break;
    case Screen::Priority:
        if (m_catalog.count() == 1) {
            clearPatient();
            setScreen(Screen::Cpf);
        } else {
            setScreen(Screen::Service);
        }
        break;
    default:
        break;
    }
}

void TotemFlow::clearPatient()
{
    ++m_lookupGeneration;
    m_digits.clear();
    m_cpfError.clear();
    m_cpf.reset();
    m_suggested.reset();
    m_appointment.reset();
    m_choseWalkIn = false;
    m_serviceId = 0;
    Q_EMIT appointmentChanged();
    Q_EMIT cpfChanged();
    Q_EMIT choiceChanged();
    Q_EMIT priorityOptionsChanged();
}

void TotemFlow::restart()
{
    if (m_screen == Screen::Issuing)
        return; // the ticket is on its way: it will be shown, then the totem restarts
    stopTicketCountdown();
    clearPatient();
    m_ticket.reset();
    m_printState = PrintState::Idle;
    setError({});
    Q_EMIT ticketChanged();
    Q_EMIT printStateChanged();
    setLanguage(m_options.defaultLanguage);
    if (m_highVisibility) {
        m_highVisibility = false; // the next patient starts from the usual screen
        Q_EMIT highVisibilityChanged();
    }
    if (m_audioGuide) {
        m_audioGuide = false; // and a silent one
        Q_EMIT audioGuideChanged();
    }
    setScreen(Screen::Cpf);
    m_idle.start();
}

void TotemFlow::toggleHighVisibility()
{
    m_highVisibility = !m_highVisibility;
    Q_EMIT highVisibilityChanged();
}

void TotemFlow::toggleAudioGuide()
{
    m_audioGuide = !m_audioGuide;
    Q_EMIT audioGuideChanged();
}

bool TotemFlow::unlockMaintenance(const QString &pin)
{
    if (m_screen == Screen::Issuing)
        return false; // a patient's ticket is on its way: it must be shown and printed first
    if (m_options.maintenancePin.isEmpty() || pin != m_options.maintenancePin) {
        qCWarning(lcFlow) << "maintenance screen: wrong PIN";
        return false;
    }
    clearPatient();
    setScreen(Screen::Maintenance);
    if (m_printer)
        m_printer->checkPrinter();
    return true;
}

void TotemFlow::closeMaintenance()
{
    if (m_screen == Screen::Maintenance)
        restart();
}

void TotemFlow::printTestTicket()
{
    if (m_screen != Screen::Maintenance)
        return;
    IssuedTicket test;
    test.code = QStringLiteral("TESTE");
    test.serviceName = tr("Teste de impressão");
    test.issuedAt = QDateTime::currentDateTime();
    test.statusUrl = m_options.serverUrl;
    print(test);
}

void TotemFlow::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    // The source texts are Brazilian Portuguese: any other language needs its translation.
    std::unique_ptr<QTranslator> translator;
    if (language != QStringLiteral("pt_BR")) {
        translator = std::make_unique<QTranslator>();
        if (!translator->load(QStringLiteral(":/i18n/totem_%1.qm").arg(language))) {
            qCWarning(lcFlow) << "no translation for" << language;
            return;
        }
    }
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator);
        delete m_translator;
        m_translator = nullptr;
    }
    if (translator) {
        m_translator = translator.release();
        m_translator->setParent(this);
        QCoreApplication::installTranslator(m_translator);
    }
    m_language = language;
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT languageChanged();
    Q_EMIT priorityOptionsChanged();
    Q_EMIT ticketChanged();
    Q_EMIT cpfChanged();
    Q_EMIT appointmentChanged();
}

} // namespace clinico::totem
