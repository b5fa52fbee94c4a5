// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace clinico::test {

// Stand-ins for clinico-voice, as shell scripts, to inject what a broken sound stack does.
// The real voice process is tested in speech_test.cpp.
class FakeVoice
{
public:
    enum class Behaviour {
        Answers, // says "ok" to every request at once
        Hangs, // reads the request and never answers (speechd with no audio device)
        Crashes, // reads the request and dies of SIGSEGV
        HangsOnceThenAnswers, // the first run hangs; every later run answers
    };

    explicit FakeVoice(Behaviour behaviour)
    {
        const QString answer
            = QStringLiteral("while read -r line; do echo '{\"ok\":true,\"problem\":\"\"}'; done\n");
        const QString hang = QStringLiteral("read -r line\nexec sleep 1000\n");
        QString body;
        switch (behaviour) {
        case Behaviour::Answers:
            body = answer;
            break;
        case Behaviour::Hangs:
            body = hang;
            break;
        case Behaviour::Crashes:
            body = QStringLiteral("read -r line\nkill -SEGV $$\n");
            break;
        case Behaviour::HangsOnceThenAnswers:
            body = QStringLiteral("if [ ! -e '%1' ]; then touch '%1'\n%2fi\n%3")
                       .arg(m_dir.filePath(QStringLiteral("ran")), hang, answer);
            break;
        }
        QFile f(program());
        if (f.open(QIODevice::WriteOnly)) {
            f.write("#!/bin/sh\n" + body.toUtf8());
            f.close();
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }
    QString program() const { return m_dir.filePath(QStringLiteral("voice.sh")); }

private:
    QTemporaryDir m_dir;
};

} // namespace clinico::test
