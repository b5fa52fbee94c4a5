// SPDX-License-Identifier: GPL-3.0-or-later
// The CPF parser, on any text a patient or a client could send; and the log mask, which must
// never give the whole number away.
#include "cpf/cpf.h"

#include <cstdlib>

using namespace clinico;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString logged = Cpf::maskForLog(text);
    auto cpf = Cpf::parse(text);
    if (!cpf)
        return 0;
    if (cpf->digits().size() != 11 || !Cpf::parse(cpf->digits()))
        std::abort();
    if (logged.contains(cpf->digits()) || cpf->masked().contains(cpf->digits()))
        std::abort(); // a whole CPF in a log line
    return 0;
}
