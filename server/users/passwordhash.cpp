// SPDX-License-Identifier: GPL-3.0-or-later
#include "users/passwordhash.h"

#include <sodium.h>

namespace clinico::server::PasswordHash {

namespace {
bool ready()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}
} // namespace

Result<QByteArray> hash(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (!ready()
        || crypto_pwhash_str_alg(out, utf8.constData(), quint64(utf8.size()),
               crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
               crypto_pwhash_ALG_ARGON2ID13)
            != 0)
        return makeError(
            QStringLiteral("storage_error"), QStringLiteral("Sem memória para proteger a senha."), 500);
    return QByteArray(out);
}

bool verify(const QByteArray &stored, const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    return ready() && !stored.isEmpty()
        && crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

} // namespace clinico::server::PasswordHash
