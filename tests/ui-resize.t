#!/bin/sh
# ui-resize.t: the console follows the terminal's size: 80x24 up to
# 132x43 and back, with a dialog open across a resize.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 14

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office
"$OKNO" ticket issue pay >/dev/null

start m xterm-256color "$OKNO" --window 1
login m anna pw-anna1
wait_for m "Window 1 .*free"
ok $? "the console at 80x24"

tmx resize-window -t main:m -x 132 -y 43
wait_for m "^1Help {8}2Call {8}3Recall"
ok $? "at 132x43 the key bar spreads over the width"
s=$(screen m)
is "$(printf '%s\n' "$s" | wc -l)" 43 "43 lines drawn"
like "$(printf '%s\n' "$s" | sed -n 1p)" "30\.12\.2026 10:00$" \
    "the clock sits at the right end of the header"
like "$(printf '%s\n' "$s" | sed -n 43p)" "10Exit" "the key bar is on line 43"

keys m F2
wait_for m "Ticket +A001"
ok $? "Call works at the large size"
keys m F7
wait_for m "Postpone the ticket"
ok $? "the postpone dialog opens"
tmx resize-window -t main:m -x 80 -y 24
wait_for m "^1Help   2Call   3Recall"
ok $? "back at 80x24 the key bar fits again"
wait_for m "Postpone the ticket"
ok $? "the dialog survived the resize"
keys m C-u
typ m 5
keys m Enter
wait_for m "A001 postponed"
ok $? "and still works: A001 postponed"

# The hall view uses a wider screen: what each window serves shows
# between the windows table and the chart; at 80 columns it has no room.
"$OKNO" window open 2 --manager boris >/dev/null
"$OKNO" ticket issue meter >/dev/null
"$OKNO" ticket call 2 >/dev/null
start h xterm-256color "$OKNO" --hall
login h sveta pw-sveta
wait_for h "^ 2 +serving +boris +B001"
ok $? "the hall view at 80x24: window 2 serves B001"
ok $(screen h | grep -q "Service"; echo $((!$?))) \
    "no service column at 80 columns"
tmx resize-window -t main:h -x 132 -y 43
wait_for h "^ 2 +serving +boris +B001 +[0-9:]+ +Показания и приборы учёта"
ok $? "at 132x43 the service being served shows beside it"
tmx resize-window -t main:h -x 80 -y 24
wait_for h "^ 2 +serving +boris +B001 +[0-9:]+ +[0-9]* *[.#]* *$"
ok $? "and goes again back at 80 columns"
