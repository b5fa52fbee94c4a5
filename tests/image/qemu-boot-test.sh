#!/usr/bin/env bash
# The kiosk's disk image booted as a machine would: QEMU (TCG: KVM does not work on these
# machines), UEFI firmware (OVMF), systemd-boot from the EFI partition, the read-only root, cage
# on a virtio GPU through seatd. Waits for the app's first frame (its log line on the serial
# console), then saves the screen
# as a PNG and checks that the app, not a black or text screen, is on it. Prints the boot time.
# Usage: qemu-boot-test.sh totem|tv BUILD_DIR. The image must have been built
# (packaging/image/build.sh ROLE). The disk is opened with -snapshot: the image is never written.
set -euo pipefail
role=${1:?usage: $0 totem|tv BUILD_DIR}
build="$(cd "${2:?usage: $0 totem|tv BUILD_DIR}" && pwd)"
work="$build/image-test/qemu-$role"
disk="$build/image/$role/clinico-$role.img"
firmware=/usr/share/OVMF/OVMF_CODE_4M.fd
started=$SECONDS
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

for tool in qemu-system-x86_64 pnmtopng python3; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
[ -f "$firmware" ] || skip "no UEFI firmware ($firmware, package ovmf)"
[ -f "$disk" ] || skip "no image: run packaging/image/build.sh $role first"

rm -rf "$work"
mkdir -p "$work"
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$work/vars.fd"
qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 2048 -machine q35 \
    -drive if=pflash,format=raw,readonly=on,file="$firmware" \
    -drive if=pflash,format=raw,file="$work/vars.fd" \
    -drive file="$disk",format=raw,if=virtio -snapshot \
    -vga virtio -display none -nic none \
    -serial file:"$work/serial.log" -monitor unix:"$work/monitor.sock",server,nowait &
qemu=$!
trap 'kill "$qemu" 2>/dev/null || true; wait "$qemu" 2>/dev/null || true' EXIT
monitor() {
    python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(sys.argv[2].encode() + b"\n"); time.sleep(0.5)' \
        "$work/monitor.sock" "$1"
}

boot_started=$SECONDS
# The app logs "first frame" (just before READY=1) to the serial console. Not systemd's
# "Started" line: systemd stops writing status to a console once a getty runs on it.
first_frame='' multi_user=''
while [ $((SECONDS - boot_started)) -lt 240 ]; do
    kill -0 "$qemu" 2>/dev/null || fail "QEMU exited: $(tail -5 "$work/serial.log")"
    if [ -z "$multi_user" ] && grep -aq "Reached target .*Multi-User System" "$work/serial.log"; then
        multi_user=$((SECONDS - boot_started))
    fi
    if grep -aq "first frame" "$work/serial.log"; then
        first_frame=$((SECONDS - boot_started))
        break
    fi
    grep -aq "Failed to start .*(clinico-$role in cage)" "$work/serial.log" && break
    sleep 1
done
[ -n "$first_frame" ] || { tail -30 "$work/serial.log"; fail "no first frame within 240 s"; }
echo "UEFI boot: multi-user.target ${multi_user:-?} s, the app's first frame ${first_frame} s (TCG, 1 s resolution)"

# The screen as a person would see it; cage paints the app fullscreen: most pixels are not
# black (a text console or a black screen would be).
monitor "screendump $work/screen.ppm"
for _ in $(seq 50); do [ -s "$work/screen.ppm" ] && break; sleep 0.1; done
sleep 1 # the monitor writes the file asynchronously
pnmtopng "$work/screen.ppm" >"$work/screen.png"
lit=$(python3 - "$work/screen.ppm" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
# P6 header: magic, width, height, maxval, each followed by whitespace
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace(): pos += 1
    end = pos
    while not data[end:end + 1].isspace(): end += 1
    fields.append(data[pos:end]); pos = end
pixels = data[pos + 1:]
width, height = int(fields[1]), int(fields[2])
lit = sum(1 for i in range(0, len(pixels), 3 * 7) if max(pixels[i:i + 3]) > 40)
# The app must fill the screen: its right-most column lit too (not a window in a corner).
edge = [pixels[3 * (y * width + width - 1):3 * (y * width + width)] for y in range(height)]
edge_lit = sum(1 for p in edge if max(p) > 40)
print(f"{width}x{height} {100 * lit * 7 * 3 // len(pixels)} {100 * edge_lit // height}")
EOF
)
read -r size lit_pct edge_pct <<<"$lit"
echo "screen $work/screen.png ($size): ${lit_pct}% of the pixels lit, right edge ${edge_pct}%"
[ "$lit_pct" -ge 30 ] || fail "the screen is mostly black: no app on it"
[ "$edge_pct" -ge 90 ] || fail "the app does not fill the screen (right edge ${edge_pct}% lit)"
echo "PASS in $((SECONDS - started)) s"
