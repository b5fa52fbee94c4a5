// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker/chime.h"

#include <QLoggingCategory>
#include <QMetaObject>

#include <alsa/asoundlib.h>

#include <cmath>
#include <numbers>

Q_LOGGING_CATEGORY(lcChime, "clinico.voice.chime")

namespace clinico::voice {

Chime::Chime(QString alsaDevice, QObject *parent)
    : QObject(parent)
    , m_device(std::move(alsaDevice))
{ }

Chime::~Chime()
{
    if (m_worker.joinable())
        m_worker.join();
}

QByteArray Chime::samples(double volume)
{
    // Two bell-like notes, E5 then C5, each with a few soft harmonics and an exponential decay.
    struct Note
    {
        double freq;
        double startS;
    };
    constexpr Note notes[] = { { 659.25, 0.0 }, { 523.25, 0.45 } };
    constexpr double lengthS = 1.5;
    const int n = int(lengthS * sampleRate());
    QByteArray out(n * 2, Qt::Uninitialized);
    auto *pcm = reinterpret_cast<qint16 *>(out.data());
    const double amp = 0.45 * std::clamp(volume, 0.0, 1.0) * 32767.0;
    for (int i = 0; i < n; ++i) {
        const double t = double(i) / sampleRate();
        double v = 0;
        for (const Note &note : notes) {
            const double dt = t - note.startS;
            if (dt < 0)
                continue;
            const double attack = std::min(1.0, dt / 0.01);
            const double env = attack * std::exp(-dt * 3.2);
            const double w = 2 * std::numbers::pi * note.freq * dt;
            v += env * (std::sin(w) + 0.3 * std::sin(2 * w) + 0.1 * std::sin(3 * w)) / 1.4;
        }
        pcm[i] = qint16(std::clamp(v * amp, -32767.0, 32767.0));
    }
    return out;
}

void Chime::play(double volume)
{
    if (m_playing.exchange(true)) {
        qCWarning(lcChime) << "chime already playing";
        return;
    }
    if (m_worker.joinable())
        m_worker.join();
    m_worker = std::thread([this, volume, device = m_device.toStdString()] {
        const QByteArray pcm = samples(volume);
        snd_pcm_t *handle = nullptr;
        bool ok = snd_pcm_open(&handle, device.c_str(), SND_PCM_STREAM_PLAYBACK, 0) == 0;
        if (ok)
            ok = snd_pcm_set_params(
                     handle, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, sampleRate(), 1, 200000)
                == 0;
        if (ok) {
            const auto *data = reinterpret_cast<const qint16 *>(pcm.constData());
            snd_pcm_uframes_t left = snd_pcm_uframes_t(pcm.size() / 2);
            while (left > 0) {
                snd_pcm_sframes_t written = snd_pcm_writei(handle, data, left);
                if (written < 0)
                    written = snd_pcm_recover(handle, int(written), 1);
                if (written < 0) {
                    ok = false;
                    break;
                }
                data += written;
                left -= snd_pcm_uframes_t(written);
            }
            if (ok)
                snd_pcm_drain(handle);
        }
        if (handle)
            snd_pcm_close(handle);
        m_playing = false;
        QMetaObject::invokeMethod(
            this,
            [this, ok] {
                if (!ok)
                    qCWarning(lcChime) << "could not play the chime on ALSA device" << m_device;
                Q_EMIT played(ok);
            },
            Qt::QueuedConnection);
    });
}

} // namespace clinico::voice
