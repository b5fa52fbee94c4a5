// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/requestframing.h"

#include <QList>

#include <algorithm>
#include <cctype>

namespace clinico::server {

namespace {
constexpr qsizetype kMaxChunkSizeLine = 64;

bool isHex(QByteArrayView s)
{
    return !s.isEmpty() && s.size() <= 8
        && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(uchar(c)); });
}

bool isDecimal(QByteArrayView s)
{
    return !s.isEmpty() && s.size() <= 18
        && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
} // namespace

RequestFraming::RequestFraming(qint64 maxHeadBytes, qint64 maxBodyBytes)
    : m_maxHeadBytes(maxHeadBytes)
    , m_maxBodyBytes(maxBodyBytes)
{ }

RequestFraming::Phase RequestFraming::phase() const
{
    switch (m_state) {
    case State::BeforeRequest:
        return Phase::Idle;
    case State::RequestLine:
    case State::Headers:
        return Phase::Head;
    case State::Body:
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::LastChunkEnd:
        return Phase::Body;
    case State::Upgraded:
        return Phase::Upgraded;
    case State::Refused:
        break;
    }
    return Phase::Refused;
}

void RequestFraming::refuse(Refusal why)
{
    m_refusal = why;
    m_state = State::Refused;
    m_line.clear();
}

RequestFraming::Refusal RequestFraming::feed(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size() && m_state != State::Refused && m_state != State::Upgraded) {
        if (m_state == State::Body || m_state == State::ChunkData) {
            const qsizetype n = qsizetype(std::min<qint64>(m_remaining, bytes.size() - i));
            i += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::BeforeRequest : State::ChunkDataEnd;
            continue;
        }
        const char c = bytes[i++];
        switch (m_state) {
        case State::BeforeRequest:
            // QHttpServer skips the line ends a previous request may have left.
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v')
                break;
            m_state = State::RequestLine;
            m_headBytes = 1;
            m_line.clear();
            break;
        case State::RequestLine:
            if (++m_headBytes > m_maxHeadBytes)
                refuse(Refusal::HeadTooLarge);
            else if (c == '\n')
                m_state = State::Headers;
            break;
        case State::Headers:
            if (++m_headBytes > m_maxHeadBytes) {
                refuse(Refusal::HeadTooLarge);
                break;
            }
            m_line.append(c);
            // The end of the headers as QHttpServer sees it: an empty line, CRLF or LF.
            if (c == '\n'
                && (m_line.endsWith("\n\r\n") || m_line.endsWith("\n\n") || m_line == "\r\n"
                    || m_line == "\n"))
                endOfHead();
            break;
        case State::ChunkSize:
            m_line.append(c);
            if (m_line.size() > kMaxChunkSizeLine)
                refuse(Refusal::Malformed);
            else if (c == '\n')
                endOfChunkSize();
            break;
        case State::ChunkDataEnd:
            expectCrLf(c, State::ChunkSize);
            break;
        case State::LastChunkEnd:
            expectCrLf(c, State::BeforeRequest);
            break;
        case State::Body:
        case State::ChunkData:
        case State::Upgraded:
        case State::Refused:
            Q_UNREACHABLE();
        }
    }
    return m_refusal;
}

void RequestFraming::expectCrLf(char c, State next)
{
    if (!m_sawCr && c == '\r') {
        m_sawCr = true;
        return;
    }
    if (!m_sawCr || c != '\n')
        return refuse(Refusal::Malformed);
    m_sawCr = false;
    m_line.clear();
    m_state = next;
}

void RequestFraming::endOfHead()
{
    QList<QByteArray> lengths;
    QByteArray transferEncoding, connection, upgrade;
    bool hasTransferEncoding = false;
    for (QByteArray line : m_line.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            lengths << value;
        } else if (name == "transfer-encoding") {
            if (hasTransferEncoding)
                return refuse(Refusal::Malformed);
            hasTransferEncoding = true;
            transferEncoding = value.toLower();
        } else if (name == "connection" && connection.isEmpty()) {
            connection = value.toLower();
        } else if (name == "upgrade" && upgrade.isEmpty()) {
            upgrade = value.toLower();
        }
    }
    m_line.clear();
    m_bodyBytes = 0;
    m_sawCr = false;
    if (hasTransferEncoding) {
        if (transferEncoding != "chunked" || !lengths.isEmpty())
            return refuse(Refusal::Malformed);
        m_state = State::ChunkSize;
        return;
    }
    qint64 length = 0;
    if (!lengths.isEmpty()) {
        if (!isDecimal(lengths.first()) || lengths.count(lengths.first()) != lengths.size())
            return refuse(Refusal::Malformed);
        length = lengths.first().toLongLong();
    }
    if (length > m_maxBodyBytes)
        return refuse(Refusal::BodyTooLarge);
    if (connection.contains("upgrade") && upgrade == "websocket") {
        if (length > 0)
            return refuse(Refusal::Malformed);
        m_state = State::Upgraded;
        return;
    }
    m_remaining = length;
    m_state = length > 0 ? State::Body : State::BeforeRequest;
}

void RequestFraming::endOfChunkSize()
{
    if (!m_line.endsWith("\r\n"))
        return refuse(Refusal::Malformed);
    QByteArrayView size(m_line.constData(), m_line.size() - 2);
    if (const qsizetype semicolon = size.indexOf(';'); semicolon >= 0)
        size = size.first(semicolon); // a chunk extension
    size = size.trimmed();
    if (!isHex(size))
        return refuse(Refusal::Malformed);
    const qint64 chunk = QByteArray(size.data(), size.size()).toLongLong(nullptr, 16);
    m_line.clear();
    if (chunk == 0) {
        m_state = State::LastChunkEnd; // no trailers: QHttpServer would read them as a request
        return;
    }
    m_bodyBytes += chunk;
    if (m_bodyBytes > m_maxBodyBytes)
        return refuse(Refusal::BodyTooLarge);
    m_remaining = chunk;
    m_state = State::ChunkData;
}

} // namespace clinico::server
