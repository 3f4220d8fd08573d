#!/bin/sh
# ui-save.t: the report screen's Save tried as an attacker would (issue
# 11): an auditor names the live database, a path up and out of the
# reports folder, an absolute path, the okno account's .profile, a name
# holding a C1 control, and the name of a link planted in the reports
# folder pointing at the database.  Each is refused with its reason, the
# name typed still in the form, or saved as a new file inside the reports
# folder; the database stays whole and okno works on.  A reports folder
# set in okno.conf is used; one that is a link is refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 38

# Today is 15 December: the report offered is November's, the last month
# with tickets (none today).
export OKNO_NOW=2026-12-15T10:00:00+03:00
DEF=report-2026-11-01_2026-11-30.txt
ui_office
echo pw-olga1 | "$OKNO" user add olga --role auditor || bail "user add"
OKNO_NOW=2026-11-20T10:00:00+03:00 "$OKNO" ticket issue pay >/dev/null ||
    bail "ticket"
mkdir -p "$T/home" && echo 'exec okno' > "$T/home/.profile"
# A link where the first report would go, at the database.
mkdir "$T/reports" && ln -s ../okno.db "$T/reports/$DEF"

# The database is still a database, with its data, and okno works on it.
intact() {
	[ "$(sqlite3 "$T/okno.db" 'PRAGMA integrity_check' 2>&1)" = ok ] &&
	    [ "$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM tickets')" = 1 ] &&
	    "$OKNO" queue >/dev/null 2>&1
}
# ERE-quoted text for wait_for.
re() { printf '%s' "$1" | sed 's/[].[^$*+?(){}|\\]/\\&/g'; }

# press NAME KEY ERE: a key whose effect the screen shows; once more if
# nothing shows in 10 s (a loaded machine can split an F-key's escape
# sequence).  Only for keys that do no harm twice.
press() {
	keys "$1" "$2"
	wait_for "$1" "$3" 100 >/dev/null && return 0
	keys "$1" "$2"
	wait_for "$1" "$3" 200
}

# try NAME TYPED: types TYPED over the form's name and submits it.
try() {
	keys "$1" C-u
	typ "$1" "$2"
	keys "$1" Enter
}

start s1 xterm-256color "HOME=$T/home" "$OKNO"
login s1 olga pw-olga1
wait_for s1 "6Report"
press s1 F6 "2026-11-01 \.\. 2026-11-30"
ok $? "the auditor opens last month's report"
press s1 F4 "Save the report as text"
wait_for s1 "File name +$(re "$DEF") "
ok $? "Save offers a name okno makes, no folder: $DEF"
wait_for s1 "saved in $(re "$T/reports");"
ok $? "and says which folder it saves in"

try s1 "$T/okno.db"
wait_for s1 "not saved: \"$(re "$T/okno.db")\": a file name, not a path"
ok $? "the database's path: refused, saying why"
intact; ok $? "  the database is intact"
wait_for s1 "File name +$(re "$T/okno.db")"
ok $? "  and what was typed is still in the form"

try s1 "../okno.db"
wait_for s1 "not saved: \"\.\./okno\.db\": a file name, not a path"
ok $? "../okno.db: refused"
intact; ok $? "  the database is intact"

try s1 "../x"
wait_for s1 "not saved: \"\.\./x\": a file name, not a path"
ok $? "../x: refused"
ok "$(ls "$T" | grep -c '^x')" "  nothing written beside the reports folder"

# (An absolute path of the test's own: the old code, run as root, would
# have written into /etc.)
try s1 "$T/home/outside"
wait_for s1 "not saved: \"$(re "$T/home/outside")\": a file name, not a path"
ok $? "an absolute path: refused"
ok "$(ls "$T/home" | grep -c outside)" "  nothing written there"

try s1 "$T/home/.profile"
wait_for s1 "not saved: \"$(re "$T/home/.profile")\": a file name, not a path"
ok $? "the account's .profile by path: refused"
try s1 ".profile"
wait_for s1 "not saved: \"\.profile\": a file name may not start with '\.'"
ok $? ".profile as a name: refused"
is "$(cat "$T/home/.profile")" "exec okno" "  .profile is untouched"

# U+009B: CSI on an 8-bit terminal.  The form library keeps it as "~["
# (its picture of a meta-ESC), which is refused too; a message would show
# a control as '?'.
try s1 "$(printf 'a\302\233b')"
wait_for s1 "not saved: \"a[^\"]*\": a file name holds letters, digits"
ok $? "a name holding a C1 control: refused"
ok "$(ls "$T/reports" | LC_ALL=C grep -c "$(printf '\302')")" \
    "  no file with it in the reports folder"

# The name of the planted link: a new file beside it, never through it.
try s1 "$DEF"
F2=$T/reports/report-2026-11-01_2026-11-30-2.txt
wait_for s1 "saved to $(re "$F2")"
ok $? "the name of a link to the database: saved as -2 instead"
wait_for s1 "4Save +5Queue"
ok $? "  the form closes"
intact; ok $? "  the database is intact"
is "$(readlink "$T/reports/$DEF")" "../okno.db" "  the link is left as it was"
ok "$([ -f "$F2" ] && [ ! -L "$F2" ]; echo $?)" "  -2 is a plain file"
is "$(cd "$(dirname "$F2")" && pwd -P)" "$(cd "$T/reports" && pwd -P)" \
    "  inside the reports folder"
is "$(head -1 "$F2")" "Report 2026-11-01 to 2026-11-30" \
    "  holding the report"
is "$(stat -c %a "$F2")" 640 "  mode 0640"

# Saved again: never over the last one.
cp "$F2" "$T/f2.copy"
press s1 F4 "Save the report as text"
wait_for s1 "File name +$(re "$DEF") "
keys s1 Enter
wait_for s1 "saved to $(re "$T/reports/report-2026-11-01_2026-11-30-3.txt")"
ok $? "saved again: -3"
cmp -s "$F2" "$T/f2.copy"; ok $? "  -2 is untouched"
is "$(ls "$T/reports" | sort | tr '\n' ' ')" \
    "$(printf '%s\n' "$DEF" report-2026-11-01_2026-11-30-2.txt \
    report-2026-11-01_2026-11-30-3.txt | sort | tr '\n' ' ')" \
    "the reports folder holds the link and the two reports, nothing else"

# A name the user edits: .txt is added.
press s1 F4 "Save the report as text"
try s1 "November"
wait_for s1 "saved to $(re "$T/reports/November.txt")"
ok $? "an edited name: saved with .txt added"

# okno goes on: the screen, and a ticket.
press s1 F10 "6Report"
ok $? "back to the hall"
# On a November day, so that the report below still opens on November.
OKNO_NOW=2026-11-21T10:00:00+03:00 "$OKNO" ticket issue pay >/dev/null
ok $? "okno issues a ticket"
[ "$(sqlite3 "$T/okno.db" 'PRAGMA integrity_check')" = ok ]
ok $? "the database passes integrity_check"

# A reports folder okno.conf names, relative to its folder.
sed '$a reports = "office/reports";' "$T/okno.conf" > "$T/dir.conf"
mkdir "$T/office"
start s2 xterm-256color "OKNO_CONFIG=$T/dir.conf" "$OKNO"
login s2 olga pw-olga1
wait_for s2 "6Report"
press s2 F6 "2026-11-01 \.\. 2026-11-30"
press s2 F4 "Save the report as text"
wait_for s2 "saved in $(re "$T/office/reports");"
ok $? "okno.conf's reports folder is offered"
keys s2 Enter
wait_for s2 "saved to $(re "$T/office/reports/$DEF")"
ok $? "  and saved in"
is "$(stat -c %a "$T/office/reports")" 750 "  the folder made 0750"

# A reports folder that is itself a link: refused, nothing through it.
mkdir "$T/elsewhere"
ln -s elsewhere "$T/linked"
sed '$a reports = "linked";' "$T/okno.conf" > "$T/link.conf"
start s3 xterm-256color "OKNO_CONFIG=$T/link.conf" "$OKNO"
login s3 olga pw-olga1
wait_for s3 "6Report"
press s3 F6 "2026-11-01 \.\. 2026-11-30"
press s3 F4 "Save the report as text"
keys s3 Enter
wait_for s3 "not saved: $(re "$T/linked"): a symbolic link, not a folder"
ok $? "a reports folder that is a link: refused"
is "$(ls -A "$T/elsewhere" | wc -l)" 0 "  nothing written through it"
press s3 Escape "4Save +5Queue"
ok $? "  and the form is left with Esc"
exit $((tap_failed > 0))
