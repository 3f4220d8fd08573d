#!/bin/sh
# arch.sh: the figures of this build next to the other architecture's on
# the same machine: amd64 (build/) and the old 32-bit PC (build-i386/,
# `make ARCH=i386 all`; built by `make bench` when its packages are
# there).  Per build: instructions (callgrind) of one issue+call+finish
# cycle, of a month's report over a year of tickets and of one yescrypt
# hash (`okno user add`), with wall times; and the database a year of
# tickets takes, which is the same file on both.  Where callgrind cannot
# run a build's programs (a kernel without 32-bit emulation runs i386
# programs under qemu-user) they are counted under qemu instead
# (tools/qemu-icount.sh) and the wall time is the emulator's, not a PC's.
set -u
. "$(dirname "$0")/../lib.sh"

export OKNO_NOW=2026-12-30T10:00:00+03:00
DAYS=365

ms() {	# ms COMMAND...: wall milliseconds of one run, output dropped
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s%N)
	echo $(((e - s) / 1000000))
}
# instructions COMMAND...: callgrind's count (qemu's when the build is
# emulated), or "n/a".
instructions() {
	if [ -n "$emulated" ]; then
		n=$(sh "$OKNO_SRC/tools/qemu-icount.sh" "$@")
	else
		n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		    "$@" 2>&1 >/dev/null |
		    sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
	fi
	echo "${n:-n/a}"
}
mega() { case $1 in n/a) echo n/a ;; *) awk -v n="$1" \
    'BEGIN { printf "%.1f M", n / 1e6 }' ;; esac; }

# A year of finished tickets, 300 a day, ending yesterday.
year_db() { _okno=$OKNO; OKNO=$1; bench_past_tickets $((DAYS * 300)); OKNO=$_okno; }

command -v valgrind >/dev/null || echo "valgrind missing: no instruction counts"
emulated=
for b in build build-i386; do
	bin=$OKNO_SRC/$b/okno
	if [ ! -x "$bin" ]; then
		echo "$b: not built (make ARCH=${b#build-} all)"
		continue
	fi
	arch=$(file -L "$bin" | sed -n 's/.*ELF \(..\)-bit.*/\1-bit/p')
	note=
	emulated=
	if [ "$(instructions "$bin" --version)" = n/a ] &&
	    command -v qemu-i386-static >/dev/null && [ "$arch" = 32-bit ]; then
		emulated=1
		note=" (emulated by qemu-user here: instructions counted"
		note="$note by qemu, wall times the emulator's)"
	fi
	echo "$b ($arch)$note:"
	year_db "$bin"
	echo "  database, a year of tickets (300 a day):" \
	    "$(($(stat -c %s "$T/okno.db") / 1048576)) MiB"
	"$bin" window open 1 >/dev/null 2>&1
	a=$(instructions "$bin" ticket issue pay --force)
	c=$(instructions "$bin" ticket call 1)
	f=$(instructions "$bin" ticket finish 1)
	case "$a$c$f" in *n/a*) n=n/a ;; *) n=$((a + c + f)) ;; esac
	w=$(( $(ms "$bin" ticket issue pay --force) + $(ms "$bin" ticket call 1) +
	    $(ms "$bin" ticket finish 1) ))
	echo "  issue+call+finish: $(mega "$n") instructions, $w ms"
	n=$(instructions "$bin" report --from 2026-11-01 --to 2026-11-30)
	w=$(ms "$bin" report --from 2026-11-01 --to 2026-11-30)
	echo "  report of a month (a year in the database):" \
	    "$(mega "$n") instructions, $w ms"
	n=$(echo pw-secret | instructions "$bin" user add cg --role manager)
	s=$(date +%s%N)
	echo pw-secret | "$bin" user add wall --role manager >/dev/null 2>&1
	e=$(date +%s%N)
	echo "  one yescrypt hash (user add, a login's cost):" \
	    "$(mega "$n") instructions, $(((e - s) / 1000000)) ms"
done
