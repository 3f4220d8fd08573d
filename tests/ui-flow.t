#!/bin/sh
# ui-flow.t: the day at the office through the terminal UI, at 80x24 on a
# vt100 (digits for F-keys, no colour) and on xterm-256color: a ticket at
# the ticket terminal, called at a window, seen on the hall view, finished
# and rated.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 26

export OKNO_NOW=2026-12-30T10:00:00+03:00
# A window of its own keeps the tmux server up between the rounds: killing
# a session's last window ends the server, and a loaded machine raced the
# next round's start against the dying server.
start keep vt100 true

for term in vt100 xterm-256color; do
	k=kiosk-$term m=mgr-$term h=hall-$term
	rm -f "$T"/okno.db*
	ui_office
	start "$k" "$term" "$OKNO" --kiosk
	start "$m" "$term" "$OKNO" --window 1
	start "$h" "$term" "$OKNO" --hall

	wait_for "$k" "Choose a service"
	ok $? "$term: the ticket terminal offers the services"
	keys "$k" 1
	wait_for "$k" "Ticket A001"
	ok $? "$term: key 1 issues ticket A001, shown on the terminal"
	wait_for "$k" "No one ahead of you"
	ok $? "$term: with the wait estimate"
	is "$("$OKNO" queue --csv | grep '^pay,')" "pay,A,1,0" \
	    "$term: the database has it"

	login "$m" anna pw-anna1
	wait_for "$m" "Window 1 .*free"
	ok $? "$term: anna logs in to the console of window 1"
	wait_for "$m" "Оплата.* 1 "
	ok $? "$term: one client waits for payments"
	fkey "$m" "$term" 2
	wait_for "$m" "Ticket +A001"
	ok $? "$term: Call brings A001 to the window"

	login "$h" sveta pw-sveta
	wait_for "$h" "^ 1 +serving +anna +A001"
	ok $? "$term: the hall view shows window 1 serving A001 for anna"

	fkey "$m" "$term" 4
	wait_for "$m" "A001 finished"
	ok $? "$term: Finish ends the visit"
	wait_for "$h" "^ 1 +free +anna"
	ok $? "$term: the hall view sees the window free again"
	fkey "$m" "$term" 9
	wait_for "$m" "Rate visit A001"
	ok $? "$term: Rate opens the rating form for A001"
	for s in 5 4 5 3; do
		typ "$m" "$s"
		keys "$m" Enter
	done
	wait_for "$m" "rating of A001 saved"
	ok $? "$term: the rating is saved"
	is "$(sqlite3 "$T/okno.db" "SELECT group_concat(criterion || '=' ||
	    score || ':' || manager, ' ') FROM (SELECT * FROM ratings
	    ORDER BY id)")" \
	    "speed=5:anna politeness=4:anna comfort=5:anna info=3:anna" \
	    "$term: four criteria stored with the manager"
	tmx kill-window -t "main:$k"
	tmx kill-window -t "main:$m"
	tmx kill-window -t "main:$h"
done
