#!/usr/bin/env bash
# A power cut in the middle of issuing tickets, on the totem's disk booted under QEMU: a
# ticket source (clinico-outbox-writer: the totem's own Outbox code, SQLite WAL with
# synchronous=FULL, on the data partition with the image's mount options) commits ticket
# requests while the app is on screen and reports each commit on the second serial port; QEMU
# is killed at a random moment. After the next boot (and a clean shutdown):
#   - every acknowledged request is in the outbox, whose database passes integrity_check;
#   - the data partition's filesystem is clean (e2fsck) and the kernel reported no ext4 error;
#   - the root slot and the EFI partition are bit for bit what they were (read-only);
#   - the app came back on screen.
# Usage: qemu-powercut-test.sh BUILD_DIR WRITER (WRITER: the built clinico-outbox-writer).
set -euo pipefail
build="$(cd "${1:?usage: $0 BUILD_DIR WRITER}" && pwd)"
writer=${2:?usage: $0 BUILD_DIR WRITER}
work="$build/image-test/qemu-powercut"
image="$build/image/totem/clinico-totem.img"
. "$(dirname "$0")/qemu-lib.sh"

qemu_require
[ "$(id -u)" -eq 0 ] || skip "needs root (debugfs writes files owned by root into the disk)"
[ -f "$image" ] || skip "no image: run packaging/image/build.sh totem first"
rm -rf "$work"
mkdir -p "$work"
disk="$work/disk.img"
cp --sparse=always "$image" "$disk"
root=$(root_part "$disk")
tcg_dropin "$disk" "$root"
part_put "$disk" "$root" "$writer" /usr/local/bin/clinico-outbox-writer
cat >"$work/writer.service" <<'UNIT'
[Unit]
Description=power-cut test: ticket requests into an outbox on the data partition
RequiresMountsFor=/var/lib/clinico-totem
After=clinico-kiosk.service

[Service]
User=kiosk
# A ticket every 10 ms (a busy totem issues one every 10 s): the cut lands mid-commit, and the
# app keeps enough of the emulated CPU to stay on screen.
ExecStart=/usr/local/bin/clinico-outbox-writer /var/lib/clinico-totem/powercut.sqlite 10
StandardOutput=file:/dev/ttyS1
StandardError=journal+console
UNIT
part_put "$disk" "$root" "$work/writer.service" /etc/systemd/system/clinico-outbox-writer.service
part_link "$disk" "$root" /etc/systemd/system/multi-user.target.wants/clinico-outbox-writer.service \
    /etc/systemd/system/clinico-outbox-writer.service
trap qemu_kill EXIT

# part_sum NAME: the partition's SHA-256.
part_sum() {
    local offset size
    offset=$(part_offset "$disk" "$1")
    size=$(sfdisk -J "$disk" | python3 -c 'import json, sys
t = json.load(sys.stdin)["partitiontable"]
print(next(p["size"] for p in t["partitions"] if p.get("name") == sys.argv[1]) * t.get("sectorsize", 512))' "$1")
    python3 -c 'import hashlib, sys
f = open(sys.argv[1], "rb"); f.seek(int(sys.argv[2])); left = int(sys.argv[3]); h = hashlib.sha256()
while left:
    b = f.read(min(left, 1 << 20)); h.update(b); left -= len(b)
print(h.hexdigest())' "$disk" "$offset" "$size"
}
root_before=$(part_sum "$root")
esp_before=$(part_sum esp)

qemu_start "$disk" -nic none
wait_log "$work/journal.log" "first frame" 240 >/dev/null || { tail -20 "$work/journal.log"; fail "boot 1: no first frame"; }
wait_log "$work/ttyS1.log" "acknowledged 200 " 120 >/dev/null || { tail -20 "$work/journal.log"; fail "boot 1: the writer did not get going"; }
sleep "$(python3 -c 'import random; print(round(random.uniform(0, 3), 2))')"
qemu_kill
cp "$work/ttyS1.log" "$work/acks-1.log"
acked=$(grep -ac '^acknowledged ' "$work/acks-1.log")
step "power cut after $acked acknowledged ticket requests ($(tail -1 "$work/acks-1.log" | tr -d '\r'))"

qemu_start "$disk" -nic none
frame=$(wait_log "$work/journal.log" "first frame" 240) || { tail -20 "$work/journal.log"; fail "boot 2: no first frame after the cut"; }
wait_log "$work/ttyS1.log" "acknowledged " 120 >/dev/null || fail "boot 2: the outbox did not open after the cut: $(tail -3 "$work/journal.log")"
step "boot 2: the app on screen after ${frame} s; the outbox reopened ($(grep -a 'outbox holds' "$work/ttyS1.log" | tr -d '\r'))"
shown=$(wait_screen after-cut 180) || fail "boot 2: the app is not on screen (at s, size, % lit, right edge % lit: $shown)"
qemu_monitor system_powerdown
qemu_wait_exit 120 || { qemu_kill; fail "boot 2: no clean shutdown within 120 s"; }
step "boot 2: clean shutdown"
cat "$work/acks-1.log" "$work/ttyS1.log" >"$work/acks.log"

! grep -aE "EXT4-fs error|I/O error" "$work/journal.log" || fail "the kernel reported filesystem errors"
data="$disk?offset=$(part_offset "$disk" data)"
e2fsck -fn "$data" >"$work/e2fsck.log" 2>&1 || { cat "$work/e2fsck.log"; fail "the data partition's filesystem is not clean"; }
[ "$(part_sum "$root")" = "$root_before" ] || fail "the root slot changed"
[ "$(part_sum esp)" = "$esp_before" ] || fail "the EFI partition changed"
for f in powercut.sqlite powercut.sqlite-wal; do
    debugfs -R "dump /$f $work/$f" "$data" >/dev/null 2>&1 || true
done
[ -s "$work/powercut.sqlite" ] || fail "no outbox database on the data partition"
python3 - "$work/powercut.sqlite" "$work/acks.log" <<'PY' || fail "acknowledged ticket requests lost"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
check = db.execute("PRAGMA integrity_check").fetchone()[0]
keys = {k for (k,) in db.execute("SELECT idempotency_key FROM outbox")}
# The last line before the cut may be cut short: an acknowledgement is a whole line.
acked = [f[2] for f in (l.split() for l in open(sys.argv[2], errors="replace"))
         if len(f) == 3 and f[0] == "acknowledged" and len(f[2]) == 36]
lost = [k for k in acked if k not in keys]
print(f"outbox: integrity_check {check}; {len(keys)} requests stored, {len(acked)} acknowledged, {len(lost)} lost")
sys.exit(0 if check == "ok" and not lost and acked else 1)
PY
echo "PASS in $((SECONDS - started)) s"
