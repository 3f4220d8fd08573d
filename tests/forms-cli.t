#!/bin/sh
# forms-cli.t: what a reader sees from the command line is in his
# language (issue 19.7): appeal history notes are stored translated, not
# in English ("unit ..."); `user list` names roles in the reader's
# language while --csv keeps the codes; a refused account number says
# what the configured pattern means, never the pattern itself.
. "$(dirname "$0")/lib.sh"

have_locale ru_RU.UTF-8 UTF-8 || skip_all "no ru_RU.UTF-8 locale"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
plan 12

export OKNO_NOW=2026-12-30T10:00:00+03:00
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
ru() { LC_ALL=ru_RU.UTF-8 "$OKNO" "$@"; }
db() { sqlite3 "$T/okno.db" "$1"; }
"$OKNO" init >/dev/null || bail "init"
echo pw-anna-1 | "$OKNO" user add anna --role manager >/dev/null ||
    bail "user add"
echo pw-sveta | "$OKNO" user add sveta --role supervisor >/dev/null ||
    bail "user add"

# Roles.
out=$(ru user list)
like "$out" "^anna +менеджер *$" "user list: the role in Russian"
like "$out" "^sveta +руководитель *$" "each role"
is "$(ru user list --csv | sed -n 2p)" "anna,manager,0" \
    "--csv keeps the role's code"

# History notes.
add() { ru appeal add --kind complaint --channel written \
    --client-type individual --name "Петров П. П." --topic "Прочее" "$@"; }
R=$(add) || bail "appeal add"
ru appeal update "$R" --status forwarded --unit "Расчётный отдел" \
    --note "нужна проверка" >/dev/null || bail "forward"
is "$(db "SELECT note FROM appeal_events WHERE event = 'forwarded'")" \
    "подразделение: Расчётный отдел; нужна проверка" \
    "the forwarding note is stored in Russian"
R2=$(add --unit "Юридический отдел") || bail "appeal add --unit"
is "$(db "SELECT note FROM appeal_events WHERE event = 'forwarded' AND
    appeal_id = (SELECT id FROM appeals WHERE reg_no = '$R2')")" \
    "подразделение: Юридический отдел" "so is one made at registration"
add --first-contact >/dev/null || bail "first contact"
is "$(db "SELECT note FROM appeal_events WHERE event = 'closed'")" \
    "решено при первом обращении" "and the first contact's"
ru appeal extend "$R" --reason "нужна экспертиза" >/dev/null ||
    bail "appeal extend"
n=$(db "SELECT count(*) FROM appeal_events WHERE note LIKE '%unit%'
    OR note LIKE '%first contact%' OR note LIKE 'due %'")
is "$n" 0 "no English word in any stored note"
like "$(ru appeal show "$R" 2>&1)" "подразделение: Расчётный отдел" \
    "the history reads in Russian"
is "$(db "SELECT count(*) FROM appeal_events WHERE note LIKE 'срок %'
    AND event = 'extended'")" 1 "an extension's note is in Russian too"

# The account number's refusal.
out=$(add --account 12AB 2>&1)
like "$out" "ожидается от 10 до 12 цифр" \
    "a bad account: what is expected, in words"
case $out in *'[0-9]'*) r=1 ;; *) r=0 ;; esac
is "$r" 0 "not the regular expression"
like "$("$OKNO" appeal add --kind complaint --channel written \
    --client-type individual --name X --topic T --account 1 2>&1)" \
    "expected 10 to 12 digits" "in English under C"
exit $((tap_failed > 0))
