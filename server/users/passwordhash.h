// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace clinico::server::PasswordHash {

// argon2id through libsodium (crypto_pwhash_str): the salt and the cost are in the string, so
// raising the cost later still verifies old hashes. Interactive limits: about 0.1 s and 64 MiB.
Result<QByteArray> hash(const QString &password);
bool verify(const QByteArray &stored, const QString &password);

} // namespace clinico::server::PasswordHash
