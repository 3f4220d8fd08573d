#!/bin/sh
# files.t: files that are not what they claim (issue 18): a zero-length
# database is refused, not made a new office; a configuration or
# calendar that is a FIFO is refused at once, not read for ever; a
# weight of 1e400 is refused; on a full disk the read-only commands
# still work and say why writing will not.
. "$(dirname "$0")/lib.sh"
plan 21

export OKNO_NOW=2027-03-02T10:00:00+03:00
# within SECONDS COMMAND...: COMMAND's output and status, killed after
# SECONDS (status 124), so a hang fails the test instead of stalling it.
within() { timeout -k 1 "$@"; }

# A zero-length database: a failed restore, not a new office.
: > "$T/okno.db"
out=$("$OKNO" queue --csv 2>&1); rc=$?
is "$rc" 74 "an empty database file: refused (exit 74)"
like "$out" "the database file is empty \\(0 bytes\\), perhaps a failed restore" \
    "the message says what it probably is"
is "$(stat -c %s "$T/okno.db")" 0 "and nothing was written into it"
out=$("$OKNO" init 2>&1); rc=$?
isnt_zero=$(( rc == 0 ))
ok $isnt_zero "okno init refuses it too"
like "$out" "remove the file and run \`okno init\` again" \
    "and tells how to start fresh"
rm "$T/okno.db"
"$OKNO" init >/dev/null
ok $? "after removing it, init works"

# A FIFO where the configuration or a calendar should be: refused at
# once (nothing ever writes to it).
mkfifo "$T/fifo.conf"
out=$(within 10 "$OKNO" -c "$T/fifo.conf" queue 2>&1); rc=$?
is "$rc" 78 "a FIFO as the configuration: refused, not waited on"
like "$out" "fifo.conf: cannot read: not a regular file" "the message says why"
cp "$T/okno.conf" "$T/cal.conf"
sed -i "s|^calendar = .*|calendar = [ \"$T/fifo.conf\" ];|" "$T/cal.conf"
out=$(within 10 "$OKNO" -c "$T/cal.conf" queue 2>&1); rc=$?
is "$rc" 78 "a FIFO as a calendar: refused"
like "$out" "fifo.conf: not a regular file" "the message names it"
out=$(within 10 "$OKNO" -c /dev/zero queue 2>&1); rc=$?
is "$rc" 78 "a device as the configuration: refused"

# A weight that is infinity once read.
sed 's/weight = 0.3;/weight = 1e400;/' "$T/okno.conf" > "$T/w.conf"
grep -q 'weight = 1e400' "$T/w.conf" || bail "no weight to change"
out=$("$OKNO" -c "$T/w.conf" check-config 2>&1); rc=$?
is "$rc" 78 "weight = 1e400: refused"
like "$out" "w.conf:[0-9]+: .*weight" "at its line"

# A full disk: a tmpfs of our own, filled, in a private mount namespace.
mkdir "$T/small"
if unshare -m true 2>/dev/null; then
	unshare -m sh -c '
	mount -t tmpfs -o size=1m,mode=0755 none "$1" || exit 9
	export OKNO_DB="$1/okno.db"
	"$2" init >/dev/null && "$2" window open 1 >/dev/null &&
	    "$2" ticket issue pay >/dev/null || exit 8
	dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null
	"$2" queue --csv > "$3/queue" 2>&1; echo "queue $?" >> "$3/rc"
	"$2" windows --csv > "$3/windows" 2>&1; echo "windows $?" >> "$3/rc"
	"$2" report --from 2027-03-02 --to 2027-03-02 --queue --csv \
	    > "$3/report" 2>&1; echo "report $?" >> "$3/rc"
	"$2" ticket issue pay > "$3/issue" 2>&1; echo "issue $?" >> "$3/rc"
	' sh "$T/small" "$OKNO" "$T"
	like "$(cat "$T/rc")" "^queue 0" "full disk: okno queue works"
	like "$(cat "$T/queue")" "^pay,A,1," "and shows the waiting ticket"
	like "$(cat "$T/queue")" "warning: .* the disk holding it is full: read only" \
	    "and names the cause"
	like "$(cat "$T/rc")" "^windows 0" "full disk: okno windows works"
	like "$(cat "$T/windows")" "^1,free," "and shows the open window"
	like "$(cat "$T/rc")" "^report 0" "full disk: the report works"
	like "$(cat "$T/rc")" "^issue 74" "issuing a ticket fails (exit 74)"
	like "$(cat "$T/issue")" "the disk holding it is full, so nothing can be changed" \
	    "naming the cause"
else
	for i in 1 2 3 4 5 6 7 8; do
		ok 0 "# SKIP cannot mount a small tmpfs here"
	done
fi
