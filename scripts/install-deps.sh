#!/usr/bin/env bash
# Installs the Debian packages in scripts/debian-packages.txt (skips what is already there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t wanted < <(sed -e 's/#.*//' "$here/debian-packages.txt" | tr ' ' '\n' | sed '/^$/d')
missing=()
for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(npm) # Debian's npm, unless Node.js brought its own
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${#missing[@]} packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# PostgreSQL is there for the tests, which start their own servers: no system-wide cluster
# running on the developer's machine because of us (a machine that has one keeps it).
if [[ " ${missing[*]} " == *" postgresql-15 "* && ! -e /etc/postgresql-common/createcluster.conf ]]; then
    $sudo mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The same for nginx (tests start a private one): Debian starts a system-wide one on port 80
# as it installs it.
if [[ " ${missing[*]} " == *" nginx "* && -d /run/systemd/system ]]; then
    $sudo systemctl disable --now nginx >/dev/null 2>&1 || true
fi
