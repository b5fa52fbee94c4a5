# Sourced by the QEMU image tests: a test's own copy of a kiosk disk, files put into its
# partitions without mounting anything (debugfs on the ext4 partitions, mtools on the EFI
# partition), and one QEMU machine (TCG, UEFI) driven through its monitor and serial ports.
# The caller sets `work` (its folder).

started=$SECONDS
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
step() { printf '[%3ds] %s\n' $((SECONDS - started)) "$*"; }

firmware=/usr/share/OVMF/OVMF_CODE_4M.fd

qemu_require() {
    local tool
    for tool in qemu-system-x86_64 pnmtopng python3 debugfs sfdisk mcopy; do
        command -v "$tool" >/dev/null || skip "$tool is not installed"
    done
    [ -f "$firmware" ] || skip "no UEFI firmware ($firmware, package ovmf)"
}

# The byte offset of the partition called NAME (build.sh's sfdisk names) in DISK; 0 when NAME is
# empty (DISK is a bare filesystem image: an update's root).
part_offset() {
    [ -n "$2" ] || { echo 0; return; }
    sfdisk -J "$1" | python3 -c 'import json, sys
t = json.load(sys.stdin)["partitiontable"]
print(next(p["start"] * t.get("sectorsize", 512) for p in t["partitions"] if p.get("name") == sys.argv[1]))' "$2"
}

# The partition the disk boots from: root-a (A/B images) or root.
root_part() {
    sfdisk -J "$1" | grep -q '"name": *"root-a"' && echo root-a || echo root
}

# part_put DISK PART LOCAL DEST [UID]: copies LOCAL to DEST in the ext4 partition PART
# (folders made as needed, mode kept). Only the test's copy of a disk is ever changed.
part_put() {
    local disk=$1 part=$2 src=$3 dest=$4 uid=${5:-0} fs dir path=''
    fs="$disk?offset=$(part_offset "$disk" "$part")"
    dir=$(dirname "$dest")
    for d in ${dir//\// }; do
        path="$path/$d"
        debugfs -w -R "mkdir $path" "$fs" >/dev/null 2>&1 || true
    done
    debugfs -w -R "rm $dest" "$fs" >/dev/null 2>&1 || true
    debugfs -w -f - "$fs" >/dev/null 2>&1 <<CMDS
write $src $dest
set_inode_field $dest uid $uid
CMDS
    debugfs -R "stat $dest" "$fs" 2>/dev/null | grep -q "Type: regular" || fail "could not write $dest into $part"
}

# part_link DISK PART LINK TARGET: a symbolic link (to enable a unit).
part_link() {
    local fs
    fs="$1?offset=$(part_offset "$1" "$2")"
    debugfs -w -R "symlink $3 $4" "$fs" >/dev/null 2>&1
}

# The kiosk unit, loosened for this machine (in the test's copy only): under TCG the app needs
# 30-40 s for its first frame and its GUI thread can stall for seconds while it draws in
# software, where the shipped unit allows 30 s to READY and 2 s between pings. Its restart and
# watchdog times are the nspawn test's business (kiosk-image-test.sh), not the boot test's.
tcg_dropin() {
    local disk=$1 part=$2
    # QT_QUICK_BACKEND=software: Qt Quick draws without OpenGL here. With OpenGL, Mesa's llvmpipe
    # JIT-compiles shaders that QEMU 7.2's TCG mis-emulates: the app died with SIGSEGV in its
    # render thread on an AVX2 gather (vpgatherdd) just after its first frame, and cage exited 0;
    # with GALLIUM_OVERRIDE_CPU_CAPS=avx it died before its first frame instead, now and then.
    # OpenGL through cage is the nspawn test's part (kiosk-image-test.sh), on the real CPU.
    printf '[Service]\nTimeoutStartSec=240s\nWatchdogSec=30s\nEnvironment=QT_QUICK_BACKEND=software\n' >"$work/tcg.conf"
    part_put "$disk" "$part" "$work/tcg.conf" /etc/systemd/system/clinico-kiosk.service.d/tcg.conf
    # The whole journal on the third serial port ($work/journal.log): what failed, when a test fails.
    printf '[Journal]\nForwardToConsole=yes\nTTYPath=/dev/ttyS2\nMaxLevelConsole=info\n' >"$work/journal.conf"
    part_put "$disk" "$part" "$work/journal.conf" /etc/systemd/journald.conf.d/console.conf
}

# qemu_start DISK [QEMU ARGS...]: boots DISK by UEFI (OVMF); the serial console goes to
# $work/serial.log, a second serial port (ttyS1) to $work/ttyS1.log, a third (ttyS2: the
# journal, see tcg_dropin) to $work/journal.log. Sets $qemu (the PID).
qemu_start() {
    local disk=$1
    shift
    [ -f "$work/vars.fd" ] || cp /usr/share/OVMF/OVMF_VARS_4M.fd "$work/vars.fd"
    : >"$work/serial.log"
    : >"$work/ttyS1.log"
    : >"$work/journal.log"
    rm -f "$work/monitor.sock"
    qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 2048 -machine q35 \
        -drive if=pflash,format=raw,readonly=on,file="$firmware" \
        -drive if=pflash,format=raw,file="$work/vars.fd" \
        -drive file="$disk",format=raw,if=virtio \
        -vga virtio -display none \
        -serial file:"$work/serial.log" -serial file:"$work/ttyS1.log" -serial file:"$work/journal.log" \
        -monitor unix:"$work/monitor.sock",server,nowait "$@" &
    qemu=$!
    qemu_started=$SECONDS
}

qemu_monitor() {
    python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX)
for _ in range(50):
    try:
        s.connect(sys.argv[1]); break
    except OSError: time.sleep(0.1)
s.sendall(sys.argv[2].encode() + b"\n"); time.sleep(0.5)' "$work/monitor.sock" "$1"
}

# The power cut: the machine is gone at once, nothing flushed.
qemu_kill() {
    [ -n "${qemu:-}" ] || return 0
    kill -9 "$qemu" 2>/dev/null || true
    wait "$qemu" 2>/dev/null || true
    qemu=
}

# qemu_wait_exit SECONDS: waits for the guest to power off by itself.
qemu_wait_exit() {
    local until=$((SECONDS + $1))
    while kill -0 "$qemu" 2>/dev/null; do
        [ $SECONDS -lt $until ] || return 1
        sleep 1
    done
    wait "$qemu" 2>/dev/null || true
    qemu=
}

# wait_log FILE PATTERN SECONDS [FROM]: seconds since qemu_start when PATTERN (grep -E)
# appeared in FILE (after its first FROM bytes: the machine may have restarted since), or
# returns 1 (QEMU gone or time up).
wait_log() {
    local until=$((SECONDS + $3)) from=${4:-0}
    while [ $SECONDS -lt $until ]; do
        # grep reads it all (no -q): an early exit would fail the pipeline (SIGPIPE, pipefail).
        if tail -c +$((from + 1)) "$1" | grep -aE "$2" >/dev/null; then
            echo $((SECONDS - qemu_started))
            return 0
        fi
        kill -0 "$qemu" 2>/dev/null || return 1
        sleep 1
    done
    return 1
}

# screen_check NAME: the screen as a person would see it, $work/NAME.png; prints
# "WIDTHxHEIGHT LIT% RIGHT-EDGE-LIT%" (pixels brighter than a black or a text console's
# background; a fullscreen app lights its right-most column too).
screen_check() {
    rm -f "$work/$1.ppm"
    qemu_monitor "screendump $work/$1.ppm"
    for _ in $(seq 50); do [ -s "$work/$1.ppm" ] && break; sleep 0.1; done
    sleep 1 # the monitor writes the file asynchronously
    pnmtopng "$work/$1.ppm" >"$work/$1.png"
    python3 - "$work/$1.ppm" <<'EOF'
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
edge = [pixels[3 * (y * width + width - 1):3 * (y * width + width)] for y in range(height)]
edge_lit = sum(1 for p in edge if max(p) > 40)
print(f"{width}x{height} {100 * lit * 7 * 3 // len(pixels)} {100 * edge_lit // height}")
EOF
}

# wait_screen NAME SECONDS: waits until the app fills the screen (30% of the pixels lit, the
# right edge 90%): the compositor shows the app's first frame some seconds after the app drew
# it, under TCG. Prints the seconds since qemu_start and screen_check's figures; returns 1 if
# the screen never filled (the last screendump stays in $work/NAME.png).
wait_screen() {
    local until=$((SECONDS + $2)) size lit_pct edge_pct
    while :; do
        read -r size lit_pct edge_pct <<<"$(screen_check "$1")"
        if [ "$lit_pct" -ge 30 ] && [ "$edge_pct" -ge 90 ]; then
            echo "$((SECONDS - qemu_started)) $size $lit_pct $edge_pct"
            return 0
        fi
        [ $SECONDS -lt $until ] || { echo "$((SECONDS - qemu_started)) $size $lit_pct $edge_pct"; return 1; }
        sleep 2
    done
}
