#!/bin/sh
# user-cli.t: the password rules at the command line (issue 18): user add
# and user passwd refuse a short password and one with a NUL, CR, tab or
# ESC in it, with exit 65 and one message, storing nothing; a NUL no
# longer cuts the password short, and a CRLF line end is still taken.
. "$(dirname "$0")/lib.sh"
plan 15

export OKNO_NOW=2026-12-15T10:00:00+03:00
"$OKNO" init >/dev/null || bail "init"
users() { sqlite3 "$T/okno.db" "SELECT count(*) FROM users"; }
hash() { sqlite3 "$T/okno.db" "SELECT hash FROM users WHERE login = 'anna'"; }

try() {	# try DESCRIPTION PRINTF-FORMAT: user add with that password line
	out=$(printf "$2" | "$OKNO" user add "u$n" --role manager 2>&1); rc=$?
	n=$((n + 1))
	is "$rc" 65 "$1: exit 65"
}
n=0
try "7 characters" 'pw-anna\n'
like "$out" "^okno: a password has at least 8 characters$" "one message"
try "a NUL inside" 'abcd\000efghij\n'
like "$out" "^okno: a password may not contain control characters$" \
    "one message, the password not quoted"
try "a CR inside" 'abcdefgh\rijk\n'
try "a tab" 'abcd\tefghij\n'
try "an ESC" 'abcd\033[2Jefgh\n'
try "nothing" ''
is "$(users)" 0 "nothing stored"

printf 'pw-anna-1\r\n' | "$OKNO" user add anna --role manager
is "$?" 0 "8 characters and more, a CRLF line end: added"
before=$(hash)
printf 'abcdefgh\000ijk\n' | "$OKNO" user passwd anna 2>/dev/null
is "$?" 65 "passwd: a NUL refused, not cut at"
printf 'short\n' | "$OKNO" user passwd anna 2>/dev/null
is "$?" 65 "passwd: too short"
is "$(hash)" "$before" "the password is unchanged"
printf 'пароль12\n' | "$OKNO" user passwd anna
is "$?" 0 "6 Cyrillic letters and 2 digits (14 bytes) are 8 characters"
ok $([ "$(hash)" != "$before" ]; echo $?) "and set"
