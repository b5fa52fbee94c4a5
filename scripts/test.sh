#!/usr/bin/env bash
# The README's "run every test" command: installs what is missing, builds, runs ctest.
# Tests start their own private servers (queue server, cupsd, Xvfb) on loopback.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DCLINICO_WERROR=ON
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure --timeout 600 "$@"
