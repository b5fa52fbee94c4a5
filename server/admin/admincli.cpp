// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin/admincli.h"

#include "auth/deviceauth.h"
#include "config/serverconfig.h"
#include "storage/queuestore.h"
#include "storage/schema.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QSettings>
#include <QTextStream>

namespace clinico::server {

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message)
{
    err() << "clinico-server: " << message << Qt::endl;
    return 1;
}

// The demo clinic of the README: a few services and counters, one device of each kind.
int demoSetup(QueueStore &store, const ServerConfig &config)
{
    if (!store.services().isEmpty()) {
        out() << "Demo clinic already set up in " << config.dataDir << Qt::endl;
        return 0;
    }
    struct S { const char *prefix; const char *name; };
    const S services[] = { { "R", "Recepção" }, { "C", "Consulta médica" }, { "E", "Exames e coleta" } };
    QList<qint64> ids;
    for (const S &s : services) {
        auto svc = store.addService(QString::fromLatin1(s.prefix), QString::fromUtf8(s.name));
        if (!svc)
            return fail(svc.error().message);
        ids << svc->id;
    }
    const std::pair<const char *, QList<qint64>> counters[] = {
        { "Guichê 1", { ids[0] } }, { "Guichê 2", { ids[0], ids[2] } },
        { "Consultório 3", { ids[1] } }, { "Consultório 5", { ids[1] } }, { "Sala de coleta", { ids[2] } },
    };
    for (const auto &[name, serviceIds] : counters) {
        if (auto c = store.addCounter(QString::fromUtf8(name), serviceIds); !c)
            return fail(c.error().message);
    }
    protocol::DisplaySettings display;
    display.clinicName = QStringLiteral("Clínica Boa Saúde");
    display.notice = QStringLiteral("Mantenha seus documentos em mãos. Dúvidas? Fale com a recepção.");
    if (Status s = store.setDisplaySettings(display); !s)
        return fail(s.error().message);

    QSettings tokens(config.dataDir + QStringLiteral("/demo-tokens.ini"), QSettings::IniFormat);
    for (const auto &[role, name] : { std::pair { protocol::Role::Totem, QStringLiteral("Totem da entrada") },
                                      std::pair { protocol::Role::Tv, QStringLiteral("TV da sala de espera") },
                                      std::pair { protocol::Role::Desk, QStringLiteral("Mesa da recepção") },
                                      std::pair { protocol::Role::Admin, QStringLiteral("Administração") } }) {
        const QString token = DeviceAuth::generateToken();
        if (auto d = store.addDevice(name, role, DeviceAuth::hashToken(token)); !d)
            return fail(d.error().message);
        tokens.setValue(role, token);
    }
    tokens.sync();
    out() << "Demo clinic created; device tokens in " << tokens.fileName() << Qt::endl;
    return 0;
}

QList<qint64> parseIds(const QString &text)
{
    QList<qint64> ids;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        ids << part.trimmed().toLongLong();
    return ids;
}

} // namespace

int runAdminCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Commands:\n"
        "  device add --role totem|tv|desk|admin --name NAME   create a device token (printed once)\n"
        "  device list                                         devices, last seen, version, last status\n"
        "  device revoke --id ID\n"
        "  service add --prefix C --name NAME\n"
        "  counter add --name \"Consultório 3\" --services 1,2\n"
        "  setting set --key KEY --value VALUE                 e.g. policy/normalEvery 3\n"
        "  patient set --cpf CPF [--name NAME] [--birth-date yyyy-MM-dd]  registry data (age class, first name on TV)\n"
        "  demo-setup                                          the README's demo clinic"));
    parser.addHelpOption();
    ServerConfig::addOptions(parser);
    for (const char *name : { "role", "name", "id", "prefix", "services", "key", "value", "cpf", "birth-date" })
        parser.addOption({ QString::fromLatin1(name), QString::fromLatin1(name), QStringLiteral("value") });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do."));
    parser.process(arguments);
    const QStringList args = parser.positionalArguments();
    const QString command = args.join(u' ');

    auto config = ServerConfig::load(parser);
    if (!config)
        return fail(config.error().message);
    SystemClock clock;
    QueueStore store(clock, BusinessDay(config->resetTime, config->timeZone));
    if (Status s = store.open(config->databasePath()); !s)
        return fail(s.error().message);

    if (command == QLatin1String("device add")) {
        const QString token = DeviceAuth::generateToken();
        auto device = store.addDevice(parser.value(QStringLiteral("name")), parser.value(QStringLiteral("role")),
                                      DeviceAuth::hashToken(token));
        if (!device)
            return fail(device.error().message);
        err() << "Device " << device->id << " (" << device->role << ") created. Its token is shown only now:" << Qt::endl;
        out() << token << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("device list")) {
        for (const DeviceRecord &d : store.devices())
            out() << d.id << '\t' << d.role << '\t' << d.name << '\t' << (d.revoked ? "revoked" : "active") << '\t'
                  << (d.lastSeenMs ? QDateTime::fromMSecsSinceEpoch(d.lastSeenMs).toString(Qt::ISODate) : QStringLiteral("never"))
                  << '\t' << d.version << '\t'
                  << QString::fromUtf8(QJsonDocument(d.status).toJson(QJsonDocument::Compact)) << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("device revoke")) {
        Status s = store.revokeDevice(parser.value(QStringLiteral("id")).toLongLong());
        return s ? 0 : fail(s.error().message);
    }
    if (command == QLatin1String("service add")) {
        auto s = store.addService(parser.value(QStringLiteral("prefix")), parser.value(QStringLiteral("name")));
        if (!s)
            return fail(s.error().message);
        out() << s->id << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("counter add")) {
        auto c = store.addCounter(parser.value(QStringLiteral("name")), parseIds(parser.value(QStringLiteral("services"))));
        if (!c)
            return fail(c.error().message);
        out() << c->id << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("setting set")) {
        Status s = store.setSetting(parser.value(QStringLiteral("key")), parser.value(QStringLiteral("value")));
        return s ? 0 : fail(s.error().message);
    }
    if (command == QLatin1String("patient set")) {
        auto cpf = Cpf::parse(parser.value(QStringLiteral("cpf")));
        if (!cpf)
            return fail(cpf.error().message);
        const QString birth = parser.value(QStringLiteral("birth-date"));
        const QDate born = QDate::fromString(birth, Qt::ISODate);
        if (!birth.isEmpty() && !born.isValid())
            return fail(QStringLiteral("data de nascimento inválida (use aaaa-mm-dd)"));
        Status s = store.setPatient(*cpf, parser.value(QStringLiteral("name")), born);
        return s ? 0 : fail(s.error().message);
    }
    if (command == QLatin1String("demo-setup"))
        return demoSetup(store, *config);
    return fail(QStringLiteral("unknown command '%1' (try --help)").arg(command));
}

} // namespace clinico::server
