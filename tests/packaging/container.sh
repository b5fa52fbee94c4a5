# Sourced by the tests that boot a Debian root with systemd-nspawn (tests/packaging, tests/image).
# Provides skip/fail/step, container_requirements, boot_container ROOT LOG [nspawn options...],
# inside COMMAND... (run in the booted container), unit_property UNIT PROPERTY and
# stop_container. The caller sets $started (SECONDS at its start).

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
step() { printf '[%3ds] %s\n' $((SECONDS - started)) "$*"; }

# Skips (77) unless this machine can boot a container: root, the tools, and not a chroot.
container_requirements() {
    [ "$(id -u)" -eq 0 ] || skip "needs root (mmdebstrap --mode=root, systemd-nspawn)"
    local tool
    for tool in mmdebstrap systemd-nspawn unshare nsenter "$@"; do
        command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/install-deps.sh installs it)"
    done
    # In a chroot (CI's fresh-ci runs .ci/run in one) "/" is not a mount point: systemd-nspawn
    # then cannot make its mounts private nor pivot into the container, and a booted container
    # would run on the chroot's own root.
    awk '$5 == "/" { found = 1 } END { exit !found }' /proc/self/mountinfo ||
        skip "systemd-nspawn cannot boot a container inside a chroot ('/' is not a mount point); run this test as root on a machine or VM"
}

# systemd-nspawn wants /run/systemd/nspawn on a tmpfs (else it refuses to clean up its
# propagation directory) and, without a system bus here, neither a scope nor machined: each
# container gets a private mount namespace with that tmpfs, and nothing on the host changes.
# Every step in between is an exec, so the PID of a background nspawn is nspawn's own.
nspawn=(unshare --mount --propagation private -- sh -c
    'mkdir -p /run/systemd/nspawn && mount -t tmpfs tmpfs /run/systemd/nspawn && exec "$@"' sh
    systemd-nspawn --quiet --register=no --keep-unit)

container='' leader=''
stop_container() {
    [ -n "$container" ] || return 0
    kill -TERM "$container" 2>/dev/null || return 0 # nspawn powers the container off
    for _ in $(seq 100); do kill -0 "$container" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$container" 2>/dev/null || true
}

# boot_container ROOT LOG [nspawn options...]: boots ROOT and waits until systemd has finished
# starting (running, or degraded: the caller checks its own units). Skips when this machine
# cannot boot a container at all.
boot_container() {
    local sysroot=$1 log=$2 state='' pid
    shift 2
    "${nspawn[@]}" -D "$sysroot" -b --private-network --console=passive "$@" >"$log" 2>&1 &
    container=$!
    trap stop_container EXIT
    # The container's PID 1 is the child of nspawn that has become systemd (it forks helpers first).
    for _ in $(seq 200); do
        for pid in $(cat /proc/"$container"/task/*/children 2>/dev/null); do
            [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = systemd ] && leader=$pid
        done
        [ -n "$leader" ] && break
        kill -0 "$container" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$leader" ] || skip "systemd-nspawn -b could not start a container here: $(tail -3 "$log" | tr '\n' ' ')"
    # systemctl fails until systemd has opened its private bus: ask again until it answers.
    for _ in $(seq 300); do
        state=$(timeout 60 nsenter --target "$leader" --all systemctl is-system-running --wait 2>/dev/null) || true
        [ -n "$state" ] && break
        sleep 0.2
    done
    case "$state" in
    running | degraded) ;;
    *) skip "systemd did not finish booting in a container here (state '${state:-none}'): $(tail -3 "$log" | tr '\n' ' ')" ;;
    esac
    [ "$state" = running ] ||
        state="$state: $(nsenter --target "$leader" --all systemctl --failed --no-legend --plain | cut -d' ' -f1 | tr '\n' ' ')"
    step "booted ($state)"
}

inside() { nsenter --target "$leader" --all "$@"; }
unit_property() { inside systemctl show -P "$2" "$1"; }
