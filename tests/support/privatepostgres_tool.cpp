// SPDX-License-Identifier: GPL-3.0-or-later
// clinico-private-postgres: the tests' private PostgreSQL (support/privatepostgres.h) for tests
// written in another language, such as the desk's browser tests, so there is one way to start
// one. It starts a fresh cluster on loopback and then reads database names on stdin, one per
// line: it creates each and prints its URL (postgresql://postgres@127.0.0.1:<port>/<name>), or
// "error" when it could not. When stdin closes (the test ended, however it ended) it stops the
// cluster and exits; killed, its cluster dies with it. It prints "error" and exits 1 if
// PostgreSQL does not start.
#include "support/privatepostgres.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    clinico::test::PrivatePostgres postgres;
    if (!postgres.start()) {
        std::cerr << qPrintable(postgres.log()) << '\n';
        std::cout << "error" << std::endl;
        return 1;
    }
    static const QRegularExpression name(QStringLiteral("^[a-z][a-z0-9_]{0,62}$"));
    for (std::string line; std::getline(std::cin, line);) {
        const QString database = QString::fromStdString(line).trimmed();
        const bool made = name.match(database).hasMatch() && postgres.createDatabase(database);
        std::cout << (made ? qPrintable(postgres.url(database)) : "error") << std::endl;
    }
    postgres.stop();
    return 0;
}
