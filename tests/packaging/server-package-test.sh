#!/usr/bin/env bash
# The clinico-server package on a clean Debian 12, as a clinic's IT would use it:
#   1. apt-get install ./clinico-server_*.deb into a bare minbase root (dependencies resolve);
#   2. boot that root with systemd-nspawn: the unit is enabled, started, READY, /healthz answers;
#      a device token is created with the admin CLI and works against the API;
#   3. install a rebuilt package with a higher version: the unit is restarted on it, the token
#      (the database) and an edited server.conf survive;
#   4. apt-get purge: the unit is gone, and so are /var/lib/clinico and /etc/clinico/server.conf.
# Usage: server-package-test.sh BUILD_DIR. Needs root, mmdebstrap, systemd-nspawn and the
# network to Debian's mirror (this machine's apt sources). Exits 77 (ctest SKIP) when the
# tools are missing or when this machine cannot run a container (inside a chroot, as in CI).
# The bare root is cached under BUILD_DIR/packaging-cache, keyed by its package list, for a
# week (its apt lists must still match the mirror); downloaded .debs are cached there too.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)"
work="$build/packaging-test"
cache="$build/packaging-cache"
started=$SECONDS

source "$(dirname "$0")/container.sh"
container_requirements cpack

# --- the packages: this build, and the same binaries as a newer version ------------------------
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
upgrade_version="$version+upgradetest1"
rm -rf "$work"
mkdir -p "$work" "$cache/archives/partial"
BUILD_DIR="$build" PACKAGE_DIR="$work/debs/old" "$root/scripts/package.sh" --no-lintian >/dev/null
BUILD_DIR="$build" PACKAGE_DIR="$work/debs/new" PACKAGE_VERSION="$upgrade_version" \
    "$root/scripts/package.sh" --no-lintian >/dev/null
step "packages $version and $upgrade_version built"

# --- a bare Debian 12 with systemd (to boot) and curl (to ask /healthz) ----------------------------
base_packages=(systemd systemd-sysv dbus curl ca-certificates)
key=$(printf '%s\n' bookworm minbase "${base_packages[@]}" | sha256sum | cut -c1-12)
base="$cache/base-$key"
if [ ! -f "$base/.built" ] || [ -n "$(find "$base/.built" -mtime +7)" ]; then
    rm -rf --one-file-system "$base" "$base.new"
    # With no mirror argument mmdebstrap uses this machine's apt sources; the apt lists stay,
    # so apt-get install works offline-first inside the copy.
    unshare --mount --propagation private -- mmdebstrap --quiet --mode=root --variant=minbase \
        --include="$(IFS=,; echo "${base_packages[*]}")" --skip=cleanup/apt/lists bookworm "$base.new" \
        >"$cache/mmdebstrap.log" 2>&1 || { tail -20 "$cache/mmdebstrap.log"; fail "mmdebstrap failed"; }
    touch "$base.new/.built"
    mv "$base.new" "$base"
    step "bare root built: $base"
fi
sysroot="$work/root"
cp -a --reflink=auto "$base" "$sysroot"
rm -f "$sysroot/.built"

"${nspawn[@]}" -D "$sysroot" --pipe /bin/true >"$work/probe.log" 2>&1 ||
    skip "systemd-nspawn cannot run a container here ($(tail -1 "$work/probe.log"))"

# --- 1. apt-get install on the bare root: every dependency must resolve from Debian ---------------
debs="--bind-ro=$work/debs:/debs"
"${nspawn[@]}" -D "$sysroot" --pipe "$debs" --bind="$cache/archives:/var/cache/apt/archives" \
    --setenv=DEBIAN_FRONTEND=noninteractive \
    sh -c 'apt-get install -y -q --no-install-recommends /debs/old/clinico-server_*.deb' \
    >"$work/install.log" 2>&1 || { tail -30 "$work/install.log"; fail "apt-get install ./clinico-server_*.deb"; }
step "installed with apt-get on a bare root ($(grep -c '^Setting up' "$work/install.log") packages set up)"

# --- 2. boot it: the postinst enabled the unit, systemd starts it ---------------------------------
boot_container "$sysroot" "$work/boot.log" "$debs"

server_property() { unit_property clinico-server.service "$1"; }
check_serving() {
    [ "$(server_property ActiveState)" = active ] ||
        { inside journalctl -u clinico-server --no-pager | tail -20; fail "clinico-server.service is $(server_property ActiveState)"; }
    inside curl -sf --max-time 5 http://127.0.0.1:8080/healthz >/dev/null || fail "/healthz does not answer"
}
wait_active() {
    for _ in $(seq 100); do [ "$(server_property ActiveState)" = active ] && return 0; sleep 0.1; done
}
wait_active
check_serving
[ "$(inside systemctl is-enabled clinico-server.service)" = enabled ] || fail "the unit is not enabled"
[ "$(server_property User)" = clinico ] || fail "the unit does not run as clinico"
# The server pings the watchdog from its event loop (READY came first: the unit is active).
[ "$(server_property WatchdogTimestampMonotonic)" != 0 ] || fail "the server never fed the watchdog"
[ "$(inside stat -c %U /var/lib/clinico)" = clinico ] || fail "/var/lib/clinico is not the clinico user's"
step "clinico-server.service active, /healthz answers"

# The admin CLI runs as the service's user, so the database stays the service's.
token=$(inside runuser -u clinico -- clinico-server device add --role totem --name "Totem teste" 2>/dev/null)
[ -n "$token" ] || fail "clinico-server device add printed no token"
api_status() {
    inside curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $1" \
        http://127.0.0.1:8080/api/v1/services
}
[ "$(api_status "$token")" = 200 ] || fail "the new device token is refused"
[ "$(api_status wrong-token)" = 401 ] || fail "a wrong token is not refused with 401"
# An administrator's edit of the conffile, which an upgrade must keep.
inside sed -i 's/^idleTimeoutS=.*/idleTimeoutS=61/' /etc/clinico/server.conf
step "device token created with the admin CLI and accepted by the API"

# --- 3. upgrade -----------------------------------------------------------------------------------
before=$(server_property InvocationID)
inside env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get install -y -q /debs/new/clinico-server_*.deb' \
    >"$work/upgrade.log" 2>&1 || { tail -30 "$work/upgrade.log"; fail "upgrade with apt-get"; }
[ "$(inside dpkg-query -W -f='${Version}' clinico-server)" = "$upgrade_version" ] || fail "not upgraded"
wait_active
[ "$(server_property InvocationID)" != "$before" ] || fail "the upgrade did not restart the server"
check_serving
[ "$(api_status "$token")" = 200 ] || fail "after the upgrade the device token is refused: data lost"
inside grep -q '^idleTimeoutS=61$' /etc/clinico/server.conf || fail "the upgrade overwrote server.conf"
step "upgraded to $upgrade_version: restarted, the token and the edited server.conf kept"

# --- 4. remove keeps the data, purge deletes it -----------------------------------------------------
inside env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q clinico-server >"$work/remove.log" 2>&1 ||
    { tail -30 "$work/remove.log"; fail "apt-get remove"; }
[ "$(server_property ActiveState)" = inactive ] || fail "remove left the server running"
[ -n "$(inside ls -A /var/lib/clinico)" ] || fail "remove deleted the data"
inside env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q clinico-server >"$work/purge.log" 2>&1 ||
    { tail -30 "$work/purge.log"; fail "apt-get purge"; }
! inside test -e /var/lib/clinico || fail "purge left /var/lib/clinico"
! inside test -e /etc/clinico/server.conf || fail "purge left /etc/clinico/server.conf"
step "remove kept /var/lib/clinico; purge deleted it and server.conf"

stop_container
trap - EXIT
step "container powered off"
rm -rf --one-file-system "$sysroot"
echo "PASS in $((SECONDS - started)) s"
