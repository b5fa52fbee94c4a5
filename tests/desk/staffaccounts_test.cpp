// SPDX-License-Identifier: GPL-3.0-or-later
// Staff accounts: argon2id hashes, sessions with expiry, the last admin, and login throttling,
// on a real SQLite file with a clock the test drives.
#include "storage/queuestore.h"
#include "support/teststore.h"
#include "users/loginthrottle.h"
#include "users/passwordhash.h"
#include "users/sessioncookie.h"
#include "users/userstore.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace clinico;
using namespace clinico::server;
using namespace clinico::protocol;
using namespace Qt::StringLiterals;

namespace {

UserChange newUser(const QString &username, const QString &role, const QString &password)
{
    UserChange c;
    c.username = username;
    c.displayName = username;
    c.role = role;
    c.password = password;
    return c;
}

class StaffAccountsTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(test::openTestStore(store, dir.path()).ok()); }

    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 11, 24), QTime(11, 0), Qt::UTC) };
    QueueStore store { clock, BusinessDay() };
    UserStore users { store.database(), clock, store.scope() };
};

} // namespace

TEST(PasswordHash, IsArgon2idSaltedAndVerifiesOnlyTheRightPassword)
{
    const auto a = PasswordHash::hash(u"correta-1234"_s);
    const auto b = PasswordHash::hash(u"correta-1234"_s);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_TRUE(a->startsWith("$argon2id$"));
    EXPECT_NE(*a, *b) << "each hash has its own salt";
    EXPECT_TRUE(PasswordHash::verify(*a, u"correta-1234"_s));
    EXPECT_FALSE(PasswordHash::verify(*a, u"correta-1235"_s));
    EXPECT_FALSE(PasswordHash::verify(QByteArray(), u"correta-1234"_s));
}

TEST_F(StaffAccountsTest, UsernamesAreCaseInsensitiveAndUnique)
{
    ASSERT_TRUE(users.add(newUser(u"CRM12345"_s, StaffRole::Doctor, u"senha-forte"_s)).ok());
    EXPECT_TRUE(users.verify(u"crm12345"_s, u"senha-forte"_s).has_value());
    const auto again = users.add(newUser(u"crm12345"_s, StaffRole::Doctor, u"outra-senha"_s));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().httpStatus, 409);
}

TEST_F(StaffAccountsTest, SessionsExpireAfterAWorkingDayAndEndOnPasswordChange)
{
    const auto ana = *users.add(newUser(u"ana"_s, StaffRole::Attendant, u"senha-da-ana"_s));
    const auto opened = users.openSession(ana);
    ASSERT_TRUE(opened.ok());
    const QString token = opened->second;
    const auto session = users.session(token);
    ASSERT_TRUE(session.has_value());
    EXPECT_EQ(session->deviceRole(), Role::Desk);
    EXPECT_EQ(session->csrfToken.size(), 43);
    EXPECT_FALSE(users.session(token + u"x"_s).has_value());

    clock.advanceMs(UserStore::kSessionLifetimeMs - 1000);
    EXPECT_TRUE(users.session(token).has_value());
    clock.advanceMs(2000);
    EXPECT_FALSE(users.session(token).has_value()) << "expired";

    const QString second = users.openSession(ana)->second;
    UserChange change;
    change.password = u"nova-senha-da-ana"_s;
    ASSERT_TRUE(users.update(ana.id, change).ok());
    EXPECT_FALSE(users.session(second).has_value()) << "a new password ends open sessions";
    EXPECT_FALSE(users.verify(u"ana"_s, u"senha-da-ana"_s).has_value());
    EXPECT_TRUE(users.verify(u"ana"_s, u"nova-senha-da-ana"_s).has_value());
}

TEST_F(StaffAccountsTest, DisabledAccountsCannotLogInAndTheLastAdminStays)
{
    const auto boss = *users.add(newUser(u"chefe"_s, StaffRole::Admin, u"senha-do-chefe"_s));
    UserChange demote;
    demote.role = StaffRole::Attendant;
    const auto refused = users.update(boss.id, demote);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().httpStatus, 409);

    const auto ana = *users.add(newUser(u"ana"_s, StaffRole::Attendant, u"senha-da-ana"_s));
    UserChange disable;
    disable.active = false;
    ASSERT_TRUE(users.update(ana.id, disable).ok());
    EXPECT_FALSE(users.verify(u"ana"_s, u"senha-da-ana"_s).has_value());
}

TEST_F(StaffAccountsTest, LoginThrottleLocksAnAccountAfterFiveFailuresUntilTheWindowPasses)
{
    LoginThrottle throttle { store.database(), store.work(), clock };
    const auto wait = [&](const QString &username, const QString &address) {
        const auto seconds = throttle.retryAfterSeconds(username, address);
        EXPECT_TRUE(seconds.ok());
        return seconds ? *seconds : -1;
    };
    for (int i = 0; i < LoginThrottle::kMaxFailuresPerAccount; ++i) {
        EXPECT_EQ(wait(u"bruno"_s, u"10.0.0.5"_s), 0);
        ASSERT_TRUE(throttle.recordFailure(u"Bruno"_s, u"10.0.0.5"_s).ok());
        clock.advanceMs(1000);
    }
    EXPECT_GT(wait(u"bruno"_s, u"10.0.0.9"_s), 14 * 60) << "the account, from any address";
    // Another throttle on the same database (another instance) sees the same failures.
    LoginThrottle elsewhere { store.database(), store.work(), clock };
    EXPECT_GT(*elsewhere.retryAfterSeconds(u"BRUNO"_s, u"10.0.0.9"_s), 14 * 60);
    EXPECT_EQ(wait(u"ana"_s, u"10.0.0.5"_s), 0) << "another account from the same address";
    clock.advanceMs(LoginThrottle::kWindowMs - 4000);
    EXPECT_EQ(wait(u"bruno"_s, u"10.0.0.5"_s), 0) << "the oldest failure left the window";
}

TEST_F(StaffAccountsTest, LoginThrottleLocksAnAddressThatTriesManyAccounts)
{
    LoginThrottle throttle { store.database(), store.work(), clock };
    for (int i = 0; i < LoginThrottle::kMaxFailuresPerAddress; ++i)
        ASSERT_TRUE(throttle.recordFailure(u"user%1"_s.arg(i), u"10.0.0.66"_s).ok());
    EXPECT_GT(*throttle.retryAfterSeconds(u"nova"_s, u"10.0.0.66"_s), 0);
    EXPECT_EQ(*throttle.retryAfterSeconds(u"nova"_s, u"10.0.0.67"_s), 0);
}

TEST_F(StaffAccountsTest, LoginThrottleForgetsAnAccountOnSuccessAndGivesTheAddressItsAttemptBack)
{
    LoginThrottle throttle { store.database(), store.work(), clock };
    for (int i = 0; i < LoginThrottle::kMaxFailuresPerAddress - 1; ++i)
        ASSERT_TRUE(throttle.recordFailure(u"user%1"_s.arg(i % 3), u"10.0.0.70"_s).ok());
    ASSERT_TRUE(throttle.recordFailure(u"ana"_s, u"10.0.0.70"_s).ok());
    EXPECT_GT(*throttle.retryAfterSeconds(u"nova"_s, u"10.0.0.70"_s), 0) << "20 failures from the address";
    ASSERT_TRUE(throttle.recordSuccess(u"Ana"_s, u"10.0.0.70"_s).ok());
    EXPECT_EQ(*throttle.retryAfterSeconds(u"nova"_s, u"10.0.0.70"_s), 0) << "the right attempt is not held";
    EXPECT_GT(*throttle.retryAfterSeconds(u"user0"_s, u"10.0.0.71"_s), 0) << "other accounts stay counted";

    // Failures out of the window are deleted as new ones come in: the table does not grow.
    clock.advanceMs(LoginThrottle::kWindowMs + 1000);
    ASSERT_TRUE(throttle.recordFailure(u"ana"_s, u"10.0.0.72"_s).ok());
    EXPECT_EQ(*throttle.retryAfterSeconds(u"user0"_s, u"10.0.0.70"_s), 0);
}

TEST(SessionCookie, ReadsTheTokenAndChecksTheOrigin)
{
    EXPECT_EQ(SessionCookie::tokenFrom("a=1; clinico_session=abc_DEF-1; b=2"), u"abc_DEF-1"_s);
    EXPECT_EQ(SessionCookie::tokenFrom("xclinico_session=abc"), QString());
    const QByteArray set = SessionCookie::setCookie(u"tok"_s, 60, false);
    EXPECT_TRUE(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Max-Age=60"));
    EXPECT_FALSE(set.contains("Secure"));
    // Behind an HTTPS reverse proxy (public URL https://...) the cookie never travels over HTTP.
    EXPECT_TRUE(SessionCookie::setCookie(u"tok"_s, 60, true).endsWith("; Secure"));
    const QByteArray signIn = SessionCookie::setSignInCookie(u"b"_s, 600, true);
    EXPECT_TRUE(
        signIn.contains("Path=/oidc/;") && signIn.contains("SameSite=Lax") && signIn.contains("Secure"));
    EXPECT_EQ(
        SessionCookie::tokenFrom("clinico_session=s; clinico_signin=b", SessionCookie::kSignInName), u"b"_s);
    EXPECT_TRUE(SessionCookie::originAllowed("http://127.0.0.1:8080", "127.0.0.1:8080"));
    EXPECT_TRUE(SessionCookie::originAllowed("http://clinica.local", "clinica.local"));
    EXPECT_TRUE(SessionCookie::originAllowed("", "127.0.0.1:8080"));
    EXPECT_FALSE(SessionCookie::originAllowed("http://evil.example", "127.0.0.1:8080"));
    EXPECT_FALSE(SessionCookie::originAllowed("http://127.0.0.1:9999", "127.0.0.1:8080"));
    EXPECT_FALSE(SessionCookie::originAllowed("null", "127.0.0.1:8080"));
}
