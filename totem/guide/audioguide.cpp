// SPDX-License-Identifier: GPL-3.0-or-later
#include "guide/audioguide.h"

#include "announce/announcer.h"
#include "announce/phrasing.h"
#include "catalog/catalog.h"

#include <QHash>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QStringList>

Q_LOGGING_CATEGORY(lcGuide, "clinico.totem.guide")

namespace clinico::totem {

namespace {
AudioGuide *s_instance = nullptr;
using Screen = TotemFlow::Screen;
} // namespace

AudioGuide::AudioGuide(TotemFlow &flow, voice::Announcer *voice, Options options, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_voice(voice)
    , m_options(options)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCWarning(lcGuide) << "the voice did not finish in time; abandoned";
        m_outstanding = 0;
        m_voice->abandon();
    });
    if (m_voice)
        connect(m_voice, &voice::Announcer::finished, this, [this] {
            if (m_outstanding > 0 && --m_outstanding == 0)
                m_deadline.stop();
        });
    connect(&m_flow, &TotemFlow::audioGuideChanged, this, &AudioGuide::onActiveChanged);
    connect(&m_flow, &TotemFlow::screenChanged, this, [this] { say(screenText()); });
    connect(&m_flow, &TotemFlow::readyChanged, this, [this] { say(screenText()); });
    connect(
        &m_flow, &TotemFlow::cpfEdited, this, [this](TotemFlow::CpfEdit edit) { say(cpfEditText(edit)); });
    // The ticket screen appears before the printer answers: when it fails, the patient must
    // write the code down, and hears the screen again with that.
    connect(&m_flow, &TotemFlow::printStateChanged, this, [this] {
        if (m_flow.screen() == Screen::Ticket && m_flow.printState() == TotemFlow::PrintState::Failed)
            say(screenText());
    });
}

AudioGuide::~AudioGuide()
{
    if (s_instance == this)
        s_instance = nullptr;
}

void AudioGuide::setInstance(AudioGuide *guide)
{
    s_instance = guide;
}

AudioGuide *AudioGuide::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void AudioGuide::onActiveChanged()
{
    if (m_flow.audioGuide())
        speak(tr("Instruções faladas ligadas.") + u' ' + screenText());
    else if (m_flow.screen() == Screen::Cpf) // the patient turned it off (not the next patient's reset)
        speak(tr("Instruções faladas desligadas."));
}

void AudioGuide::say(const QString &text)
{
    if (m_flow.audioGuide())
        speak(text);
}

void AudioGuide::speak(const QString &text)
{
    if (!m_voice || text.isEmpty())
        return;
    ++m_outstanding;
    m_deadline.start(m_options.deadlineBaseMs + m_options.deadlinePerCharMs * int(text.size()));
    m_voice->sayNow(text, m_options.volume, m_flow.language());
}

void AudioGuide::describeService(qint64 serviceId)
{
    say(serviceText(serviceId));
}

void AudioGuide::describePriority(const QString &key)
{
    say(priorityText(key));
}

QString AudioGuide::screenText() const
{
    if (!m_flow.ready() && m_flow.screen() != Screen::Maintenance)
        return tr(
            "Totem temporariamente fora de serviço. Por favor, procure a recepção para retirar sua senha.");
    switch (m_flow.screen()) {
    case Screen::Cpf: {
        const QString privacy = m_options.headphones
            ? tr("Cada número digitado será repetido no fone de ouvido.")
            : tr("Para sua privacidade, os números não são falados em voz alta: a cada tecla, digo quantos "
                 "faltam.");
        return tr("Digite seu CPF para retirar sua senha: são 11 números, no teclado numérico. Na última "
                  "fileira do teclado, Limpar apaga tudo e Apagar apaga o último número. Depois, toque em "
                  "Confirmar, o botão largo embaixo do teclado, ou aperte Enter.")
            + u' ' + privacy;
    }
    case Screen::Service: {
        QStringList names;
        for (const protocol::Service &s : m_flow.catalog()->services())
            names << s.name;
        return tr("Qual atendimento você procura? As opções são: %1. Toque na opção, ou use as setas do "
                  "teclado para ouvir cada uma e aperte Enter para escolher. Voltar fica no canto de baixo, "
                  "à esquerda.")
            .arg(names.join(QStringLiteral(", ")));
    }
    case Screen::Priority: {
        QStringList options;
        for (const QVariant &o : m_flow.priorityOptions())
            options << priorityText(o.toMap().value(QStringLiteral("key")).toString());
        return tr("Atendimento preferencial? Se não tiver direito, toque no primeiro botão, no alto: Não, "
                  "atendimento normal. Se tiver, toque no seu grupo, abaixo. Os grupos são: %1 Use as "
                  "setas do teclado para ouvir cada opção e aperte Enter para escolher.")
            .arg(options.join(u' '));
    }
    case Screen::Appointment:
        return m_flow.appointmentTitle() + QStringLiteral(". ") + m_flow.appointmentMessage() + u' '
            + (m_flow.canConfirmArrival()
                    ? tr("O botão largo, no alto, confirma a chegada. Abaixo dele, Pegar senha para outro "
                         "serviço.")
                    : tr("Para outro atendimento, toque em Pegar senha para outro serviço."));
    case Screen::Issuing:
        return tr("Emitindo sua senha. Aguarde um momento.");
    case Screen::Ticket: {
        if (!m_flow.errorMessage().isEmpty())
            return tr("Não foi possível emitir sua senha: %1. Por favor, procure a recepção.")
                .arg(m_flow.errorMessage());
        QString text = tr("Sua senha é %1. Repetindo: %1.").arg(spokenCode());
        text += u' ' + tr("Aguarde na sala de espera: sua senha será chamada na TV, em voz alta.");
        text += u' '
            + (m_flow.printState() == TotemFlow::PrintState::Failed
                    ? tr("A impressora não funcionou: anote ou fotografe sua senha, %1.").arg(spokenCode())
                    : tr("Retire a senha impressa na saída da impressora."));
        return text + u' '
            + tr("Se precisar de mais tempo, toque em Preciso de mais tempo; quando terminar, toque em "
                 "Pronto.");
    }
    case Screen::Maintenance:
        break; // staff only
    }
    return {};
}

QString AudioGuide::cpfEditText(TotemFlow::CpfEdit edit) const
{
    const QString digits = m_flow.cpfDigits();
    const QString missing = m_flow.cpfMissing();
    // What the patient has typed so far, in headphones; on the loudspeaker, how much is left.
    const QString state = !missing.isEmpty() ? missing
        : !m_flow.cpfError().isEmpty()       ? m_flow.cpfError()
                                             : tr("CPF completo. Toque em Confirmar, ou aperte Enter");
    switch (edit) {
    case TotemFlow::CpfEdit::Digit:
        if (!m_options.headphones)
            return state + u'.';
        if (missing.isEmpty()) // the 11th: the whole number, to check it
            return tr("%1. Você digitou: %2. %3.")
                .arg(spokenDigits(digits.right(1)), spokenDigits(digits), state);
        return spokenDigits(digits.right(1));
    case TotemFlow::CpfEdit::Erase:
        return tr("Apagar.") + u' ' + state + u'.';
    case TotemFlow::CpfEdit::Clear:
        return tr("Limpar. Todos os números foram apagados.");
    case TotemFlow::CpfEdit::Refused:
        return tr("Confirmar.") + u' ' + m_flow.cpfError() + u'.';
    }
    return {};
}

QString AudioGuide::serviceText(qint64 serviceId) const
{
    const auto service = m_flow.catalog()->service(serviceId);
    return service ? service->name : QString();
}

QString AudioGuide::priorityText(const QString &key) const
{
    // Each group with what it means, as the law puts it in plain words.
    static const QHash<QString, const char *> meanings {
        { QStringLiteral("age80"),
            QT_TR_NOOP("prioridade especial, chamada antes dos outros atendimentos preferenciais.") },
        { QStringLiteral("age60"), QT_TR_NOOP("pessoa idosa.") },
        { QStringLiteral("pregnant"), QT_TR_NOOP("durante a gravidez.") },
        { QStringLiteral("lactating"), QT_TR_NOOP("quem amamenta um bebê.") },
        { QStringLiteral("infant"), QT_TR_NOOP("quem está com uma criança pequena no colo.") },
        { QStringLiteral("disability"),
            QT_TR_NOOP("deficiência física, visual, auditiva, intelectual ou múltipla, ou quem acompanha "
                       "essa pessoa.") },
        { QStringLiteral("autism"),
            QT_TR_NOOP("transtorno do espectro autista, ou quem acompanha essa pessoa.") },
        { QStringLiteral("mobility"), QT_TR_NOOP("dificuldade para andar ou ficar em pé.") },
    };
    if (key == u"normal")
        return tr("Não, atendimento normal.");
    const char *meaning = meanings.value(key);
    if (!meaning)
        return {};
    for (const QVariant &o : m_flow.priorityOptions()) {
        const QVariantMap option = o.toMap();
        if (option.value(QStringLiteral("key")).toString() == key)
            return option.value(QStringLiteral("label")).toString() + QStringLiteral(": ") + tr(meaning);
    }
    return {};
}

QString AudioGuide::spokenCode() const
{
    const QString code = m_flow.code();
    // The same words as the TV's call-out ("cê pê zero doze"), so the patient recognises them.
    if (m_flow.language() == u"pt_BR")
        return voice::Phrasing::spokenCode(code);
    QStringList chars;
    for (QChar c : code)
        chars << QString(c);
    return chars.join(u' ');
}

QString AudioGuide::spokenDigits(const QString &digits) const
{
    QStringList words;
    for (QChar d : digits)
        words << (m_flow.language() == u"pt_BR" ? voice::Phrasing::numberInWords(d.digitValue())
                                                : QString(d));
    return words.join(QStringLiteral(", "));
}

} // namespace clinico::totem
