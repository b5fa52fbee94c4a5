#!/usr/bin/env bash
# The clinic's update key: a kiosk installs only versions whose SHA256SUMS is signed by it
# (OpenPGP, Ed25519; the kiosk checks with gpgv against the public key its image carries).
#   update-key.sh export FILE   the public key, for the image (made the first time if missing)
#   update-key.sh sign DIR      signs DIR/SHA256SUMS into DIR/SHA256SUMS.sig
# The key lives in CLINICO_UPDATE_KEY_DIR (a GnuPG home; default ~/.config/clinico/update-key),
# made without a passphrase the first time so that builds run unattended. Keep that folder, and
# a copy of it somewhere safe: every update of kiosks flashed with an image must be signed by
# the key that image carries (docs/atualizacao.md).
set -euo pipefail
keydir=${CLINICO_UPDATE_KEY_DIR:-$HOME/.config/clinico/update-key}
uid="Clinico kiosk updates <clinico-update@localhost>"
gpg_() { gpg --homedir "$keydir" --batch --quiet "$@"; }

if ! gpg_ --list-secret-keys "$uid" >/dev/null 2>&1; then
    mkdir -p "$keydir"
    chmod 0700 "$keydir"
    gpg_ --passphrase '' --quick-generate-key "$uid" ed25519 sign never
    echo "update-key: made a new update signing key in $keydir: keep a copy of it" >&2
fi
case "${1:-}" in
export) gpg_ --export "$uid" >"${2:?usage: $0 export FILE}" ;;
sign) gpg_ --yes --local-user "$uid" --detach-sign -o "${2:?usage: $0 sign DIR}/SHA256SUMS.sig" "$2/SHA256SUMS" ;;
*) echo "usage: $0 export FILE | sign DIR" >&2; exit 2 ;;
esac
