#!/bin/sh
# cli-locale.t: the command line's text in a KOI8-R locale is all KOI8-R
# (translated labels and the office's names alike) and reads the same as
# in UTF-8 once converted; CSV stays UTF-8 for scripts; the C locale of
# cron passes names through untouched.
. "$(dirname "$0")/lib.sh"

have_locale ru_RU.UTF-8 UTF-8 && have_locale ru_RU.KOI8-R KOI8-R ||
    skip_all "locales ru_RU.UTF-8 and ru_RU.KOI8-R missing"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
plan 13

export OKNO_NOW=2026-12-30T10:00:00+03:00
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
"$OKNO" init >/dev/null || bail "init"
"$OKNO" ticket issue pay >/dev/null
"$OKNO" appeal add --kind complaint --channel written --client-type \
    individual --name "Ёлкина Анна" --topic "Счёт" >/dev/null || bail "appeal"
"$OKNO" ticket call 1 >/dev/null
OKNO_NOW=2026-12-30T10:05:00+03:00 "$OKNO" ticket finish 1 >/dev/null
"$OKNO" ticket issue pay >/dev/null
koi() { LC_ALL=ru_RU.KOI8-R "$OKNO" "$@"; }
utf() { LC_ALL=ru_RU.UTF-8 "$OKNO" "$@"; }

koi queue > "$T/k" 2>&1
utf queue > "$T/u" 2>&1
like "$(head -2 "$T/u" | tr '\n' ' ')" "ЖДУТ.*Оплата и счета" \
    "queue in ru_RU.UTF-8: Russian labels and the service's name"
is "$(iconv -f KOI8-R -t UTF-8 "$T/k")" "$(cat "$T/u")" \
    "in ru_RU.KOI8-R the same text, every byte of it KOI8-R"
koi appeal list > "$T/k"
utf appeal list > "$T/u"
is "$(iconv -f KOI8-R -t UTF-8 "$T/k")" "$(cat "$T/u")" \
    "appeal list: the client's name converted with the labels"
koi report --from 2026-12-30 --to 2026-12-30 > "$T/k"
utf report --from 2026-12-30 --to 2026-12-30 > "$T/u"
# KOI8-R has no guillemets: iconv writes << >> for them.
is "$(iconv -f KOI8-R -t UTF-8 "$T/k")" "$(sed 's/«/<</g; s/»/>>/g' "$T/u")" \
    "the text report too"
is "$(koi appeal list --csv | od -c)" "$(utf appeal list --csv | od -c)" \
    "CSV stays UTF-8 in a KOI8-R locale"
koi ticket call 99 2> "$T/k"
utf ticket call 99 2> "$T/u"
is "$(iconv -f KOI8-R -t UTF-8 "$T/k")" "$(cat "$T/u")" \
    "an error message is KOI8-R on stderr"
like "$(cat "$T/u")" "^okno: " "one okno: line"
like "$(LC_ALL=C "$OKNO" appeal list)" "Ёлкина Анна" \
    "the C locale passes names through as UTF-8"
like "$(utf report --from 2026-12-30 --to 2026-12-30 --csv | grep '^all,')" \
    "^all,all,2,1,0,[0-9]+,[0-9]+,[0-9]+,[0-9]+,100\.0,300,300,300,100\.0$" \
    "report --csv in ru_RU: decimal points, never commas"
like "$(utf report --from 2026-12-30 --to 2026-12-30 | grep '^Скорость')" \
    "^Скорость обслуживания +0\.30 " "the text report's weights too, by name"
like "$(utf windows | sed -n 2p)" "^1 +свободно +$" \
    "okno windows says the window's state in Russian"
is "$(koi windows --csv | sed -n 2p)" "1,free,," "its CSV keeps the code"
koi ticket issue pay --bogus 2> "$T/k"
utf ticket issue pay --bogus 2> "$T/u"
is "$(iconv -f KOI8-R -t UTF-8 "$T/k")" "$(sed 's/«/<</g; s/»/>>/g' "$T/u")" \
    "the option parser's complaint is KOI8-R too, not converted twice"
