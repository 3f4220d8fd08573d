#!/bin/sh
# ui-visits.t: visits on the screens (issue 14), on a vt100 80x24 in
# ru_RU.UTF-8: the manager console shows a returning client's previous
# visit and open appeal, takes the outcomes and "resolved" at the finish
# from a check list, and the account typed during a visit (k); the kiosk
# takes an account for the next ticket and shows it masked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
have_locale ru_RU.UTF-8 UTF-8 ||
    skip_all "locale ru_RU.UTF-8 missing (apt-get install locales)"
plan 15
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"

ui_office
cat >>"$T/okno.conf" <<'CONF'
outcomes = (
  { code = "paid"; name = "Оплата принята"; services = [ "pay" ]; },
  { code = "readings"; name = "Показания приняты"; services = [ "pay", "meter" ]; }
);
CONF
db() { sqlite3 "$T/okno.db" "$1"; }

# The client came on 1 December, paid, and filed a complaint.
D1=2026-12-01T10:00:00+03:00
OKNO_NOW=$D1 "$OKNO" window open 1 --manager anna >/dev/null
OKNO_NOW=$D1 "$OKNO" ticket issue pay --account 1234567890 >/dev/null
OKNO_NOW=$D1 "$OKNO" ticket call 1 >/dev/null
OKNO_NOW=$D1 "$OKNO" ticket finish 1 --outcome paid --resolved >/dev/null ||
    bail "finish"
reg=$(OKNO_NOW=$D1 "$OKNO" appeal add --kind complaint --channel in_person \
    --client-type individual --name "Иванов И." --account 1234567890 \
    --topic "Начисления") || bail "appeal"
OKNO_NOW=$D1 "$OKNO" window close 1 >/dev/null

# 10 December: back again, and another client without an account.
D2=2026-12-10T09:00:00+03:00
OKNO_NOW=$D2 "$OKNO" ticket issue pay --account 1234567890 >/dev/null
OKNO_NOW=$D2 "$OKNO" ticket issue pay >/dev/null
OKNO_NOW=$D2 "$OKNO" window open 1 --manager anna >/dev/null
OKNO_NOW=$D2 "$OKNO" ticket call 1 >/dev/null

start m vt100 env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" \
    OKNO_NOW=2026-12-10T09:05:00+03:00 "$OKNO" --window 1
login m anna pw-anna1
wait_for m "Клиент 1234567890: визитов за 30 дн.: 1, открытых обращений: 1"
ok $? "the returning client's account and counts"
wait_for m "обращение $reg Жалоба, срок "
ok $? "their open appeal with its due date"
wait_for m "01\.12\.2026 A001 Оплата и счета: Оплата принята, решено"
ok $? "their previous visit: date, number, service, outcome"
is "$(screen m | wc -L)" 80 "all on 80 columns"

fkey m vt100 4
wait_for m "Завершить A001: что сделано"
ok $? "Finish asks what was done"
wait_for m "1 \[ \] Оплата принята"
ok $? "the service's outcomes, unticked"
keys m 1
wait_for m "1 \[x\] Оплата принята"
ok $? "a number ticks one"
keys m 2
wait_for m "2 \[x\] Показания приняты"
keys m 3
wait_for m "3 Вопрос решён: да"
ok $? "and says the question was resolved"
keys m 4
wait_for m "A001 обслужен"
ok $? "the last line finishes the visit"
is "$(db "SELECT outcomes || ' ' || resolved FROM tickets WHERE number =
    'A001' AND day = '2026-12-10'")" "paid;readings 1" \
    "outcomes and resolved stored"

# The next client has no account; the manager types it.
fkey m vt100 2
wait_for m "вызван A002"
! screen m | grep -Eq "Клиент(:| [0-9])"
ok $? "a client without an account has no client line (the byte budget)"
keys m k
wait_for m "Лицевой счёт клиента"
typ m 5555555555
keys m Enter
wait_for m "лицевой счёт сохранён"
ok $? "k saves the account typed"
is "$(db "SELECT account FROM tickets WHERE number = 'A002' AND
    day = '2026-12-10'")" 5555555555 "stored on the ticket"

# The kiosk: an account for the next ticket, masked on the screen.
start k vt100 env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" \
    OKNO_NOW=2026-12-10T09:10:00+03:00 "$OKNO" --kiosk
wait_for k "Выберите услугу"
keys k '#'
wait_for k "Номер лицевого счёта"
typ k 1111111111
keys k Enter
wait_for k "Лицевой счёт \*\*\*\*\*\*1111: будет на талоне"
ok $? "the kiosk shows the account masked"
keys k 1
wait_for k "Талон A003"
is "$(db "SELECT account FROM tickets WHERE number = 'A003' AND
    day = '2026-12-10'")" 1111111111 "the ticket issued takes it"
exit $((tap_failed > 0))
