#!/usr/bin/env bash
# Updates with automatic rollback, on the kiosk's disk booted under QEMU (UEFI, systemd-boot
# boot counting). The update folder (build.sh's update/ROLE/, plus two versions made from it)
# is served over HTTP from the host; the kiosk looks for updates at every boot here (at 03:30
# on a real one).
#   0. version 2 signed with a key other than the image's is refused;
#   1. version 1 (slot A) installs version 2 into slot B and restarts into it on probation;
#      version 2 passes its health check and is kept (its entry blessed), and after a restart
#      it is still what runs;
#   2. version 2 installs version 3, whose app cannot start: version 3 fails its health check
#      at each of its 2 tries, and the kiosk comes back to version 2 by itself, the app on
#      screen, and does not install version 3 again.
# Prints the update's download size and the times. Usage: qemu-update-test.sh totem|tv BUILD_DIR
set -euo pipefail
role=${1:?usage: $0 totem|tv BUILD_DIR}
build="$(cd "${2:?usage: $0 totem|tv BUILD_DIR}" && pwd)"
work="$build/image-test/qemu-update-$role"
image="$build/image/$role/clinico-$role.img"
update="$build/image/$role/update/$role"
. "$(dirname "$0")/qemu-lib.sh"

qemu_require
[ "$(id -u)" -eq 0 ] || skip "needs root (debugfs writes files owned by root into the disk)"
[ -f "$image" ] && [ -f "$update/latest" ] || skip "no A/B image: run packaging/image/build.sh $role first"
rm -rf "$work"
mkdir -p "$work/www/$role"
v1=$(cat "$update/latest")
# Newer versions for dpkg and for systemd-boot alike: a longer last number.
v2=${v1}1 v3=${v1}2

# The test's copies get the kiosk unit's TCG limits and look for updates at every boot.
for_tests() {
    tcg_dropin "$1" "$2"
    part_link "$1" "$2" /etc/systemd/system/multi-user.target.wants/clinico-update.service \
        /etc/systemd/system/clinico-update.service
}
# Versions are signed with the key the image carries (build.sh used the same one).
signer="$(dirname "$0")/../../packaging/image/update-key.sh"
# make_version VERSION [broken]: VERSION in the served folder, from version 1's root filesystem.
zstd -q -dc "$update/$v1/root.img.zst" >"$work/root-v1.img"
make_version() {
    local v=$1 dir="$work/www/$role/$1" fs
    mkdir -p "$dir"
    cp --sparse=always "$work/root-v1.img" "$work/root.img"
    fs="$work/root.img"
    echo "$v" >"$work/image-version"
    debugfs -w -R "rm /usr/lib/clinico/image-version" "$fs" >/dev/null 2>&1
    debugfs -w -R "write $work/image-version /usr/lib/clinico/image-version" "$fs" >/dev/null 2>&1
    for_tests "$fs" ''
    if [ "${2:-}" = broken ]; then
        printf '#!/bin/sh\necho "clinico-%s: broken on purpose (update test)" >&2\nexit 1\n' "$role" >"$work/broken"
        chmod 0755 "$work/broken"
        debugfs -w -R "rm /usr/bin/clinico-$role" "$fs" >/dev/null 2>&1
        debugfs -w -R "write $work/broken /usr/bin/clinico-$role" "$fs" >/dev/null 2>&1
    fi
    e2fsck -fn "$fs" >/dev/null 2>&1 || fail "the test's root filesystem for $v is not clean"
    zstd -q -3 -T0 "$fs" -o "$dir/root.img.zst"
    cp "$update/$v1/vmlinuz" "$update/$v1/initrd.img" "$dir/"
    (cd "$dir" && sha256sum root.img.zst vmlinuz initrd.img >SHA256SUMS)
    "$signer" sign "$dir"
    rm -f "$fs"
}
make_version "$v2"
make_version "$v3" broken
rm -f "$work/root-v1.img"
step "versions 2 ($v2) and 3 ($v3, broken) made; the download: $(du -sm "$work/www/$role/$v2" | cut -f1) MiB"

disk="$work/disk.img"
cp --sparse=always "$image" "$disk"
for_tests "$disk" root-a
esp="$disk@@$(part_offset "$disk" esp)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '[update]\r\nurl=http://10.0.2.2:%s/\r\n' "$port" >"$work/clinico-update.conf"
mcopy -i "$esp" "$work/clinico-update.conf" ::/clinico-update.conf
python3 -m http.server --bind 127.0.0.1 --directory "$work/www" "$port" >"$work/http.log" 2>&1 &
http=$!
trap 'qemu_kill; kill "$http" 2>/dev/null || true' EXIT
entries() { mdir -b -i "$esp" ::/loader/entries | sed 's|.*/||' | sort | tr '\n' ' '; }
serve() { echo "$1" >"$work/www/$role/latest"; }

# 0. A version signed with another key (someone else's server on the clinic's network) is
#    refused before anything is written.
cp "$work/www/$role/$v2/SHA256SUMS.sig" "$work/good.sig"
CLINICO_UPDATE_KEY_DIR="$work/other-key" "$signer" sign "$work/www/$role/$v2" 2>/dev/null
serve "$v2"
qemu_start "$disk" -nic user,model=virtio-net-pci
t=$(wait_log "$work/journal.log" "clinico-update: $v2: not signed with this kiosk's update key" 600) ||
    { tail -20 "$work/journal.log"; fail "version 2 signed with another key was not refused"; }
step "version 2 signed with another key refused (${t} s after power on)"
# 1. A good update is installed, proves itself and is kept.
cp "$work/good.sig" "$work/www/$role/$v2/SHA256SUMS.sig"
mark=$(stat -c %s "$work/journal.log")
qemu_monitor system_reset
t=$(wait_log "$work/journal.log" "clinico-update: installed $v2" 600 "$mark") || { tail -20 "$work/journal.log"; fail "version 1 did not install version 2"; }
step "version 1 installed version 2 into slot B (${t} s after power on): $(grep -a "installed $v2" "$work/journal.log" | sed 's/.*clinico-update: //' | tr -d '\r')"
t=$(wait_log "$work/journal.log" "clinico-boot-check: $v2 is good" 400 "$mark") || { tail -20 "$work/journal.log"; fail "version 2 was not found good"; }
step "version 2 found good (${t} s after power on)"
sleep 10 # systemd-bless-boot, then the EFI partition read-only again
case "$(entries)" in *"clinico-$v2-b.conf"*) ;; *) fail "version 2's entry was not blessed: $(entries)" ;; esac
step "boot entries: $(entries)"
# 2. Still version 2 after a restart; it installs version 3, which is broken.
serve "$v3"
mark=$(stat -c %s "$work/journal.log")
qemu_monitor system_reset
wait_log "$work/journal.log" "running $v2 \(slot b\)" 300 "$mark" >/dev/null || fail "version 2 did not stick after a restart"
step "after a restart version 2 still runs (slot B)"
t3=$(wait_log "$work/journal.log" "clinico-update: installed $v3" 600 "$mark") || fail "version 2 did not install version 3"
t_installed=$t3
step "version 2 installed version 3 into slot A"
# 3. Version 3 fails twice; version 2 comes back.
for try in 1 2; do
    wait_log "$work/journal.log" "clinico-boot-check: $v3 is NOT good" 400 "$mark" >/dev/null || { tail -20 "$work/journal.log"; fail "version 3 was not found bad (try $try)"; }
    mark=$(($(stat -c %s "$work/journal.log")))
    step "version 3 found bad (try $try)"
done
wait_log "$work/journal.log" "running $v2 \(slot b\)" 400 "$mark" >/dev/null || { tail -20 "$work/journal.log"; fail "version 2 did not come back"; }
back=$(wait_log "$work/journal.log" "first frame" 300 "$mark") || fail "version 2 came back without its app"
wait_log "$work/journal.log" "$v3 failed its health check here before" 120 "$mark" >/dev/null || fail "version 3 offered again was not refused"
shown=$(wait_screen rolled-back 90) || fail "after the rollback the app is not on screen (at s, size, % lit, right edge % lit: $shown)"
qemu_kill
case "$(entries)" in *"clinico-$v2-b.conf"*"clinico-$v3-a+0-2.conf"* | *"clinico-$v3-a+0-2.conf"*"clinico-$v2-b.conf"*) ;;
*) fail "boot entries after the rollback: $(entries)" ;; esac
step "back on version 2, app on screen, $((back - t_installed)) s after version 3 was installed (2 failed tries); entries: $(entries)"
echo "PASS in $((SECONDS - started)) s"
