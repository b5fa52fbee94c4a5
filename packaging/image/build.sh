#!/usr/bin/env bash
# Builds the bootable disk image of a kiosk:  packaging/image/build.sh totem|tv
# Output in $BUILD_DIR/image/ROLE/ (default build/): root/ (the root filesystem, which the
# tests boot with systemd-nspawn), clinico-ROLE.img.zst (flash with
#   zstd -dc clinico-ROLE.img.zst | dd of=/dev/sdX bs=4M conv=fsync)
# and update/ROLE/ (what a kiosk downloads to update itself: copy it into the clinic's update
# folder, docs/atualizacao.md).
# UEFI with systemd-boot; GPT: EFI system partition, two read-only root slots (A/B, for
# updates with automatic rollback), the app's data partition.
# Environment: CLINICO_TIMEZONE (default America/Sao_Paulo), CLINICO_IMAGE_VERSION (default the
# package's version and the UTC build time: a later build is a newer version), BUILD_DIR,
# CLINICO_UPDATE_KEY_DIR (the key updates are signed with: update-key.sh).
# Needs root, mmdebstrap, gpg, e2fsprogs, dosfstools, mtools, fdisk (sfdisk), zstd, and Debian's
# mirror (this machine's apt sources). No loop device or mount: the disk is assembled from
# filesystem images (mkfs.ext4 -d, mtools) with sfdisk and dd.
set -euo pipefail
role=${1:-}
case "$role" in totem | tv) ;; *) echo "usage: $0 totem|tv" >&2; exit 2 ;; esac
here="$(cd "$(dirname "$0")" && pwd)"
root_src="$(cd "$here/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root_src/build}")"
out="$build/image/$role"
timezone=${CLINICO_TIMEZONE:-America/Sao_Paulo}
started=$SECONDS
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (mmdebstrap --mode=root)" >&2; exit 2; }

deb=$(ls "$build"/packages/clinico-"$role"_*.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
    BUILD_DIR="$build" "$root_src/scripts/package.sh" --no-lintian
    deb=$(ls "$build"/packages/clinico-"$role"_*.deb | head -1)
fi
# Both kiosks speak (the TV's call-outs, the totem's audio guide) through clinico-voice.
voice_deb=$(ls "$build"/packages/clinico-voice_*.deb | head -1)
deb_version=$(dpkg-deb -f "$deb" Version)
version=${CLINICO_IMAGE_VERSION:-$deb_version.$(date -u +%Y%m%d%H%M)}
case "$version" in *[!A-Za-z0-9.~]* | '') echo "$0: image version '$version': letters, digits, '.' and '~' only" >&2; exit 2 ;; esac

# What a kiosk runs: systemd, a kernel that boots by UEFI, cage on Wayland (Qt's plugin and
# Xwayland, which cage needs), seatd for the devices, NTP, DHCP; CUPS for the totem's printer,
# ALSA for the voice (the TV's call-outs, the totem's audio guide); curl and zstd to download
# and unpack updates.
packages=(systemd systemd-sysv systemd-timesyncd systemd-resolved udev dbus kmod e2fsprogs
    linux-image-amd64 initramfs-tools systemd-boot-efi tzdata
    cage qt6-wayland xwayland seatd alsa-utils curl zstd)
case "$role" in
totem) packages+=(cups-daemon cups-client libusb-1.0-0) ;;
esac

# A kiosk has no use for documentation, manuals or other languages' messages (copyright files
# stay: the licences travel with the binaries).
excludes=(--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/pt_BR/*'
    --dpkgopt='path-include=/usr/share/locale/locale.alias')

rm -rf --one-file-system "$out"
mkdir -p "$out"
# The printer backends a raw ESC/POS queue needs (AppSocket, USB, LPD) are in the cups package,
# whose dependencies (Ghostscript, Poppler, the filters) such a queue never uses: customize.sh
# takes just the backends out of it.
# Likewise systemd-boot's boot counting (systemd-bless-boot) comes out of the systemd-boot
# package, whose kernel hooks would try to manage the EFI partition from inside the chroot.
downloads=(systemd-boot)
[ "$role" = totem ] && downloads+=(cups)
(cd "$out" && apt-get download -q "${downloads[@]}" >/dev/null) ||
    { echo "apt-get download ${downloads[*]} failed" >&2; exit 1; }
# The local .deb is reached from inside the chroot through the file-mirror-automount hook.
echo "building the $role root filesystem (mmdebstrap)..."
unshare --mount --propagation private -- mmdebstrap --verbose --mode=root --variant=minbase \
    --include="$(IFS=,; echo "${packages[*]}")" --include="$deb" --include="$voice_deb" "${excludes[@]}" \
    --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
    --customize-hook="\"$here/customize.sh\" \"\$1\" $role $timezone \"$out\" $version" \
    bookworm "$out/root" >"$out/mmdebstrap.log" 2>&1 || { tail -30 "$out/mmdebstrap.log"; exit 1; }
# The public half of the clinic's update key: kiosk-update installs only versions signed by it.
mkdir -p "$out/root/usr/share/clinico"
"$here/update-key.sh" export "$out/root/usr/share/clinico/update-keyring.gpg"
root_built=$SECONDS
echo "root filesystem: $(du -sh "$out/root" | cut -f1) in $((root_built - started)) s"

# --- the disk, without mounting anything --------------------------------------------------------
mib() { echo $(($1 * 1024 * 1024)); }
# A root slot has room for a later version a third bigger: the update writes the same slot.
esp_mib=128 data_mib=256
root_mib=$(($(du -sm "$out/root" | cut -f1) * 133 / 100 + 64))
kernel=$(ls "$out"/root/boot/vmlinuz-* | sort -V | tail -1)
initrd=$(ls "$out"/root/boot/initrd.img-* | sort -V | tail -1)

# EFI system partition: systemd-boot as the removable-media loader, no menu, one entry per root
# slot (slot A's kernel in /a, B's in /b). No "default": systemd-boot starts the newest entry
# that still has tries left (boot counting, docs/atualizacao.md; kiosk-update writes them).
esp="$out/esp.img"
mkfs.fat -F 32 -n CLINICO-ESP -C "$esp" $((esp_mib * 1024)) >/dev/null
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries ::/a ::/b
mcopy -i "$esp" "$out/root/usr/lib/systemd/boot/efi/systemd-bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$kernel" ::/a/vmlinuz
mcopy -i "$esp" "$initrd" ::/a/initrd.img
printf 'timeout 0\n' >"$out/loader.conf"
"$out/root/usr/lib/clinico/kiosk-boot-entry" "$role" "$version" a >"$out/entry.conf"
mcopy -i "$esp" "$out/loader.conf" ::/loader/loader.conf
mcopy -i "$esp" "$out/entry.conf" "::/loader/entries/clinico-$version-a.conf"

# Root and data: ext4 images filled from directories (-d). The data partition starts empty,
# owned by the kiosk user, so the app can create its database on first boot.
# (mkfs.ext4 -d does not give the source directory's owner to the filesystem's root: root_owner.)
kiosk_ids="$(stat -c %u:%g "$out/root/var/lib/clinico-$role")"
mkfs.ext4 -q -L clinico-root -d "$out/root" "$out/root.img" "${root_mib}M" >/dev/null
mkfs.ext4 -q -L clinico-data -E root_owner="$kiosk_ids" "$out/data.img" "${data_mib}M" >/dev/null

# GPT: 1 MiB alignment; partition types: EFI system, Linux root (x86-64) twice (slot B starts
# empty: the first update fills it), Linux data. The names are what the boot entries and
# kiosk-update find the slots by (PARTLABEL).
disk="$out/clinico-$role.img"
esp_start=1 root_a_start=$((1 + esp_mib)) root_b_start=$((1 + esp_mib + root_mib))
data_start=$((1 + esp_mib + 2 * root_mib))
rm -f "$disk"
truncate -s $(mib $((data_start + data_mib + 1))) "$disk"
sfdisk --quiet "$disk" <<PARTS
label: gpt
start=$((esp_start * 2048)), size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=esp
start=$((root_a_start * 2048)), size=$((root_mib * 2048)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=root-a
start=$((root_b_start * 2048)), size=$((root_mib * 2048)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=root-b
start=$((data_start * 2048)), size=$((data_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=data
PARTS
dd if="$esp" of="$disk" bs=1M seek=$esp_start conv=notrunc,sparse status=none
dd if="$out/root.img" of="$disk" bs=1M seek=$root_a_start conv=notrunc,sparse status=none
dd if="$out/data.img" of="$disk" bs=1M seek=$data_start conv=notrunc,sparse status=none
zstd -q -10 -T0 -f "$disk" -o "$disk.zst"

# The update: the root filesystem (a slot's contents), its kernel and initrd, their checksums,
# and "latest" naming the version (written last: a kiosk never sees a half-copied version).
update="$out/update/$role"
mkdir -p "$update/$version"
zstd -q -10 -T0 -f "$out/root.img" -o "$update/$version/root.img.zst"
cp "$kernel" "$update/$version/vmlinuz"
cp "$initrd" "$update/$version/initrd.img"
(cd "$update/$version" && sha256sum root.img.zst vmlinuz initrd.img >SHA256SUMS)
"$here/update-key.sh" sign "$update/$version"
echo "$version" >"$update/latest"
rm -rf "$esp" "$out/root.img" "$out/data.img" "$out/loader.conf" "$out/entry.conf"

echo "image $version: $disk ($(($(stat -c %s "$disk") / 1024 / 1024)) MiB raw), $disk.zst ($(($(stat -c %s "$disk.zst") / 1024 / 1024)) MiB)"
echo "update: $update/$version ($(du -sm "$update/$version" | cut -f1) MiB to download; a root slot is $root_mib MiB)"
echo "built in $((SECONDS - started)) s (root filesystem $((root_built - started)) s, disk $((SECONDS - root_built)) s)"
