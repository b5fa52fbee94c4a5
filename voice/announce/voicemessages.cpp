// SPDX-License-Identifier: GPL-3.0-or-later
#include "announce/voicemessages.h"

#include "protocol/jsonreader.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace clinico::voice {

namespace {

QByteArray line(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

Result<JsonReader> reader(const QByteArray &line)
{
    if (line.size() > kMaxVoiceLineBytes)
        return makeError(QStringLiteral("too_long"), QStringLiteral("Linha longa demais."));
    auto object = JsonReader::parseObject(line.trimmed());
    if (!object)
        return object.error();
    return JsonReader(*object);
}

} // namespace

QByteArray VoiceRequest::toLine() const
{
    return line({ { QStringLiteral("text"), text }, { QStringLiteral("chime"), chime },
        { QStringLiteral("volume"), int(volume * 100 + 0.5) }, { QStringLiteral("interrupt"), interrupt },
        { QStringLiteral("language"), language } });
}

Result<VoiceRequest> VoiceRequest::fromLine(const QByteArray &line)
{
    auto r = reader(line);
    if (!r)
        return r.error();
    VoiceRequest q;
    q.text = r->string(QStringLiteral("text"), 1000);
    q.chime = r->optionalBool(QStringLiteral("chime")).value_or(false);
    q.volume = double(r->integer(QStringLiteral("volume"), 0, 100)) / 100.0;
    q.interrupt = r->optionalBool(QStringLiteral("interrupt")).value_or(false);
    if (auto language = r->optionalString(QStringLiteral("language"), 16))
        q.language = *language;
    if (Status s = r->finish(); !s)
        return s.error();
    return q;
}

QByteArray VoiceReply::toLine() const
{
    return line({ { QStringLiteral("ok"), ok }, { QStringLiteral("problem"), problem } });
}

Result<VoiceReply> VoiceReply::fromLine(const QByteArray &line)
{
    auto r = reader(line);
    if (!r)
        return r.error();
    VoiceReply reply;
    reply.ok = r->optionalBool(QStringLiteral("ok")).value_or(false);
    reply.problem = r->string(QStringLiteral("problem"), 300);
    if (Status s = r->finish(); !s)
        return s.error();
    return reply;
}

} // namespace clinico::voice
