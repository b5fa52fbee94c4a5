// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <atomic>
#include <thread>

namespace clinico::voice {

// A soft two-note chime (like an airport's) synthesised and played on an ALSA device in a
// worker thread, so the screen never waits for the sound card. played() when it is over,
// even if the device could not be opened (the announcement must not stall).
class Chime : public QObject
{
    Q_OBJECT
public:
    explicit Chime(QString alsaDevice, QObject *parent = nullptr);
    ~Chime() override;

    void play(double volume);
    bool isPlaying() const { return m_playing; }
    // 16-bit mono PCM at sampleRate(): the chime itself, for tests and for play().
    static QByteArray samples(double volume);
    static constexpr int sampleRate() { return 22050; }

Q_SIGNALS:
    void played(bool ok);

private:
    QString m_device;
    std::thread m_worker;
    std::atomic<bool> m_playing { false };
    bool m_warned = false;
};

} // namespace clinico::voice
