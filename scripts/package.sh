#!/usr/bin/env bash
# Builds the Debian packages clinico-server, clinico-totem, clinico-tv and clinico-voice into
# $BUILD_DIR/packages/ (default build/packages/) and checks them with lintian when it is there.
#   scripts/package.sh                          build the programs, package, lintian
#   scripts/package.sh --no-lintian             skip lintian (40 s)
#   PACKAGE_VERSION=0.1.0+1 scripts/package.sh  the same binaries as another version (upgrade tests)
#   PACKAGE_DIR=DIR scripts/package.sh          the .debs go to DIR instead
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
out="$(realpath -m "${PACKAGE_DIR:-$build/packages}")"
lintian=1
[ "${1:-}" = --no-lintian ] && lintian=0

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
# Only the programs: the packages do not need the tests built.
programs=(clinico-server)
grep -q '^CLINICO_BUILD_GUI:BOOL=OFF' "$build/CMakeCache.txt" || programs+=(clinico-totem clinico-tv clinico-voice)
cmake --build "$build" --parallel "$(nproc)" --target "${programs[@]}"

version=()
[ -n "${PACKAGE_VERSION:-}" ] && version=(-D "CPACK_PACKAGE_VERSION=$PACKAGE_VERSION")
work="$build/cpack"
rm -rf "$work"
(cd "$build" && cpack -G DEB -B "$work" "${version[@]}" >/dev/null)
mkdir -p "$out"
rm -f "$out"/clinico-*.deb
mv "$work"/*.deb "$out/"
rm -rf "$work"
for deb in "$out"/clinico-*.deb; do
    printf '%-48s %6s KiB\n' "$(basename "$deb")" "$(($(stat -c %s "$deb") / 1024))"
done

if [ "$lintian" = 1 ]; then
    if command -v lintian >/dev/null; then
        lintian --fail-on error,warning "$out"/clinico-*.deb && echo "lintian: clean"
    else
        echo "lintian is not installed (scripts/install-deps.sh installs it): not checked"
    fi
fi
