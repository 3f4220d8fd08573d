#!/bin/sh
# ui-forms.t: dialogs keep what was typed, and the small traps of issue
# 19, at 80x24 on a vt100 in ru_RU.UTF-8 and ru_RU.KOI8-R.  A rating of 7
# keeps the form open at that score with the reason, nothing saved; 4
# then saves it once.  The form's rule of Enter is on its edge, the cursor
# in the refused field.  The account hint says what the pattern means.
# Registered from the console, back at the console.  The window chooser
# names services and marks a cut line (… in UTF-8, ~ in KOI8-R).  The
# report opens on a period with data and has a Today key.  Hostile text
# typed into a form is stored as typed and does nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

have_locale ru_RU.UTF-8 UTF-8 && have_locale ru_RU.KOI8-R KOI8-R ||
    skip_all "locales ru_RU.UTF-8 and ru_RU.KOI8-R missing"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
command -v iconv >/dev/null || skip_all "iconv missing"
plan 24

export OKNO_NOW=2026-12-30T10:00:00+03:00
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
ui_office
"$OKNO" ticket issue pay >/dev/null
ratings() { sqlite3 "$T/okno.db" 'SELECT count(*) FROM ratings'; }
ru() { env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" "$@"; }

# The window chooser: services by name; a line too long is marked cut.
start m vt100 env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" \
    "$OKNO"
login m anna pw-anna1
wait_for m "Ваше окно"
wait_for m "Окно 1  \(Оплата и счета, Показания и приборы учёта, Консультация\)"
ok $? "the window chooser names the services"
is "$(screen m | grep -c 'pay\|meter')" 0 "not their codes"
wait_for m "Окно 3  \(Договоры и смена собственника, .*…"
ok $? "a line cut at the box's edge ends with an ellipsis"
keys m 1
wait_for m "Окно 1 .*свободно"

# A rating of 7, then 4: saved once.
keys m 2
wait_for m "Талон +A001"
keys m 4
wait_for m "A001 обслужен"
keys m 9
wait_for m "Оценка обслуживания A001"
wait_for m "Enter: дальше; в последнем поле: сохранить"
ok $? "the form says what Enter does on its edge"
for s in 7 4 5 3; do
	typ m "$s"
	keys m Enter
done
wait_for m "Скорость обслуживания: число от 1 до 5, а не 7"
ok $? "a 7 is refused with the reason"
is "$(ratings)" 0 "and nothing is saved"
wait_for m "!Скорость обслуживания +7"
ok $? "the form stays open, the score marked and kept"
wait_for m "Вежливость и компетентность +4"
ok $? "and the other scores kept"
# The cursor is on the refused score.
row=$(screen m | grep -n '!Скорость обслуживания' | cut -d: -f1)
line=$(screen m | grep '!Скорость обслуживания')
col=$(printf '%s\n' "$line" | sed 's/7 *│.*//' | wc -m)
is "$(tmx display -p -t main:m '#{cursor_y} #{cursor_x}')" \
    "$((row - 1)) $((col - 1))" "the cursor sits in the refused field"
typ m 4
keys m Enter Enter Enter Enter
wait_for m "оценка A001 сохранена"
ok $? "a 4 over the 7, and Enter through to the last field saves"
is "$(sqlite3 "$T/okno.db" "SELECT group_concat(criterion || '=' || score,
    ' ') FROM (SELECT * FROM ratings ORDER BY id)")" \
    "speed=4 politeness=4 comfort=5 info=3" "saved once, with the 4"

# The appeal form: the account hint in words; hostile text is only text.
"$OKNO" ticket issue pay >/dev/null
keys m 2
wait_for m "Талон +A002"
keys m a
wait_for m "Регистрация обращения"
keys m Tab Tab Tab
typ m "%s%n\$(touch $T/pwned)'; DROP TABLE appeals; --"
keys m Tab
wait_for m "номер лицевого счёта: от 10 до 12 цифр"
ok $? "the account hint says 10 to 12 digits"
is "$(screen m | grep -c '\[0-9\]')" 0 "no regular expression on screen"
typ m 12AB
keys m Tab Tab Tab Tab
typ m "Прочее"
keys m Escape 2
wait_for m "!Лицевой счёт +12AB"
ok $? "a bad account keeps the form open at it"
wait_for m "ожидается от 10 до 12 цифр"
ok $? "and the refusal says what is expected in words"
keys m C-u
typ m 1234567890
keys m Escape 2
wait_for m "Регистрационный номер"
keys m Enter
wait_for m "Ожидают это окно"
ok $? "registered from the console: back at the console"
wait_line m '$' "^1Помощь +2Вызов"
ok $? "with the console's key bar"
is "$(sqlite3 "$T/okno.db" "SELECT client_name FROM appeals")" \
    "%s%n\$(touch $T/pwned)'; DROP TABLE appeals; --" \
    "hostile text is stored as typed"
ok "$([ ! -e "$T/pwned" ]; echo $?)" "and runs nothing"

# The report opens on a period with data: today has tickets.
start h vt100 env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" \
    "$OKNO" --hall
login h sveta pw-sveta
wait_for h "Окна"
keys h 6
wait_for h "2026-12-30 \.\. 2026-12-30"
ok $? "the report opens on today, which has tickets"
# Weeks later, no tickets that day nor last month: the last day with some.
start r vt100 env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" \
    OKNO_NOW=2027-02-10T10:00:00+03:00 "$OKNO" --hall
login r sveta pw-sveta
wait_for r "Окна"
keys r 6
wait_for r "2026-12-30 \.\. 2026-12-30"
ok $? "weeks later it opens on the last day with tickets"
keys r t
wait_for r "2027-02-10 \.\. 2027-02-10"
ok $? "t shows today"
# A wrong date keeps the period form open at it.
keys r 2
wait_for r "Период отчёта"
keys r Tab C-u
typ r 2027-13-01
keys r Enter
wait_for r "!По +2027-13-01"
ok $? "a wrong date keeps the period form open, the field marked"

# KOI8-R has no ellipsis: a cut line ends with ~.
koi8_start k "$OKNO"
raw_wait "Логин"
typ k anna
keys k Enter
typ k pw-anna1
keys k Enter
raw_wait "Юридические лица"
text=$(iconv -f KOI8-R -t UTF-8 "$out" 2>/dev/null)
like "$text" "Окно 3  \(Договоры и смена собственника, [^)]*~" \
    "ru_RU.KOI8-R: the cut line ends with ~"
exit $((tap_failed > 0))
