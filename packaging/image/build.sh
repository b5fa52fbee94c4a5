#!/usr/bin/env bash
# Builds the bootable disk image of a kiosk:  packaging/image/build.sh totem|tv
# Output in $BUILD_DIR/image/ROLE/ (default build/): root/ (the root filesystem, which the
# tests boot with systemd-nspawn) and clinico-ROLE.img.zst (flash with
#   zstd -dc clinico-ROLE.img.zst | dd of=/dev/sdX bs=4M conv=fsync).
# UEFI with systemd-boot; GPT: EFI system partition, read-only root, the app's data partition.
# Environment: CLINICO_TIMEZONE (default America/Sao_Paulo), BUILD_DIR.
# Needs root, mmdebstrap, e2fsprogs, dosfstools, mtools, fdisk (sfdisk), zstd, and Debian's
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

# What a kiosk runs: systemd, a kernel that boots by UEFI, cage on Wayland (Qt's plugin and
# Xwayland, which cage needs), seatd for the devices, NTP, DHCP; CUPS for the totem's printer,
# ALSA for the voice (the TV's call-outs, the totem's audio guide).
packages=(systemd systemd-sysv systemd-timesyncd systemd-resolved udev dbus kmod e2fsprogs
    linux-image-amd64 initramfs-tools systemd-boot-efi tzdata
    cage qt6-wayland xwayland seatd alsa-utils)
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
if [ "$role" = totem ]; then
    (cd "$out" && apt-get download -q cups >/dev/null) || { echo "apt-get download cups failed" >&2; exit 1; }
fi
# The local .deb is reached from inside the chroot through the file-mirror-automount hook.
echo "building the $role root filesystem (mmdebstrap)..."
unshare --mount --propagation private -- mmdebstrap --verbose --mode=root --variant=minbase \
    --include="$(IFS=,; echo "${packages[*]}")" --include="$deb" --include="$voice_deb" "${excludes[@]}" \
    --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
    --customize-hook="\"$here/customize.sh\" \"\$1\" $role $timezone \"$out\"" \
    bookworm "$out/root" >"$out/mmdebstrap.log" 2>&1 || { tail -30 "$out/mmdebstrap.log"; exit 1; }
root_built=$SECONDS
echo "root filesystem: $(du -sh "$out/root" | cut -f1) in $((root_built - started)) s"

# --- the disk, without mounting anything --------------------------------------------------------
mib() { echo $(($1 * 1024 * 1024)); }
esp_mib=128 data_mib=256
root_mib=$(($(du -sm "$out/root" | cut -f1) * 115 / 100 + 64))
kernel=$(ls "$out"/root/boot/vmlinuz-* | sort -V | tail -1)
initrd=$(ls "$out"/root/boot/initrd.img-* | sort -V | tail -1)

# EFI system partition: systemd-boot as the removable-media loader, one entry, no menu.
esp="$out/esp.img"
mkfs.fat -F 32 -n CLINICO-ESP -C "$esp" $((esp_mib * 1024)) >/dev/null
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
mcopy -i "$esp" "$out/root/usr/lib/systemd/boot/efi/systemd-bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$kernel" ::/vmlinuz
mcopy -i "$esp" "$initrd" ::/initrd.img
printf 'timeout 0\ndefault clinico.conf\n' >"$out/loader.conf"
# The screen (tty1) stays quiet; the serial port (the last console=, so /dev/console) gets
# systemd's boot status and the app's log.
printf 'title Clinico %s\nlinux /vmlinuz\ninitrd /initrd.img\noptions root=LABEL=clinico-root ro quiet systemd.show_status=yes console=tty1 console=ttyS0,115200\n' \
    "$role" >"$out/clinico.conf"
mcopy -i "$esp" "$out/loader.conf" ::/loader/loader.conf
mcopy -i "$esp" "$out/clinico.conf" ::/loader/entries/clinico.conf

# Root and data: ext4 images filled from directories (-d). The data partition starts empty,
# owned by the kiosk user, so the app can create its database on first boot.
# (mkfs.ext4 -d does not give the source directory's owner to the filesystem's root: root_owner.)
kiosk_ids="$(stat -c %u:%g "$out/root/var/lib/clinico-$role")"
mkfs.ext4 -q -L clinico-root -d "$out/root" "$out/root.img" "${root_mib}M" >/dev/null
mkfs.ext4 -q -L clinico-data -E root_owner="$kiosk_ids" "$out/data.img" "${data_mib}M" >/dev/null

# GPT: 1 MiB alignment; partition types: EFI system, Linux root (x86-64), Linux data.
disk="$out/clinico-$role.img"
esp_start=1 root_start=$((1 + esp_mib)) data_start=$((1 + esp_mib + root_mib))
truncate -s $(mib $((data_start + data_mib + 1))) "$disk"
sfdisk --quiet "$disk" <<PARTS
label: gpt
start=$((esp_start * 2048)), size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=esp
start=$((root_start * 2048)), size=$((root_mib * 2048)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name=root
start=$((data_start * 2048)), size=$((data_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=data
PARTS
dd if="$esp" of="$disk" bs=1M seek=$esp_start conv=notrunc,sparse status=none
dd if="$out/root.img" of="$disk" bs=1M seek=$root_start conv=notrunc,sparse status=none
dd if="$out/data.img" of="$disk" bs=1M seek=$data_start conv=notrunc,sparse status=none
rm -rf "$esp" "$out/root.img" "$out/data.img" "$out/loader.conf" "$out/clinico.conf"
zstd -q -10 -T0 -f "$disk" -o "$disk.zst"

echo "image: $disk ($(($(stat -c %s "$disk") / 1024 / 1024)) MiB raw), $disk.zst ($(($(stat -c %s "$disk.zst") / 1024 / 1024)) MiB)"
echo "built in $((SECONDS - started)) s (root filesystem $((root_built - started)) s, disk $((SECONDS - root_built)) s)"
