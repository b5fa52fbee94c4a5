// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QTcpSocket;
class QWebSocket;

namespace clinico::server {

// When the server closes a WebSocket whose client is still sending (a message over the
// limit), QWebSocket writes the close frame and closes the connection at once. The kernel
// answers the bytes still arriving with a reset, and a client busy writing may lose the close
// frame before it reads it: it reports 1000 or 1006 instead of the 1009 or 4xxx it was given.
// Like nginx's lingering close, `tcp`'s connection is held open a little longer after
// `socket` closes it: what still arrives is read and thrown away until the client closes too,
// or kLingerMs have passed. Call it once, right after the socket is created.
void lingerOnClose(QWebSocket *socket, QTcpSocket *tcp);

inline constexpr int kLingerMs = 2000;

} // namespace clinico::server
