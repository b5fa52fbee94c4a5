// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker/ttsannouncer.h"

#include "worker/chime.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSpeech, "clinico.voice.speech")

namespace clinico::voice {

TtsAnnouncer::TtsAnnouncer(const QString &engine, const QString &chimeDevice, QObject *parent)
    : Announcer(parent)
    , m_engine(engine)
    , m_chime(new Chime(chimeDevice, this))
{
    connect(m_chime, &Chime::played, this, [this, chimeDevice](bool ok) {
        if (!ok)
            m_problem = QStringLiteral("dispositivo de som \"%1\" indisponível").arg(chimeDevice);
        speak();
    });
    QTimer::singleShot(1000, this, &TtsAnnouncer::ensureEngine);
}

void TtsAnnouncer::ensureEngine()
{
    if (m_tts && m_tts->state() != QTextToSpeech::Error)
        return;
    if (m_tts) {
        // speech-dispatcher died or was not up yet: connect again rather than stay mute.
        qCInfo(lcSpeech) << "speech engine in error (" << m_tts->errorString() << "), reconnecting";
        delete m_tts;
        m_portuguese = false;
    }
    m_tts = new QTextToSpeech(m_engine, this);
    m_portuguese = selectLocale();
    if (!m_portuguese) {
        qCWarning(lcSpeech) << "engine" << m_engine << "has no Portuguese voice; trying pt_BR anyway";
        m_tts->setLocale(QLocale(QLocale::Portuguese, QLocale::Brazil));
    }
    qCInfo(lcSpeech) << "speech engine" << m_engine << "locale" << m_tts->locale().name() << "state"
                     << m_tts->state();
    connect(m_tts, &QTextToSpeech::stateChanged, this, &TtsAnnouncer::onStateChanged);
}

bool TtsAnnouncer::selectLocale()
{
    // The language asked for, in its own country first (pt_BR, not pt_PT); else Portuguese.
    const QLocale wanted(m_language);
    const QLocale ptBR(QLocale::Portuguese, QLocale::Brazil);
    const QList<QLocale> available = m_tts->availableLocales();
    for (const QLocale &target : { wanted, ptBR }) {
        std::optional<QLocale> best;
        for (const QLocale &l : available) {
            if (l.language() == target.language() && (!best || l.territory() == target.territory()))
                best = l;
        }
        if (best) {
            m_tts->setLocale(*best);
            return true;
        }
    }
    return false;
}

void TtsAnnouncer::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    if (m_tts && m_tts->state() != QTextToSpeech::Error)
        selectLocale();
}

void TtsAnnouncer::stop()
{
    if (!m_busy)
        return;
    m_pending.clear(); // a chime still playing ends with nothing more to say
    if (m_chime->isPlaying())
        return;
    m_tts->stop();
    m_speaking = false;
    m_busy = false;
    QTimer::singleShot(0, this, &Announcer::finished);
}

TtsAnnouncer::~TtsAnnouncer() = default;

void TtsAnnouncer::announce(const QString &text, bool chime, double volume)
{
    if (m_busy)
        qCWarning(lcSpeech) << "announce() while busy: the queue should never do this";
    m_busy = true;
    m_pending = text;
    m_problem.clear();
    ensureEngine();
    m_tts->setVolume(volume);
    if (chime)
        m_chime->play(volume);
    else
        speak();
}

void TtsAnnouncer::speak()
{
    if (m_pending.isEmpty()) {
        m_busy = false;
        Q_EMIT finished();
        return;
    }
    if (m_tts->state() == QTextToSpeech::Error) {
        qCWarning(lcSpeech) << "speech engine" << m_engine << "unavailable (" << m_tts->errorString()
                            << "); the call is only shown";
        m_problem = QStringLiteral("voz indisponível: %1").arg(m_tts->errorString());
        m_pending.clear();
        m_busy = false;
        // Not from inside announce(): the queue expects finished() later.
        QTimer::singleShot(0, this, &Announcer::finished);
        return;
    }
    if (!m_portuguese && m_problem.isEmpty())
        m_problem = QStringLiteral("sem voz em português no motor %1").arg(m_engine);
    m_speaking = false;
    m_tts->say(m_pending);
    m_pending.clear();
}

void TtsAnnouncer::onStateChanged(QTextToSpeech::State state)
{
    if (state == QTextToSpeech::Speaking) {
        m_speaking = true;
        return;
    }
    if (!m_busy)
        return;
    // Ready after speaking: done. Error at any point: done too, the screen already shows it.
    if (state == QTextToSpeech::Error || (state == QTextToSpeech::Ready && m_speaking)) {
        if (state == QTextToSpeech::Error) {
            qCWarning(lcSpeech) << "speech failed:" << m_tts->errorString();
            m_problem = QStringLiteral("a voz falhou: %1").arg(m_tts->errorString());
        }
        m_speaking = false;
        m_busy = false;
        Q_EMIT finished();
    }
}

} // namespace clinico::voice
