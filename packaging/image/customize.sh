#!/bin/sh
# mmdebstrap --customize-hook for a kiosk root: customize.sh ROOT ROLE TIMEZONE OUT VERSION
# (OUT: build.sh's output folder, with the systemd-boot and cups .debs whose pieces it takes;
# VERSION: the image's version, which updates compare)
# Turns a Debian root with the role's package, cage and a kernel into a kiosk that boots into
# the app: the kiosk user and unit, a read-only root with the app's data on its own partition,
# the clinic's time zone, NTP, DHCP, and only the kernel modules a kiosk can use.
set -eu
root=$1 role=$2 timezone=$3 out=$4 version=$5
here=$(dirname "$0")
app=clinico-$role
data=/var/lib/clinico-$role

# cage refuses root: an unprivileged user that may open the display and input devices (through
# seatd, which gives the devices to group video) and play sound (ALSA: group audio). Its home is
# the unit's runtime directory.
chroot "$root" useradd --system --user-group --groups video,render,input,audio --home-dir /run/kiosk \
    --no-create-home --shell /usr/sbin/nologin kiosk
install -d -o "$(chroot "$root" id -u kiosk)" -g "$(chroot "$root" id -g kiosk)" -m 0750 "$root$data"

sed "s|@APP@|$app|g" "$here/rootfs/clinico-kiosk.service" >"$root/etc/systemd/system/clinico-kiosk.service"
install -m 0644 "$here/rootfs/clinico-kiosk-failed.service" "$root/etc/systemd/system/"
install -d "$root/usr/lib/clinico"
install -m 0755 "$here/rootfs/kiosk-failed-message" "$root/usr/lib/clinico/"
# The app's data dir is the mounted partition (the package's default dataDir).
chroot "$root" systemctl enable clinico-kiosk.service seatd.service systemd-timesyncd.service \
    systemd-networkd.service systemd-resolved.service

# Updates with automatic rollback (docs/atualizacao.md): kiosk-update writes a new version into
# the other root slot at a quiet hour and boots it on probation (systemd-boot boot counting);
# clinico-boot-check says whether that boot is good, systemd-bless-boot (taken from the
# systemd-boot package, like cups' backends below) then keeps it; a bad one is never booted
# again once its tries are spent, so the kiosk falls back to the version it had.
echo "$version" >"$root/usr/lib/clinico/image-version"
sed -i "/^IMAGE_ID=/d; /^IMAGE_VERSION=/d" "$root/usr/lib/os-release"
printf 'IMAGE_ID=clinico-%s\nIMAGE_VERSION=%s\n' "$role" "$version" >>"$root/usr/lib/os-release"
bless=$(mktemp -d)
dpkg-deb --fsys-tarfile "$(ls "$out"/systemd-boot_*.deb | head -1)" |
    tar -x -p -C "$bless" ./lib/systemd/systemd-bless-boot ./lib/systemd/system/systemd-bless-boot.service \
        ./lib/systemd/system-generators/systemd-bless-boot-generator
cp -p "$bless/lib/systemd/systemd-bless-boot" "$root/usr/lib/systemd/"
cp -p "$bless/lib/systemd/system/systemd-bless-boot.service" "$root/usr/lib/systemd/system/"
cp -p "$bless/lib/systemd/system-generators/systemd-bless-boot-generator" "$root/usr/lib/systemd/system-generators/"
rm -rf "$bless"
for f in kiosk-update kiosk-boot-check kiosk-boot-entry; do
    install -m 0755 "$here/rootfs/$f" "$root/usr/lib/clinico/"
done
for f in clinico-update.service clinico-update.timer clinico-boot-check.service; do
    install -m 0644 "$here/rootfs/$f" "$root/etc/systemd/system/"
done
install -d "$root/etc/systemd/system.conf.d"
install -m 0644 "$here/rootfs/hardware-watchdog.conf" "$root/etc/systemd/system.conf.d/clinico-watchdog.conf"
install -d "$root/etc/systemd/system/systemd-bless-boot.service.d"
install -m 0644 "$here/rootfs/bless-boot-esp-rw.conf" "$root/etc/systemd/system/systemd-bless-boot.service.d/esp-rw.conf"
chroot "$root" systemctl enable clinico-update.timer clinico-boot-check.service
chroot "$root" systemctl set-default graphical.target

# Power cuts are normal in a waiting room: the root is read-only, the app's data has a
# partition of its own (SQLite with full sync, so a committed ticket survives a cut), and
# what else is written lives in memory. The root is not in fstab: the boot entry names the
# slot (root=PARTLABEL=root-a or root-b, ro) and nothing remounts it.
# The EFI partition, read-only: clinic IT drops clinico-enrol.conf there from any computer
# (docs/registro-e-saude.md), and the kiosk reads it at start.
install -d "$root/boot/efi"
cat >"$root/etc/fstab" <<FSTAB
LABEL=clinico-data  $data  ext4   noatime,nodev,nosuid,noexec,errors=remount-ro  0 2
LABEL=CLINICO-ESP   /boot/efi         vfat   ro,nodev,nosuid,noexec,umask=0022,nofail        0 2
tmpfs  /tmp              tmpfs  nodev,nosuid,mode=1777         0 0
tmpfs  /var/tmp          tmpfs  nodev,nosuid,mode=1777         0 0
tmpfs  /var/log          tmpfs  nodev,nosuid,noexec,mode=0755  0 0
tmpfs  /var/lib/systemd  tmpfs  nodev,nosuid,noexec,mode=0755  0 0
FSTAB
if [ "$role" = totem ]; then
    # cupsd fixes the owner and mode of its spool and cache when it starts.
    printf 'tmpfs  %s  tmpfs  nodev,nosuid,noexec,mode=0710  0 0\n' /var/spool/cups /var/cache/cups \
        >>"$root/etc/fstab"
    # cupsd writes its configuration when a queue is made: /etc/cups is a copy in memory of the
    # packaged one, and the ticket queue comes from clinico-printer.conf at every boot.
    cp -a "$root/etc/cups" "$root/usr/lib/clinico/cups-etc"
    printf 'tmpfs  /etc/cups  tmpfs  nodev,nosuid,noexec,mode=0755  0 0\n' >>"$root/etc/fstab"
    printf 'C /etc/cups - - - - /usr/lib/clinico/cups-etc\n' >"$root/usr/lib/tmpfiles.d/clinico-cups.conf"
    backends=$(mktemp -d)
    dpkg-deb --fsys-tarfile "$(ls "$out"/cups_*.deb | head -1)" |
        tar -x -p -C "$backends" ./usr/lib/cups/backend-available/socket ./usr/lib/cups/backend-available/usb \
            ./usr/lib/cups/backend-available/lpd
    cp -p "$backends"/usr/lib/cups/backend-available/* "$root/usr/lib/cups/backend/"
    rm -rf "$backends"
    install -m 0644 "$here/rootfs/clinico-printer.service" "$root/etc/systemd/system/"
    install -m 0755 "$here/rootfs/printer-setup" "$root/usr/lib/clinico/"
    chroot "$root" systemctl enable clinico-printer.service
fi

echo "clinico-$role" >"$root/etc/hostname"
ln -sf "/usr/share/zoneinfo/$timezone" "$root/etc/localtime"
echo "$timezone" >"$root/etc/timezone"
cat >"$root/etc/systemd/network/20-wired.network" <<NET
[Match]
Type=ether

[Network]
DHCP=yes
NET
ln -sf /run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"

# Kernel modules are most of the root: keep storage, filesystems, USB and input (touchscreens),
# graphics (Intel, AMD, virtio), sound and wired network; drop wireless, media, old GPUs,
# exotic buses and filesystems.
for kdir in "$root"/lib/modules/*/kernel; do
    for d in drivers/media drivers/net/wireless drivers/infiniband drivers/staging drivers/isdn \
        drivers/scsi/qla2xxx drivers/scsi/lpfc drivers/scsi/mpt3sas drivers/target drivers/mtd \
        drivers/iio drivers/bluetooth drivers/net/can drivers/net/wwan drivers/net/ethernet/mellanox \
        drivers/net/ethernet/chelsio drivers/net/ethernet/qlogic drivers/net/ethernet/broadcom/bnx2x \
        drivers/gpu/drm/nouveau drivers/gpu/drm/radeon net/wireless net/mac80211 \
        net/bluetooth sound/soc fs/btrfs fs/xfs fs/ocfs2 fs/gfs2 fs/nfs fs/nfsd fs/smb fs/ceph fs/f2fs \
        fs/jfs fs/reiserfs fs/ubifs; do
        rm -rf "${kdir:?}/$d"
    done
done
for kver in $(ls "$root/lib/modules"); do chroot "$root" depmod -a "$kver"; done
chroot "$root" update-initramfs -u -k all
