#!/bin/sh
# csv-guard.t: CSV from the command line is as safe as the export (issue
# 18): a text cell that a spreadsheet would run as a formula gets one
# leading ' in every --csv (appeal list, inspection list, report --pauses,
# windows), a cell starting with ' gets another, and numbers stay as they
# are.  okno(1) CSV.
. "$(dirname "$0")/lib.sh"
plan 9

export OKNO_NOW=2026-12-15T10:00:00+03:00
"$OKNO" init >/dev/null || bail "init"
add() {	# add TOPIC: an appeal about TOPIC
	"$OKNO" appeal add --kind question --channel in_person \
	    --client-type individual --name "Иванов" --topic "$1" >/dev/null ||
	    bail "appeal add $1"
}
add '=1+1'
add "'quoted"
add '@SUM(A1:A9)'
add '-2+3,4'
add 'plain'
topics=$("$OKNO" appeal list --csv | sed 1d | cut -d, -f8- | tr '\n' '|')
like "$topics" "^'=1\+1\|" "appeal list --csv: =1+1 comes out '=1+1"
like "$topics" "\|''quoted\|" "a leading ' gets another (reversible)"
like "$topics" "\|'@SUM\(A1:A9\)\|" "@ guarded"
like "$topics" "\|\"'-2\+3,4\"\|" "- guarded inside the quotes"
like "$topics" "\|plain\|$" "plain text untouched"

"$OKNO" inspection add --date 2026-12-15 --kind internal \
    --inspector '+Петров' --result U1=met --result U2=not_met \
    --result U4=met >/dev/null || bail "inspection add"
is "$("$OKNO" inspection list --csv | sed -n 2p | cut -d, -f4,8)" \
    "'+Петров,66.7" \
    "inspection list --csv: the inspector guarded, the percentage a number"

echo "password-ivanova" | "$OKNO" user add ivanova --role manager ||
    bail "user add"
"$OKNO" window open 1 --manager ivanova >/dev/null || bail "window open"
"$OKNO" window pause 1 --reason '=tech' >/dev/null || bail "pause"
is "$("$OKNO" windows --csv | grep '^1,')" "1,paused,,ivanova" \
    "windows --csv (the same writer; a login never starts with =)"
OKNO_NOW=2026-12-15T10:30:00+03:00 "$OKNO" window resume 1 >/dev/null ||
    bail "resume"
is "$(OKNO_NOW=2026-12-15T11:00:00+03:00 "$OKNO" report --from 2026-12-15 \
    --to 2026-12-15 --pauses --csv | sed -n 2p)" "1,ivanova,'=tech,1,1800" \
    "report --pauses --csv: the reason guarded, the numbers not"
# Every CSV the command line writes goes through one writer: no CSV cell
# anywhere starts with = unguarded.
all=$( ("$OKNO" appeal list --csv; "$OKNO" inspection list --csv;
    "$OKNO" windows --csv; "$OKNO" queue --csv; "$OKNO" user list --csv;
    "$OKNO" report --from 2026-12-15 --to 2026-12-15 --csv;
    "$OKNO" report --from 2026-12-15 --to 2026-12-15 --pauses --csv) |
    tr ',' '\n' | grep -c '^"\{0,1\}[=+@]')
is "$all" 0 "no cell of any --csv starts with =, + or @"
