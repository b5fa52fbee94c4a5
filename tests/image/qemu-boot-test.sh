#!/usr/bin/env bash
# The kiosk's disk image booted as a machine would: QEMU (TCG: KVM does not work on these
# machines), UEFI firmware (OVMF), systemd-boot from the EFI partition, the read-only root, cage
# on a virtio GPU through seatd. Waits for the app's first frame (its log line on the serial
# console), then saves the screen as a PNG and checks that the app fills it (not a black or
# text screen, not a window in a corner). Prints the boot time.
# Usage: qemu-boot-test.sh totem|tv BUILD_DIR [--plain]. --plain also boots the same disk to
# multi-user.target without the kiosk and prints the ratio. The image must have been built
# (packaging/image/build.sh ROLE); the test boots a copy of it (with tcg_dropin: the kiosk's
# start and watchdog limits widened for software rendering).
set -euo pipefail
role=${1:?usage: $0 totem|tv BUILD_DIR [--plain]}
build="$(cd "${2:?usage: $0 totem|tv BUILD_DIR [--plain]}" && pwd)"
plain=${3:-}
work="$build/image-test/qemu-$role"
image="$build/image/$role/clinico-$role.img"
. "$(dirname "$0")/qemu-lib.sh"

qemu_require
[ -f "$image" ] || skip "no image: run packaging/image/build.sh $role first"
rm -rf "$work"
mkdir -p "$work"
disk="$work/disk.img"
cp --sparse=always "$image" "$disk"
tcg_dropin "$disk" "$(root_part "$disk")"
trap qemu_kill EXIT

qemu_start "$disk" -nic none
# The app logs "first frame" (just before READY=1); tcg_dropin puts the journal on ttyS2.
first_frame=$(wait_log "$work/journal.log" "first frame" 240) ||
    { tail -30 "$work/journal.log"; fail "no first frame within 240 s"; }
shown=$(wait_screen screen 90) || fail "the app does not fill the screen: $work/screen.png (at s, size, % lit, right edge % lit: $shown)"
read -r on_screen size lit_pct edge_pct <<<"$shown"
echo "UEFI boot: the app's first frame ${first_frame} s, filling the screen ${on_screen} s (TCG, 1 s resolution)"
echo "screen $work/screen.png ($size): ${lit_pct}% of the pixels lit, right edge ${edge_pct}%"
qemu_kill

if [ "$plain" = --plain ]; then
    # The same disk with the boot entry asking for multi-user.target: no kiosk, no graphics.
    esp="$disk@@$(part_offset "$disk" esp)"
    entry=$(mdir -b -i "$esp" ::/loader/entries | grep '\.conf$' | head -1)
    mcopy -n -i "$esp" "$entry" "$work/entry.conf"
    sed -i 's/^options .*/& systemd.unit=multi-user.target/' "$work/entry.conf"
    mcopy -o -i "$esp" "$work/entry.conf" "$entry"
    rm -f "$work/vars.fd"
    qemu_start "$disk" -nic none
    # The serial getty starts with multi-user.target: its login prompt is the end of that boot.
    multi_user=$(wait_log "$work/serial.log" "login:" 240) || fail "no login prompt within 240 s"
    qemu_kill
    echo "plain UEFI boot to multi-user.target: ${multi_user} s; app on screen / plain boot =" \
        "$(python3 -c "print(round($on_screen / $multi_user, 2))")"
fi
echo "PASS in $((SECONDS - started)) s"
