// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace clinico {

// An unguessable token from the system's random source, URL-safe base64 without padding:
// device tokens, ticket status tokens (the QR code), sessions.
QString randomUrlToken(int bytes = 16);

} // namespace clinico
