#!/bin/sh
# hq-gen.t: tools/hq-gen.sh's test network (make bench-hq's) is what
# okno-load takes: every branch's key registered, every batch signed by
# its own branch, loaded whole, the same history under each code; the
# same batches again are unchanged; a batch signed by another branch's
# key is refused.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/hq-lib.sh"
plan 12

out=$(sh "$SRC/tools/hq-gen.sh" -n 3 -d 2 -t 2026-11-04 -r "$T/net" 2>&1)
ok $? "hq-gen.sh makes 3 branches of 2 days and registers their keys"
[ -z "$out" ] || diag "$out"
is "$(q 'SELECT string_agg(branch, $$ $$ ORDER BY branch)
    FROM okno.branches')" "B001 B002 B003" "the keys registered"
is "$(ls "$T/net/batches" | sed 's/-.*//' | tr '\n' ' ')" \
    "B001 B002 B003 " "one batch a branch"

out=$("$LOAD" "$T"/net/batches/*)
ok $? "okno-load loads them all"
rows=$(cat "$T"/net/batches/*/BATCH |
    awk -F, '$1 == "rows" { n += $3 } END { print n }')
like "$out" "^okno-load: 3 batches: 3 loaded \\($rows rows\\), 0 unchanged," \
    "every row of their BATCH files"
t1=$(q "SELECT count(*) FROM okno.tickets WHERE branch = 'B001'")
is "$(q "SELECT count(DISTINCT n) FROM (SELECT count(*) AS n
    FROM okno.tickets GROUP BY branch) x")" 1 "the same tickets a branch"
# Two working days before 2026-11-04 (a Wednesday): the 2nd and 3rd.
is "$(q "SELECT string_agg(DISTINCT (issued_at AT TIME ZONE
    'Europe/Moscow')::date::text, ' ') FROM okno.tickets")" \
    "2026-11-02 2026-11-03" "of the two working days before the date"
ok "$([ "$t1" -gt 50 ] && echo 0 || echo 1)" "a day of demo visits each ($t1)"
# batch_rows FILE: the rows the batches' BATCH files say FILE has.
batch_rows() {
	cat "$T"/net/batches/*/BATCH |
	    awk -F, -v f="$1" '$1 == "rows" && $2 == f { n += $3 }
	    END { print n }'
}
is "$(q "SELECT count(*) FROM okno.ratings") $(q "SELECT count(*) FROM
    okno.appeals") $(q "SELECT count(*) FROM okno.window_events")" \
    "$(batch_rows ratings.csv) 21 $(batch_rows window_events.csv)" \
    "ratings, appeals and window sessions too"

out=$("$LOAD" "$T"/net/batches/*)
like "$out" "3 batches: 0 loaded \\(0 rows\\), 3 unchanged, 0 refused" \
    "the same batches again: unchanged"

# B001's folder signed by B002's key: B002 never made it.
b1=$(ls -d "$T"/net/batches/B001-*)
forged=$T/forged/${b1##*/}
mkdir "$T/forged"
cp -r "$b1" "$forged"
"$LOAD" --register B001 "$(cut -d' ' -f2 "$T/net/keys" | sed -n 2p)" \
    >/dev/null
q "DELETE FROM okno.batches WHERE branch = 'B001'" >/dev/null
out=$("$LOAD" "$forged")
ok "$([ $? = 1 ] && echo 0 || echo 1)" "a batch not signed by its branch"
like "$out" "refused: bad signature" "is refused: bad signature"
