// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace clinico::server {

// Follows the bytes a client sends on one HTTP/1.1 connection and finds where each request
// starts and ends, the way QHttpServer 6.4 frames them (request line, headers up to the
// empty line, then Content-Length bytes or chunks, then the next pipelined request), so a
// request can be refused as soon as it passes a limit, before QHttpServer has buffered it.
// It keeps one header block at most, never a body. Framing QHttpServer would read in a
// way of its own (LF-only chunk lines, trailers, both Content-Length and chunked, two
// lengths) is refused as malformed: a refused connection is closed, so the two readers can
// never disagree about where the next request starts.
class RequestFraming
{
public:
    enum class Phase {
        Idle, // between requests: nothing of the next one yet
        Head, // the request line and headers
        Body,
        Upgraded, // a WebSocket handshake: the bytes after it are not HTTP
        Refused,
    };
    enum class Refusal { None, HeadTooLarge, BodyTooLarge, Malformed };

    RequestFraming(qint64 maxHeadBytes, qint64 maxBodyBytes);

    // The next bytes the client sent. Stops at the first refusal, which stays.
    Refusal feed(QByteArrayView bytes);
    Phase phase() const;
    Refusal refusal() const { return m_refusal; }

private:
    enum class State {
        BeforeRequest,
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        LastChunkEnd,
        Upgraded,
        Refused
    };
    void endOfHead();
    void endOfChunkSize();
    void expectCrLf(char c, State next);
    void refuse(Refusal why);

    const qint64 m_maxHeadBytes;
    const qint64 m_maxBodyBytes;
    State m_state = State::BeforeRequest;
    Refusal m_refusal = Refusal::None;
    QByteArray m_line; // the headers after the request line, or a chunk-size line
    qint64 m_headBytes = 0;
    qint64 m_bodyBytes = 0;
    qint64 m_remaining = 0; // of the body or of the current chunk
    bool m_sawCr = false;
};

} // namespace clinico::server
