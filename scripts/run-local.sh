#!/usr/bin/env bash
# The README's "build and start the whole system" command.
# Installs what is missing, builds, sets up a demo clinic in ./run/data (first time only),
# starts the queue server on its embedded SQLite and, when built, a totem window and a TV
# window pointed at it. Ctrl-C stops everything.
#   --with-sso   also a local OpenID Connect provider (the browser tests' oidc-provider), so the
#                desk's "Entrar com ..." button works (docs/login-unico.md)
set -euo pipefail
with_sso=0
for arg in "$@"; do
    case "$arg" in
        --with-sso) with_sso=1 ;;
        *) echo "usage: $0 [--with-sso]" >&2; exit 2 ;;
    esac
done
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

# The clinic's identity provider: the same one desk_sso.test.js signs in with, its staff and
# groups defined once in tests/desk/browser/oidcprovider.mjs.
sso_args=()
sso_msg=""
if [ "$with_sso" = 1 ]; then
    desk_tests="$root/tests/desk"
    provider="$desk_tests/browser/oidcprovider.mjs"
    [ -f "$desk_tests/node_modules/oidc-provider/package.json" ] \
        || npm ci --prefix "$desk_tests" --no-audit --no-fund
    sso="$root/run/sso"
    mkdir -p "$sso"; rm -f "$sso/issuer"
    [ -s "$sso/client-secret" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$sso/client-secret")
    chmod 600 "$sso/client-secret"
    node "$provider" --port "${CLINICO_SSO_PORT:-8090}" --issuer-file "$sso/issuer" --client-id clinico-demo \
        --client-secret-file "$sso/client-secret" --redirect-uri "http://127.0.0.1:$port/oidc/callback" \
        --post-logout-redirect-uri "http://127.0.0.1:$port/desk/" >"$sso/provider.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do [ -s "$sso/issuer" ] && break; sleep 0.1; done
    [ -s "$sso/issuer" ] || { echo "the demo identity provider did not start: $sso/provider.log" >&2; exit 1; }
    demo() { (cd "$desk_tests/browser" && node --input-type=module -e "import * as op from './oidcprovider.mjs'; $1"); }
    sso_args=(--public-url "http://127.0.0.1:$port/" --oidc-issuer "$(cat "$sso/issuer")" --oidc-client-id clinico-demo
        --oidc-client-secret-file "$sso/client-secret" --oidc-display-name "Provedor de demonstração"
        --oidc-attendant-groups "$(demo 'console.log(op.GROUPS.attendant)')"
        --oidc-doctor-groups "$(demo 'console.log(op.GROUPS.doctor)')"
        --oidc-admin-groups "$(demo 'console.log(op.GROUPS.admin)')")
    sso_msg="  Sign-in (SSO)  $(cat "$sso/issuer") — \"Entrar com Provedor de demonstração\" on the desk's login page:
$(demo 'for (const [u, p] of Object.entries(op.STAFF)) console.log(`                 ${u} / ${p.password}  (grupos: ${p.groups.join(", ")})`)')"
fi

"$bin/server/clinico-server" --listen 127.0.0.1 --port "$port" --data-dir "$data" "${sso_args[@]}" &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# A demo ticket printer: a private cupsd (nothing in /etc/cups changes) with a PDF queue on
# 80 mm roll paper that writes each ticket to run/printer/ticket.pdf, so a newcomer sees the
# ticket come out. Skipped when cupsd is not installed: the totem then asks to write it down.
printer_args=()
printer_msg="  Printer        none (cupsd not found): the totem asks the patient to write the code down"
if [ -x /usr/sbin/cupsd ] && [ "${CLINICO_DEMO_PRINTER:-1}" = 1 ]; then
    cups="$root/run/cups" out="$root/run/printer"
    rm -rf "$cups"; mkdir -p "$cups"/{etc,spool,tmp,cache,state,log} "$out"
    chmod 755 "$root/run" "$cups" "$out"   # filters run as lp
    cat >"$cups/cupsd.conf" <<CONF
Listen $cups/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
    cat >"$cups/cups-files.conf" <<CONF
ServerRoot $cups/etc
RequestRoot $cups/spool
TempDir $cups/tmp
CacheDir $cups/cache
StateDir $cups/state
AccessLog $cups/log/access_log
ErrorLog $cups/log/error_log
PageLog $cups/log/page_log
FileDevice Yes
CONF
    /usr/sbin/cupsd -f -c "$cups/cupsd.conf" -s "$cups/cups-files.conf" &
    pids+=($!)
    for _ in $(seq 50); do [ -S "$cups/cups.sock" ] && break; sleep 0.1; done
    # cupsd (since 2.4.2-3+deb12u10) no longer creates a file: device's file: it must exist.
    : >"$out/ticket.pdf"; chmod 666 "$out/ticket.pdf"
    if CUPS_SERVER="$cups/cups.sock" lpadmin -p demo -E -v "file://$out/ticket.pdf" \
        -P "$root/packaging/cups/clinico-pdf-80mm.ppd" 2>"$cups/log/lpadmin.err"; then
        printer_args=(--cups-server "$cups/cups.sock" --printer demo --printer-output pdf)
        printer_msg="  Printer        demo PDF roll: each ticket is written to $out/ticket.pdf"
    else
        printer_msg="  Printer        none (the demo queue failed: $cups/log/lpadmin.err)"
    fi
fi

url="http://127.0.0.1:$port"
gui=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display: the totem and TV windows are rendered offscreen (set DISPLAY to see them)."
    export QT_QPA_PLATFORM=offscreen
fi
# Installed, clinico-voice sits beside the apps in /usr/bin; in the build tree it is in voice/.
voice=(--voice-program "$bin/voice/clinico-voice")
if [ -x "$bin/totem/clinico-totem" ]; then
    "$bin/totem/clinico-totem" --server "$url" --token "$(token totem)" --windowed --data-dir "$root/run/totem" \
        "${printer_args[@]}" "${voice[@]}" &
    pids+=($!); gui+=("totem")
fi
if [ -x "$bin/tv-display/clinico-tv" ]; then
    "$bin/tv-display/clinico-tv" --server "$url" --token "$(token tv)" --windowed --data-dir "$root/run/tv" \
        "${voice[@]}" &
    pids+=($!); gui+=("TV")
fi

cat <<MSG

Clinico is running (${gui[*]:-server only}).
  Queue server   $url   (health: $url/healthz, metrics: $url/metrics)
  Desk console   $url/desk/   logins: admin / admin-demo (admin), recepcao / recepcao-demo (attendant), dra.lima / medica-demo (doctor)
  Device tokens  $data/demo-tokens.ini
$printer_msg${sso_msg:+
$sso_msg}
  Try it:  curl -s -X POST -H "Authorization: Bearer $(token desk)" $url/api/v1/counters/3/call-next
Press Ctrl-C to stop.
MSG
wait
