#!/bin/sh
# ui-c1.t: a client's name that would be C1 controls on an 8-bit
# terminal is not sent as them.  Stored with sqlite3 (as an old row
# might be), box-drawing and mathematical signs are KOI8-R bytes
# 0x80-0x9F (0x9B is CSI); the appeal list and view in ru_RU.KOI8-R on a
# vt100 must send none (read raw through pipe-pane): ncurses draws its
# lines there with the alternate character set (ESC ( 0), not 8-bit
# bytes, and okno shows those signs as '?'.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

have_locale ru_RU.KOI8-R KOI8-R ||
    skip_all "locale ru_RU.KOI8-R missing (apt-get install locales; make check generates it as root)"
command -v iconv >/dev/null || skip_all "iconv missing"
plan 6

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office
"$OKNO" appeal add --kind complaint --channel written --client-type \
    individual --name "Петров" --topic "Счёт" >/dev/null || bail "appeal"
sqlite3 "$T/okno.db" "UPDATE appeals SET client_name = 'Петров ─│┼ ∙√≈≤ '
    || char(0x9b) || '2J', topic = 'Счёт ╔═╗ ▀▄█ ⌠⌡ ° ÷' WHERE id = 1" ||
    bail "sqlite3"

out="$T/koi8.out"
# okno starts once the pane's output is piped to $out (the file "go").
cat > "$T/koi8.sh" <<EOS
while [ ! -e "$T/go" ]; do sleep 0.05; done
exec env LC_ALL=ru_RU.KOI8-R "$OKNO" --window 1
EOS
start k vt100 sh "$T/koi8.sh"
tmx pipe-pane -t main:k -o "cat >> '$out'"
touch "$T/go"
login k anna pw-anna1
wait_for k "Window 1 .*free"
ok $? "anna opens window 1 in ru_RU.KOI8-R"
keys k o
wait_for k "MSK-014-2026-000001"
ok $? "o lists the appeal"
keys k Enter
wait_for k "Appeal MSK-014-2026-000001"
ok $? "Enter shows it"
wait_for k "Topic"
text=$(iconv -f KOI8-R -t UTF-8 "$out" 2>/dev/null)
like "$text" "Петров" "the name's Cyrillic arrives as KOI8-R"
like "$text" "Счёт" "and the topic's"
is "$(od -An -tx1 -v "$out" | tr ' ' '\n' | grep -Ex '[89][0-9a-f]' |
    sort -u | tr '\n' ' ')" "" "no byte 0x80-0x9F in what okno sent"
