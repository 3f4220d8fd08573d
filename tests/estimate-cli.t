#!/bin/sh
# estimate-cli.t: the wait estimate on the command line (issue 13, item
# 5; estimate.h): `ticket estimate` counts the windows that will really
# serve the service (the opening, a window back from lunch), says when no
# window will serve it before the closing or that no open window serves
# it now (issue 19), and the printed ticket says so instead of a wait.
. "$(dirname "$0")/lib.sh"
plan 7
SIM="$OKNO_BUILD/okno-sim"

conf_lunch 1
conf_hours
"$OKNO" init >/dev/null || bail "init"
export OKNO_NOW

# Tuesday 2026-12-29, before the opening: the windows open at 08:00.
OKNO_NOW=2026-12-29T07:30:00+03:00
is "$("$OKNO" ticket estimate pay)" "0 ahead, about 30 min" \
    "07:30: the wait counts from the 08:00 opening"
# Window 1 works, then lunches 13:00-13:45; window 2 (pay too) stays shut.
OKNO_NOW=2026-12-29T12:00:00+03:00
"$OKNO" window open 1 >/dev/null || bail "window open"
# At 13:00 it pauses by itself (queue-lunch.c): nothing to do here, and
# nothing has written it down yet when the estimate is asked.
OKNO_NOW=2026-12-29T13:10:00+03:00
is "$("$OKNO" ticket estimate pay)" "0 ahead, about 35 min" \
    "13:10, window 1 on lunch: it is back at 13:45"
"$OKNO" ticket issue pay >/dev/null
is "$("$OKNO" ticket estimate pay)" \
    "1 ahead, about 45 min; no open window serves this service now" \
    "one ahead at the norm (10 min): 45 min; the lunch pause is said"
"$OKNO" day close >/dev/null

# Wednesday: only window 3 is open, and it does not serve pay.
OKNO_NOW=2026-12-30T10:00:00+03:00
"$OKNO" window open 3 >/dev/null || bail "window open"
is "$("$OKNO" ticket estimate pay)" \
    "0 ahead, no open window serves this service now" \
    "no open window serves pay: it says so, no wait (issue 19)"
is "$("$OKNO" ticket estimate recalc)" "0 ahead, about 0 min" \
    "window 3 serves recalc"

# The printed ticket says it instead of a wait.
rm -f "$T/printer.path"
"$SIM" printer --link "$T/printer" --out "$T/printer.out" >"$T/printer.path" &
sim=$!
trap 'kill $sim 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
i=0
while [ ! -s "$T/printer.path" ] && [ $i -lt 600 ]; do
	sleep 0.05; i=$((i + 1))
done
[ -s "$T/printer.path" ] || bail "okno-sim printer did not start"
cat >>"$T/okno.conf" <<CONF
devices = { printer = { driver = "escpos"; port = "$T/printer"; timeout_ms = 10000; }; };
CONF
is "$("$OKNO" ticket issue pay)" A001 "a pay ticket is issued"
i=0
while ! grep -q "cut" "$T/printer.out" 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.05; i=$((i + 1))
done
grep -q "No one serves this service now" "$T/printer.out" &&
    ! grep -q "Estimated wait" "$T/printer.out"
ok $? "the ticket: no one serves it now, no wait"
