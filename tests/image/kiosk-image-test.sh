#!/usr/bin/env bash
# A kiosk image's root filesystem booted with systemd-nspawn (--volatile=overlay: the image is
# never written, as on the read-only kiosk), cage on its headless backend:
#   - the app shows its first frame (the unit is active only after the app's READY=1);
#   - kill -9 of the app: back on screen (READY again) within 5 s;
#   - the app frozen (SIGSTOP): the watchdog restarts it, back within 5 s of the freeze;
#   - a crash loop ends in the message for the staff, not a black screen;
#   - the totem's printer queue is made from clinico-printer.conf.
# Prints the figures. Usage: kiosk-image-test.sh totem|tv BUILD_DIR. Builds the image
# (packaging/image/build.sh, about 5 minutes) when BUILD_DIR/image/ROLE/root is missing.
set -euo pipefail
role=${1:?usage: $0 totem|tv BUILD_DIR}
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${2:?usage: $0 totem|tv BUILD_DIR}" && pwd)"
work="$build/image-test/$role"
started=$SECONDS
source "$src/tests/packaging/container.sh"
container_requirements mkfs.ext4 mkfs.fat mcopy sfdisk zstd python3

image_root="$build/image/$role/root"
if [ ! -f "$image_root/etc/hostname" ]; then
    BUILD_DIR="$build" "$src/packaging/image/build.sh" "$role" || fail "packaging/image/build.sh $role"
    step "image built"
fi

# What differs from a real screen: cage draws into memory (no DRM, no input devices), there is
# no tty1 (the kiosk gets the container's console, the staff message goes to the journal where
# the test reads it), and the data partition
# is a directory of the test's, bind-mounted where the partition would be.
rm -rf "$work"
mkdir -p "$work/dropins/clinico-kiosk.service.d" "$work/dropins/clinico-kiosk-failed.service.d" "$work/data"
cat >"$work/dropins/clinico-kiosk.service.d/headless.conf" <<'EOF'
[Service]
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1
TTYPath=/dev/console
TTYVHangup=no
TTYReset=no
EOF
printf '[Service]\nStandardOutput=journal\n' >"$work/dropins/clinico-kiosk-failed.service.d/journal.conf"
data=/var/lib/clinico-$role
chown "$(stat -c %u:%g "$image_root$data")" "$work/data"
data_mount=$(systemd-escape --path --suffix=mount "$data")
# The totem's printer, as clinic IT sets it: clinico-printer.conf (here on the data partition).
[ "$role" = totem ] && printf '[printer]\nuri=socket://127.0.0.1:9100\n' >"$work/data/clinico-printer.conf"

boot_container "$image_root" "$work/console.log" --volatile=overlay \
    --bind-ro="$work/dropins/clinico-kiosk.service.d:/etc/systemd/system/clinico-kiosk.service.d" \
    --bind-ro="$work/dropins/clinico-kiosk-failed.service.d:/etc/systemd/system/clinico-kiosk-failed.service.d" \
    --bind="$work/data:$data" -- "systemd.mask=$data_mount"

kiosk() { unit_property clinico-kiosk.service "$1"; }
now_us() { python3 -c 'import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000)'; }
seconds() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1e6 }'; }
# Waits until the kiosk is active (READY: first frame) in an invocation other than $1.
wait_ready_after() {
    local invocation=$1
    for _ in $(seq 300); do
        if [ "$(kiosk ActiveState)" = active ] && [ "$(kiosk InvocationID)" != "$invocation" ]; then return 0; fi
        sleep 0.05
    done
    inside journalctl -u clinico-kiosk --no-pager | tail -30
    fail "clinico-kiosk.service never became active again (state $(kiosk ActiveState))"
}
# The app is cage's child. With the shell's own tools: the image has no procps.
app_pid() {
    inside sh -c 'for p in /proc/[0-9]*; do
        [ "$(cat $p/comm)" = "$1" ] && [ "$(cut -d" " -f4 $p/stat)" = "$2" ] && echo "${p#/proc/}"
    done 2>/dev/null' sh "clinico-$role" "$(kiosk MainPID)"
}
signal_app() { inside sh -c 'kill -"$1" "$2"' sh "$1" "$(app_pid)"; }

wait_ready_after none
first_frame_us=$(($(kiosk ActiveEnterTimestampMonotonic) - $(kiosk ExecMainStartTimestampMonotonic)))
step "first frame $(seconds "$first_frame_us") s after cage started"
if [ "$role" = totem ]; then
    [ "$(unit_property clinico-printer.service ActiveState)" = active ] ||
        { inside journalctl -u clinico-printer -u cups --no-pager | tail -20; fail "clinico-printer.service is not active"; }
    inside lpstat -v ticket | grep -q "socket://127.0.0.1:9100" ||
        fail "the queue 'ticket' was not made from clinico-printer.conf: $(inside lpstat -v 2>&1)"
    step "printer queue 'ticket' made from clinico-printer.conf"
fi

invocation=$(kiosk InvocationID)
t0=$(now_us)
signal_app KILL
wait_ready_after "$invocation"
kill_us=$(($(kiosk ActiveEnterTimestampMonotonic) - t0))
step "kill -9: back on screen in $(seconds "$kill_us") s"

invocation=$(kiosk InvocationID)
t0=$(now_us)
signal_app STOP
wait_ready_after "$invocation"
freeze_us=$(($(kiosk ActiveEnterTimestampMonotonic) - t0))
step "frozen (SIGSTOP): restarted by the watchdog, back on screen in $(seconds "$freeze_us") s"

# A crash loop: the app dies as soon as it is up, until systemd stops trying.
for _ in $(seq 10); do
    [ "$(kiosk ActiveState)" = failed ] && break
    invocation=$(kiosk InvocationID)
    signal_app KILL 2>/dev/null || true
    for _ in $(seq 100); do
        state=$(kiosk ActiveState)
        if [ "$state" = failed ] || { [ "$state" = active ] && [ "$(kiosk InvocationID)" != "$invocation" ]; }; then break; fi
        sleep 0.05
    done
done
[ "$(kiosk ActiveState)" = failed ] || fail "a crash loop did not stop the kiosk unit"
staff_message() { inside journalctl -u clinico-kiosk-failed --no-pager | grep -q "O aplicativo deste terminal parou"; }
for _ in $(seq 100); do staff_message && break; sleep 0.1; done
staff_message || { inside journalctl -u clinico-kiosk-failed --no-pager | tail; fail "no message for the staff after the crash loop"; }
[ "$(unit_property clinico-kiosk-failed.service ActiveState)" = activating ] ||
    fail "clinico-kiosk-failed.service is not waiting to try again"
step "crash loop: the unit gave up and the staff message is out"

stop_container
trap - EXIT
(( kill_us < 5000000 )) || fail "after kill -9 the app took $(seconds "$kill_us") s (goal: 5 s)"
(( freeze_us < 5000000 )) || fail "after a freeze the app took $(seconds "$freeze_us") s (goal: 5 s)"
echo "PASS in $((SECONDS - started)) s: first frame $(seconds "$first_frame_us") s, kill -9 $(seconds "$kill_us") s, freeze $(seconds "$freeze_us") s"
