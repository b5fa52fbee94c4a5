// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin/admincli.h"

#include "auth/deviceauth.h"
#include "config/serverconfig.h"
#include "retention/retentionjob.h"
#include "storage/datacopy.h"
#include "storage/queuestore.h"
#include "storage/schema.h"
#include "users/userstore.h"

#include <QCommandLineParser>
#include <QFile>
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

// The README's demo logins for the desk console (printed by scripts/run-local.sh).
struct DemoUser
{
    const char *username;
    const char *name;
    const char *role;
    const char *password;
};
constexpr DemoUser kDemoUsers[] = { { "admin", "Administração", "admin", "admin-demo" },
    { "recepcao", "Ana (recepção)", "attendant", "recepcao-demo" },
    { "dra.lima", "Dra. Lima", "doctor", "medica-demo" } };

int addDemoUsers(UserStore &users)
{
    if (!users.users().isEmpty())
        return 0;
    for (const DemoUser &u : kDemoUsers) {
        protocol::UserChange change;
        change.username = QString::fromLatin1(u.username);
        change.displayName = QString::fromUtf8(u.name);
        change.role = QString::fromLatin1(u.role);
        change.password = QString::fromLatin1(u.password);
        if (auto added = users.add(change); !added)
            return fail(added.error().message);
    }
    out() << "Demo console logins: admin / admin-demo, recepcao / recepcao-demo, dra.lima / medica-demo"
          << Qt::endl;
    return 0;
}

// The demo clinic of the README: a few services and counters, one device of each kind.
int demoSetup(QueueStore &store, const ServerConfig &config)
{
    SystemClock clock;
    UserStore users(store.database(), clock, store.scope());
    if (int rc = addDemoUsers(users); rc != 0)
        return rc;
    if (!store.catalog().services().isEmpty()) {
        out() << "Demo clinic already set up in " << config.dataDir << Qt::endl;
        return 0;
    }
    struct S
    {
        const char *prefix;
        const char *name;
    };
    const S services[] = { { "R", "Recepção" }, { "C", "Consulta médica" }, { "E", "Exames e coleta" } };
    QList<qint64> ids;
    for (const S &s : services) {
        auto svc = store.catalog().addService(QString::fromLatin1(s.prefix), QString::fromUtf8(s.name));
        if (!svc)
            return fail(svc.error().message);
        ids << svc->id;
    }
    const std::pair<const char *, QList<qint64>> counters[] = {
        { "Guichê 1", { ids[0] } },
        { "Guichê 2", { ids[0], ids[2] } },
        { "Consultório 3", { ids[1] } },
        { "Consultório 5", { ids[1] } },
        { "Sala de coleta", { ids[2] } },
    };
    for (const auto &[name, serviceIds] : counters) {
        if (auto c = store.catalog().addCounter(QString::fromUtf8(name), serviceIds); !c)
            return fail(c.error().message);
    }
    protocol::DisplaySettings display;
    display.clinicName = QStringLiteral("Clínica Boa Saúde");
    display.notice = QStringLiteral("Mantenha seus documentos em mãos. Dúvidas? Fale com a recepção.");
    if (Status s = store.catalog().setDisplaySettings(display); !s)
        return fail(s.error().message);

    QSettings tokens(config.dataDir + QStringLiteral("/demo-tokens.ini"), QSettings::IniFormat);
    for (const auto &[role, name] : { std::pair { protocol::Role::Totem, QStringLiteral("Totem da entrada") },
             std::pair { protocol::Role::Tv, QStringLiteral("TV da sala de espera") },
             std::pair { protocol::Role::Desk, QStringLiteral("Mesa da recepção") },
             std::pair { protocol::Role::Admin, QStringLiteral("Administração") } }) {
        const QString token = DeviceAuth::generateToken();
        if (auto d = store.devices().addDevice(name, role, DeviceAuth::hashToken(token)); !d)
            return fail(d.error().message);
        tokens.setValue(role, token);
    }
    tokens.sync();
    out() << "Demo clinic created; device tokens in " << tokens.fileName() << Qt::endl;
    return 0;
}

int addUser(QueueStore &store, const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("password-stdin")))
        return fail(
            QStringLiteral("give the password on stdin with --password-stdin (never on the command line)"));
    protocol::UserChange change;
    change.username = parser.value(QStringLiteral("username"));
    if (parser.isSet(QStringLiteral("display-name")))
        change.displayName = parser.value(QStringLiteral("display-name"));
    change.role = parser.isSet(QStringLiteral("admin")) || parser.isSet(QStringLiteral("network-admin"))
        ? protocol::StaffRole::Admin
        : parser.isSet(QStringLiteral("role")) ? parser.value(QStringLiteral("role"))
                                               : protocol::StaffRole::Attendant;
    QTextStream in(stdin);
    change.password = in.readLine();
    // The same checks as the console's (name pattern, role, password length).
    auto checked = protocol::UserChange::fromJson(change.toJson());
    if (!checked)
        return fail(checked.error().message);
    SystemClock clock;
    UserStore users(store.database(), clock, store.scope());
    auto user = users.add(*checked, parser.isSet(QStringLiteral("network-admin")));
    if (!user)
        return fail(user.error().message);
    store.audit().record(Actor { 0, QStringLiteral("cli") }, QStringLiteral("user.add"), 0,
        QStringLiteral("%1 (%2)").arg(user->username, user->role));
    err() << "User " << user->username << " (" << user->role << ") created." << Qt::endl;
    out() << user->id << Qt::endl;
    return 0;
}

int migrate(const QCommandLineParser &parser, ServerConfig config)
{
    const auto from = DatabaseAddress::parse(parser.value(QStringLiteral("from")));
    const auto to = DatabaseAddress::parse(parser.value(QStringLiteral("to")));
    if (!from || !to)
        return fail(QStringLiteral("migrate: %1").arg((from ? to : from).error().message));
    if (from->engine() == DatabaseAddress::Engine::Sqlite && !QFile::exists(from->sqliteFile()))
        return fail(QStringLiteral("migrate: %1 não existe.").arg(from->sqliteFile()));
    // The registry stays sealed with the clinic's key: the source's (beside its SQLite file
    // unless --patient-key-file says otherwise) is the target's.
    config.database = *from;
    const QString keyFile = config.patientKeyPath();
    SystemClock clock;
    QueueStore source(clock, BusinessDay(config.resetTime, config.timeZone));
    QueueStore target(clock, BusinessDay(config.resetTime, config.timeZone));
    if (Status s = source.open(*from, keyFile); !s)
        return fail(s.error().message);
    if (Status s = target.open(*to, keyFile); !s)
        return fail(s.error().message);
    const auto copied = copyDatabase(source.database(), target.database());
    if (!copied)
        return fail(copied.error().message);
    err() << "Copied " << copied->rows << " rows in " << copied->tables << " tables from " << from->display()
          << " to " << to->display() << "." << Qt::endl;
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
        "  unit add --name NAME [--time-zone America/Manaus]   another clinic on this database (prints its "
        "id)\n"
        "  unit list                                           units: id, name, time zone\n"
        "  --unit ID with any command below: work in that unit (default: the first, 1)\n"
        "  device add --role totem|tv|desk|admin --name NAME   create a device token (printed once)\n"
        "  device list                                         devices, last seen, version, last status\n"
        "  device revoke --id ID\n"
        "  service add --prefix C --name NAME\n"
        "  counter add --name \"Consultório 3\" --services 1,2\n"
        "  setting set --key KEY --value VALUE                 e.g. policy/normalEvery 3\n"
        "  patient set --cpf CPF [--name NAME] [--birth-date yyyy-MM-dd]  registry data (age class, first "
        "name on TV)\n"
        "  patient rotate-key                                  new registry key, every record resealed "
        "(server "
        "stopped)\n"
        "  demo-setup                                          the README's demo clinic\n"
        "  user add --username NAME [--display-name \"Ana Souza\"] [--role attendant|doctor|admin | "
        "--admin]\n"
        "           [--network-admin] --password-stdin         a console login (password read from stdin)\n"
        "  user list\n"
        "  retention run                                       unlink patients older than the retention "
        "setting now\n"
        "  migrate --from sqlite:/var/lib/clinico --to postgresql://user@host:port/db\n"
        "                                                      copy a clinic's data, history and events "
        "included, into an empty database (server stopped)"));
    parser.addHelpOption();
    ServerConfig::addOptions(parser);
    for (const char *name : { "role", "name", "id", "prefix", "services", "key", "value", "cpf", "birth-date",
             "username", "display-name", "from", "to", "unit" })
        parser.addOption({ QString::fromLatin1(name), QString::fromLatin1(name), QStringLiteral("value") });
    parser.addOption(
        { QStringLiteral("admin"), QStringLiteral("user add: an administrator (same as --role admin).") });
    parser.addOption(
        { QStringLiteral("password-stdin"), QStringLiteral("user add: read the password from stdin.") });
    parser.addOption({ QStringLiteral("network-admin"),
        QStringLiteral("user add: an administrator of no unit, who manages the units of the network.") });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do."));
    parser.process(arguments);
    const QStringList args = parser.positionalArguments();
    const QString command = args.join(u' ');

    auto config = ServerConfig::load(parser);
    if (!config)
        return fail(config.error().message);
    if (command == QLatin1String("migrate"))
        return migrate(parser, *config);
    SystemClock clock;
    QueueStore store(clock, BusinessDay(config->resetTime, config->timeZone));
    if (Status s = store.open(config->database, config->patientKeyPath()); !s)
        return fail(s.error().message);
    const qint64 unitId = parser.isSet(QStringLiteral("unit"))
        ? parser.value(QStringLiteral("unit")).toLongLong()
        : UnitScope::kFirstUnit;
    auto entered = store.enterUnit(unitId);
    if (!entered)
        return fail(entered.error().message);

    if (command == QLatin1String("unit add")) {
        auto unit
            = protocol::Unit::fromJson({ { QStringLiteral("name"), parser.value(QStringLiteral("name")) },
                { QStringLiteral("timeZone"), parser.value(QStringLiteral("time-zone")) } });
        if (!unit)
            return fail(unit.error().message);
        auto added = store.units().add(*unit);
        if (!added)
            return fail(added.error().message);
        out() << added->id << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("unit list")) {
        for (const protocol::Unit &u : store.units().units())
            out() << u.id << '\t' << u.name << '\t'
                  << (u.timeZone.isEmpty() ? QString::fromLatin1(config->timeZone) : u.timeZone) << Qt::endl;
        return 0;
    }

    if (command == QLatin1String("device add")) {
        const QString token = DeviceAuth::generateToken();
        auto device = store.devices().addDevice(parser.value(QStringLiteral("name")),
            parser.value(QStringLiteral("role")), DeviceAuth::hashToken(token));
        if (!device)
            return fail(device.error().message);
        err() << "Device " << device->id << " (" << device->role
              << ") created. Its token is shown only now:" << Qt::endl;
        out() << token << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("device list")) {
        for (const DeviceRecord &d : store.devices().all())
            out() << d.id << '\t' << d.role << '\t' << d.name << '\t' << (d.revoked ? "revoked" : "active")
                  << '\t'
                  << (d.lastSeenMs ? QDateTime::fromMSecsSinceEpoch(d.lastSeenMs).toString(Qt::ISODate)
                                   : QStringLiteral("never"))
                  << '\t' << d.version << '\t'
                  << QString::fromUtf8(QJsonDocument(d.status).toJson(QJsonDocument::Compact)) << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("device revoke")) {
        Status s = store.devices().revokeDevice(parser.value(QStringLiteral("id")).toLongLong());
        return s ? 0 : fail(s.error().message);
    }
    if (command == QLatin1String("service add")) {
        auto s = store.catalog().addService(
            parser.value(QStringLiteral("prefix")), parser.value(QStringLiteral("name")));
        if (!s)
            return fail(s.error().message);
        out() << s->id << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("counter add")) {
        auto c = store.catalog().addCounter(
            parser.value(QStringLiteral("name")), parseIds(parser.value(QStringLiteral("services"))));
        if (!c)
            return fail(c.error().message);
        out() << c->id << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("setting set")) {
        Status s = store.catalog().setSetting(
            parser.value(QStringLiteral("key")), parser.value(QStringLiteral("value")));
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
        Status s = store.patients().setPatient(*cpf, parser.value(QStringLiteral("name")), born);
        return s ? 0 : fail(s.error().message);
    }
    if (command == QLatin1String("patient rotate-key")) {
        auto resealed = store.patients().rotatePatientKey();
        if (!resealed)
            return fail(resealed.error().message);
        err() << *resealed << " patient records resealed with a new key; the old keys are gone." << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("user add"))
        return addUser(store, parser);
    if (command == QLatin1String("user list")) {
        UserStore users(store.database(), clock, store.scope());
        for (const protocol::StaffUser &u : users.users())
            out() << u.id << '\t' << u.username << '\t' << u.role << '\t'
                  << (u.active ? "active" : "disabled") << '\t' << u.displayName << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("retention run")) {
        RetentionJob job(store, clock);
        auto r = job.runOnce();
        if (!r)
            return fail(r.error().message);
        out() << "Before " << r->cutoffDay << ": " << r->ticketsUnlinked << " tickets unlinked, "
              << r->patientsRemoved << " patient records removed" << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("demo-setup"))
        return demoSetup(store, *config);
    return fail(QStringLiteral("unknown command '%1' (try --help)").arg(command));
}

} // namespace clinico::server
