#!/bin/sh
# deb.t: `make deb` builds the Debian package, and it holds what a branch
# PC needs: programs, man pages, the configuration as conffiles, the sync
# units and cron entry, the okno account and its folder in postinst.
. "$(dirname "$0")/lib.sh"

command -v dpkg-buildpackage >/dev/null ||
    skip_all "dpkg-buildpackage not installed (dpkg-dev)"
[ -e /usr/share/perl5/Debian/Debhelper/Dh_Lib.pm ] ||
    skip_all "debhelper not installed"
# The package is built without sanitizers: once, in the plain run of each
# architecture (build/, or build-ARCH/ of `make ARCH=i386 check`, which
# cross-builds the i386 package).
case $(basename "$OKNO_BUILD") in
build)	arch= ;;
build-*-san|build-san|build-fuzz)
	skip_all "the package is checked in the plain build only" ;;
build-*) arch=$(basename "$OKNO_BUILD" | sed 's/^build-//') ;;
*)	skip_all "the package is checked in the plain build only" ;;
esac
plan 27

# This make's variables (SAN=1, jobserver) must not reach the build.
unset MAKEFLAGS MAKELEVEL MFLAGS ARCH
if make -C "$SRC" ${arch:+ARCH=$arch} deb >"$T/build.log" 2>&1; then
	ok 0 "make ${arch:+ARCH=$arch }deb (dpkg-buildpackage -us -uc) succeeds"
else
	ok 1 "make ${arch:+ARCH=$arch }deb (dpkg-buildpackage -us -uc) succeeds"
	tail -30 "$T/build.log" | sed 's/^/# /'
fi
deb=$(ls "$OKNO_BUILD"/deb/okno_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || bail "no .deb built"
is "$(dpkg-deb -f "$deb" Architecture)" \
    "${arch:-$(dpkg --print-architecture)}" "the package's architecture"
dpkg -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' > "$T/files"

has() { grep -qx -- "$1" "$T/files"; ok $? "dpkg -c lists $1"; }
has /usr/bin/okno
has /usr/bin/okno-sim
has /usr/bin/okno-sync
has /usr/share/man/man1/okno.1.gz
has /usr/share/man/man7/okno-setup.7.gz
has /usr/share/man/man5/okno.conf.5.gz
has /usr/share/man/man1/okno-sim.1.gz
has /etc/okno/okno.conf
has /etc/okno/calendar/ru-2026.xml
has /lib/systemd/system/okno-sync.service
has /lib/systemd/system/okno-sync.timer
has /etc/cron.d/okno
has /usr/share/okno/hq/okno-load
has /usr/share/okno/hq/okno-hq
has /usr/share/okno/voice/ru/chime.wav
has /usr/share/okno/voice/ru/num-17.wav

dpkg-deb -e "$deb" "$T/ctl"
grep -qx /etc/okno/okno.conf "$T/ctl/conffiles"
ok $? "the configuration is a conffile"
grep -q 'adduser --system' "$T/ctl/postinst" &&
    grep -q 'adduser okno dialout' "$T/ctl/postinst"
ok $? "postinst creates the okno system user, in dialout"
grep -q 'adduser okno audio' "$T/ctl/postinst"
ok $? "postinst puts okno in audio (the sound card)"
grep -q 'install -d -o okno -g okno -m 0750 /var/lib/okno' "$T/ctl/postinst"
ok $? "postinst creates /var/lib/okno 0750"
grep -q "enable 'okno-sync.timer'" "$T/ctl/postinst"
ok $? "the timer is enabled"
grep -q '^Persistent=true' "$SRC/packaging/systemd/okno-sync.timer"
ok $? "the timer is Persistent"

dpkg-deb -x "$deb" "$T/root"
like "$("$T/root/usr/bin/okno" --version)" "^okno [0-9]" \
    "the packaged okno runs"
sh -n "$T/root/usr/bin/okno-sync"; ok $? "okno-sync is valid sh"
sed -n 's/^ExecStart=//p' "$T/root/lib/systemd/system/okno-sync.service" |
    grep -qx /usr/bin/okno-sync
ok $? "the service runs the packaged okno-sync"
exit $((tap_failed > 0))
