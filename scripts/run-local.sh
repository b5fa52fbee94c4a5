#!/usr/bin/env bash
# The README's "build and start the whole system" command.
# Installs what is missing, builds, sets up a demo clinic in ./run/data (first time only),
# starts the queue server on its embedded SQLite and, when built, a totem window and a TV
# window pointed at it. Ctrl-C stops everything.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${CLINICO_PORT:-8080}"
data="$root/run/data"
bin="${BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

mkdir -p "$data"
"$bin/server/clinico-server" demo-setup --data-dir "$data"
token() { sed -n "s/^$1=//p" "$data/demo-tokens.ini"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

"$bin/server/clinico-server" --listen 127.0.0.1 --port "$port" --data-dir "$data" &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

url="http://127.0.0.1:$port"
gui=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display: the totem and TV windows are rendered offscreen (set DISPLAY to see them)."
    export QT_QPA_PLATFORM=offscreen
fi
if [ -x "$bin/totem/clinico-totem" ]; then
    "$bin/totem/clinico-totem" --server "$url" --token "$(token totem)" --windowed --data-dir "$root/run/totem" &
    pids+=($!); gui+=("totem")
fi
if [ -x "$bin/tv-display/clinico-tv" ]; then
    "$bin/tv-display/clinico-tv" --server "$url" --token "$(token tv)" --windowed --data-dir "$root/run/tv" &
    pids+=($!); gui+=("TV")
fi

cat <<MSG

Clinico is running (${gui[*]:-server only}).
  Queue server   $url   (health: $url/healthz, metrics: $url/metrics)
  Desk console   $url/desk/   logins: admin / admin-demo (admin), recepcao / recepcao-demo (attendant), dra.lima / medica-demo (doctor)
  Device tokens  $data/demo-tokens.ini
  Try it:  curl -s -X POST -H "Authorization: Bearer $(token desk)" $url/api/v1/counters/3/call-next
Press Ctrl-C to stop.
MSG
wait
