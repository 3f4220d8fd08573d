#!/bin/sh
# ui-undo.t: issue 19 at the console, 80x24 vt100 in Russian: the late
# client restored with undo (u), the window's postponed tickets listed
# with their return times, and one manager, one window: a manager's
# second console is refused naming the window held, another manager
# cannot take a held window, and a console that was killed locks nobody
# out.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

have_locale ru_RU.UTF-8 UTF-8 || skip_all "locale ru_RU.UTF-8 missing"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
plan 14

export OKNO_NOW=2026-12-30T10:00:00+03:00
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
ui_office
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket issue meter >/dev/null
q() { sqlite3 -cmd '.timeout 5000' "$T/okno.db" "$1"; }
ru() { start "$1" vt100 env LC_ALL=ru_RU.UTF-8 \
    OKNO_LOCALEDIR="$OKNO_LOCALEDIR" "$OKNO" --window "$2"; }
# The okno running in pane NAME.
pid_of() {
	local sh
	sh=$(tmx display-message -p -t "main:$1" '#{pane_pid}')
	pgrep -P "$sh" | head -1
}

ru a 1
login a anna pw-anna1
wait_for a "Окно 1 .*свободно"
keys a 2
wait_for a "вызван A001"
keys a 5
wait_for a "A001 не подошёл \(u — вернуть\)"
ok $? "no-show: the message says u takes it back"
keys a u
wait_for a "A001 снова на обслуживании"
ok $? "u: the late client is in service again"
wait_for a "Талон +A001"
ok $? "the console shows A001 as the current ticket"
is "$(q "SELECT status FROM tickets WHERE number = 'A001'")" called \
    "A001 is in service at window 1 again"
is "$(q "SELECT group_concat(event, ' ') FROM (SELECT event FROM
    ticket_events WHERE ticket_id = 1 ORDER BY id)")" \
    "issued called noshow undone" "the log has both steps"

keys a 7
wait_for a "Отложить талон"
keys a Enter
wait_for a "A001 отложен"
wait_for a "^ Отложены: A001 до 10:10 *$"
ok $? "the postponed ticket is listed with its return time"
"$OKNO" ticket issue pay >/dev/null	# A003
keys a 2
wait_for a "вызван A002"
keys a 7
wait_for a "Отложить талон"
keys a Enter
wait_for a "^ Отложены: A001 до 10:10, A002 до 10:10 *$"
ok $? "two postponed tickets on the one line"

# One manager, one window.
ru a2 2
login a2 anna pw-anna1
wait_for a2 "anna уже работает в окне 1 \(с 10:00\): сначала выйдите там"
ok $? "anna's second console, at window 2, is refused naming window 1"
is "$(q "SELECT count(*) FROM windows WHERE number = 2 AND
    state <> 'closed'")" 0 "window 2 stays closed"
ru b 1
login b boris pw-boris
wait_for b "окно 1 открыто для anna, а не для вас"
ok $? "boris cannot take window 1 while anna's console lives"

# anna's terminal is killed: her console leaves window 1 open behind it.
p=$(pid_of a)
[ -n "$p" ] || bail "no okno in pane a"
kill -KILL "$p"
while kill -0 "$p" 2>/dev/null; do sleep 0.05; done
is "$(q "SELECT state || ',' || manager FROM windows WHERE number = 1")" \
    "open,anna" "window 1 still says anna"
ru b2 1
login b2 boris pw-boris
wait_for b2 "Окно 1 .*свободно"
ok $? "boris takes window 1: the console holding it is gone"
ru a3 2
login a3 anna pw-anna1
wait_for a3 "Окно 2 .*свободно"
ok $? "and anna may work at window 2"
is "$(q "SELECT window || ' ' || event || ' ' || manager || ' ' ||
    coalesce(reason, '') FROM window_events WHERE window = 1
    ORDER BY id DESC LIMIT 2")" "1 opened boris 
1 closed anna session lost" "the log says anna's session was lost"
exit $((tap_failed > 0))
