#!/bin/sh
# cli-c1.t: no text a client gives reaches a terminal as a control byte.
# Box-drawing and mathematical signs are refused when typed (exit 65,
# nothing stored); rows that hold them anyway (old ones, or written with
# sqlite3) print with '?' for each character that would be a control:
# in KOI8-R the box-drawing characters are bytes 0x80-0x9F, which 8-bit
# terminals obey as C1 controls (0x9B is CSI), so the byte dump of
# `appeal list` and `appeal show` must hold none of them.
. "$(dirname "$0")/lib.sh"

have_locale ru_RU.UTF-8 UTF-8 && have_locale ru_RU.KOI8-R KOI8-R ||
    skip_all "locales ru_RU.UTF-8 and ru_RU.KOI8-R missing"
plan 21

export OKNO_NOW=2026-12-30T10:00:00+03:00
db() { sqlite3 "$T/okno.db" "$1"; }
add() {	# add [OPTIONS]: a valid complaint, options appended
	"$OKNO" appeal add --kind complaint --channel written \
	    --client-type individual --name "Иванов Иван" \
	    --topic "Начисления" "$@"
}
koi() { LC_ALL=ru_RU.KOI8-R "$OKNO" "$@"; }
utf() { LC_ALL=ru_RU.UTF-8 "$OKNO" "$@"; }
# hex FILE: its bytes as one line of " xx" pairs.
hex() { od -An -tx1 -v "$1" | tr -d '\n'; }
# c1 FILE: the bytes an 8-bit terminal obeys (C0 but newline, DEL, C1).
c1() { hex "$1" | tr ' ' '\n' | grep -Ex '0[0-8b-f]|1[0-9a-f]|7f|[89][0-9a-f]' |
    sort -u | tr '\n' ' '; }
"$OKNO" init >/dev/null || bail "init"
reg=$(add) || bail "add"

# Typed: refused with the character named, nothing stored.
for v in "╔═╗ Петров" "Петров ─ Иван" "√2 ≈ 1,41" "x ≤ y" "Петров∙Иван" \
    "$(printf 'a\302\233[2Jb')"; do
	out=$(add --name "$v" 2>&1); rc=$?
	is "$rc/$(db 'SELECT count(*) FROM appeals')" 65/1 \
	    "name \"$v\": exit 65, nothing stored"
done
like "$out" "^okno: name: character U\+009B is not allowed$" \
    "the message names the field and the character"
out=$(add --name "╔ Петров" 2>&1)
like "$out" "^okno: name: character U\+2554 is not allowed$" \
    "a box-drawing character by its code point"
out=$(add --topic ok --text "$(printf 'строка 1\nгрань: ┼')" 2>&1); rc=$?
like "$rc $out" "^65 okno: text: character U\+253C" "in the text too"
out=$(add --name 'ООО «Ромашка» — № 5, 10 ₽ × 2, 5°, „ö“ … Ёё' 2>&1); rc=$?
is "$rc" 0 "Russian typography and Latin letters are allowed"

# Old rows: whatever is stored prints with no control byte.
db "UPDATE appeals SET client_name = '╔═╗ ∙√≈≤ Петров ' || char(0x9b) ||
    '2J', topic = '─│┌ ' || char(27) || '[2J Счёт', text = 'абв' ||
    char(13) || char(0x9d) || '0;t' || char(7) || ' °²·÷' WHERE id = 1"
koi appeal list > "$T/kl" 2>&1
koi appeal show "$reg" > "$T/ks" 2>&1
is "$(c1 "$T/kl")" "" "appeal list in KOI8-R: no byte 0x80-0x9F, no control"
is "$(c1 "$T/ks")" "" "appeal show in KOI8-R: none either"
# ╔═╗ are KOI8-R's 0xA5 0xA0 0xA8: shown; ∙√≈≤ its 0x95-0x98: not.
like "$(iconv -f KOI8-R -t UTF-8 "$T/ks")" "╔═╗ \?\?\?\? Петров \?2J" \
    "the name's letters stay, each sign that would be C1 is ?"
like "$(iconv -f KOI8-R -t UTF-8 "$T/ks")" "абв\?\?0;t\? \?\?\?\?" \
    "the text's CR, OSC, BEL and KOI8-R's C1 signs (° ² · ÷) are ?"
utf appeal list > "$T/ul" 2>&1
utf appeal show "$reg" > "$T/us" 2>&1
# UTF-8: continuation bytes 0x80-0xBF are fine, C1 code points (C2 80-9F)
# and C0 controls are not.
for f in ul us; do
	like "$(hex "$T/$f")" "^( ([0-9a-f][0-9a-f]))*$" "read $f"
done
is "$(hex "$T/ul" | grep -Eo ' c2 [89][0-9a-f]| 1b| 0d| 07')" "" \
    "appeal list in UTF-8: no C1 code point, no ESC, CR or BEL"
is "$(hex "$T/us" | grep -Eo ' c2 [89][0-9a-f]| 1b| 0d| 07')" "" \
    "appeal show in UTF-8: none either"
like "$(cat "$T/us")" "╔═╗ ∙√≈≤ Петров \?2J" \
    "a UTF-8 terminal still shows the box-drawing characters"
LC_ALL=C "$OKNO" appeal show "$reg" > "$T/cs" 2>&1
is "$(hex "$T/cs" | grep -Eo ' c2 [89][0-9a-f]| 1b| 0d| 07')" "" \
    "the C locale's pass-through: no control either"
# A message quoting what was typed: KOI8-R's 0x80 for U+2500 becomes ?.
koi ticket issue "─x" > "$T/ke" 2>&1
like "$(c1 "$T/ke")/$(iconv -f KOI8-R -t UTF-8 "$T/ke")" "^/okno: .*\?x" \
    "an error message in KOI8-R: no C1 byte"
