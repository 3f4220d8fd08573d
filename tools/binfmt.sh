#!/bin/sh
# binfmt.sh ARCH MULTIARCH: makes sure this machine runs ARCH's programs,
# so that `make ARCH=i386 check` can run the i386 build's tests.  An
# amd64 kernel runs i386 programs itself, unless it was booted without
# 32-bit emulation (ia32_emulation=off, as some virtual machines are):
# then, as root, it installs qemu-user-static and registers it with the
# kernel's binfmt_misc for i386 programs (Debian ships no such entry on
# amd64).  The tests then run emulated: slower, same results.
# Exit 0 when ARCH's programs run; 1 with a message when they cannot.
set -u
arch=$1
multiarch=$2
loader=$(ls /usr/lib/"$multiarch"/ld-linux*.so.* 2>/dev/null | head -1)
if [ -z "$loader" ]; then
	echo "binfmt.sh: no $arch loader in /usr/lib/$multiarch (libc6:$arch)" >&2
	exit 1
fi
"$loader" --version >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "binfmt.sh: this kernel does not run $arch programs; as root," \
	    "install qemu-user-static and register it (make ARCH=$arch deps)" >&2
	exit 1
fi
echo "binfmt.sh: the kernel does not run $arch programs: registering" \
    "qemu-user-static"
dpkg-query -W -f='${Status}\n' qemu-user-static 2>/dev/null |
    grep -q 'ok installed' || DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends qemu-user-static
b=/proc/sys/fs/binfmt_misc
[ -e $b/register ] || mount -t binfmt_misc binfmt_misc $b
case $arch in
i386)	[ -e $b/qemu-i386 ] || printf '%s' ':qemu-i386:M::\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-i386-static:FP' \
	    > $b/register ;;
*)	conf=/usr/lib/binfmt.d/qemu-$arch.conf
	[ -r "$conf" ] && [ ! -e "$b/qemu-$arch" ] && cat "$conf" > $b/register ;;
esac
"$loader" --version >/dev/null 2>&1 && exit 0
echo "binfmt.sh: $arch programs still do not run" >&2
exit 1
