#!/bin/sh
# ui-access.t: a session ends when its user's access ends (issue 18).
# Disabling a user (okno user disable) logs that user's open terminals out
# at once, whatever screen or dialog they are on, with the reason on the
# login screen; other users' sessions go on.  A role changed under a
# session ends it too.  In Russian, 80x24, as the branch works.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

have_locale ru_RU.UTF-8 UTF-8 ||
    skip_all "locale ru_RU.UTF-8 missing (apt-get install locales)"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
plan 12

export OKNO_NOW=2026-12-30T10:00:00+03:00
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
ui_office
ru() {	# ru NAME ARGS...: okno ARGS in Russian in pane NAME
	local n=$1
	shift
	start "$n" xterm-256color env LC_ALL=ru_RU.UTF-8 \
	    OKNO_LOCALEDIR="$OKNO_LOCALEDIR" "$OKNO" "$@"
}
gone="Ваша учётная запись отключена"

ru a --window 1
login a anna pw-anna1
wait_for a "Окно 1 .*свободно"
ok $? "anna works at window 1"
ru b --window 2
login b boris pw-boris
wait_for b "Окно 2 .*свободно"
ok $? "boris works at window 2"
# boris is in the middle of a dialog: the pause's reason.
keys b F8
wait_for b "Приостановить окно"
ok $? "boris has the pause dialog open"
ru s --hall
login s sveta pw-sveta
wait_for s "Окна"
ok $? "sveta has the hall view"

# No key is needed: the console notices within a round (a key sent now
# could land in the login form that replaced it).
"$OKNO" user disable anna || bail "disable anna"
wait_for a "$gone"
ok $? "anna's console: logged out at once, the login screen says why"
wait_for a "Логин" >/dev/null
is "$("$OKNO" windows --csv | grep '^1,')" "1,closed,," \
    "her window is closed as on a logout"
s=$(screen b)
ok $(printf '%s\n' "$s" | grep -q "Приостановить окно"; echo $?) \
    "boris's dialog is untouched by anna's end"

"$OKNO" user disable boris || bail "disable boris"
wait_for b "$gone"
ok $? "boris, in a dialog, is logged out too"
is "$("$OKNO" windows --csv | grep '^2,' | cut -d, -f2)" closed \
    "no pause stored, his window closed"
"$OKNO" user enable anna || bail "enable anna"
login a anna pw-anna1
wait_for a "Окно 1 .*свободно"
ok $? "enabled again, anna logs in and works"

# A role changed under a session (no command does it; SQL can): sveta's
# hall view was opened as a supervisor, and ends.
sqlite3 "$T/okno.db" "UPDATE users SET role = 'auditor' WHERE login = 'sveta'"
wait_for s "Ваша роль теперь «аудитор»: войдите снова"
ok $? "a role changed under the hall view ends it, saying so"
s=$(screen a)
ok $(printf '%s\n' "$s" | grep -q "Окно 1 .*свободно"; echo $?) \
    "anna's session goes on"
