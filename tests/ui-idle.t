#!/bin/sh
# ui-idle.t: the screen locks itself after ui.idle_lock minutes without a
# key, and any key restarts that time.  The monotonic clock runs 60 times
# faster under the mono.so preload shim (tests/shim/mono.c), so ten
# configured minutes take ten seconds; the branch's wall clock stays
# OKNO_NOW.  The shim, not libfaketime: i386's libfaketime does not see
# the __clock_gettime64 a 64-bit-time okno calls, and a 64-bit faketime
# wrapper cannot preload itself into a 32-bit okno.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
[ -r "$OKNO_BUILD/tests/mono.so" ] ||
    skip_all "$OKNO_BUILD/tests/mono.so not built"
plan 6

export OKNO_NOW=2026-12-30T10:00:00+03:00
sed -i 's/^\( *idle_lock *=\).*/\1 10;/' "$T/okno.conf"
grep -q '^ *idle_lock = 10;' "$T/okno.conf" || bail "no ui.idle_lock"
ui_office
# The shim is preloaded before the sanitizer runtime: allow that.  The
# wrapper is a shell script, so the shim's path reaches okno only.
printf '#!/bin/sh\nLD_PRELOAD="%s" OKNO_MONO_RATE=60 ASAN_OPTIONS="verify_asan_link_order=0:$ASAN_OPTIONS" exec "$@"\n' \
    "$OKNO_BUILD/tests/mono.so" > "$T/fast"
chmod +x "$T/fast"

start w vt100 "$T/fast" "$OKNO" --window 1
login w anna pw-anna1
wait_for w "Window 1"
ok $? "anna works at window 1"

# Twelve fast minutes of keys, one a fast minute apart: never locked.
i=0
while [ $i -lt 12 ]; do
	keys w x
	sleep 1
	i=$((i + 1))
done
s=$(screen w)
ok $(printf '%s\n' "$s" | grep -q "Screen locked"; echo $((!$?))) \
    "keys a minute apart for twelve minutes keep it open"

# Three minutes after the last key: still open; ten: locked.
sleep 3
s=$(screen w)
ok $(printf '%s\n' "$s" | grep -q "Screen locked"; echo $((!$?))) \
    "three idle minutes do not lock it"
wait_for w "Screen locked" 300
ok $? "ten idle minutes lock it"
# The lock box's last line: the frame is whole once it shows.
wait_for w "type your password, or F10 to log out" >/dev/null
s=$(screen w)
ok $(printf '%s\n' "$s" | grep -q "Waiting for this window"; echo $((!$?))) \
    "the console is hidden behind the lock"
typ w pw-anna1
keys w Enter
wait_for w "Waiting for this window"
ok $? "her password opens it again"
