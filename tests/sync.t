#!/bin/sh
# sync.t: packaging/okno-sync: export, upload, verify, ack; a failure
# (an unsigned batch among them) acknowledges nothing and leaves the rows
# for the next night; head office's bookings fetched and applied first,
# a forged batch of them not applied.
. "$(dirname "$0")/lib.sh"
plan 31

SYNC=$SRC/packaging/okno-sync
export OKNO_NOW=2026-11-27T22:00:00+03:00
export OKNO_SYNC_OUT=$T/export OKNO_SYNC_CONF=$T/sync.conf
export OKNO="$OKNO"
"$OKNO" init >/dev/null || bail "init"
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket issue meter >/dev/null

acked() { sqlite3 "$T/okno.db" \
    'SELECT count(*) FROM export_batches WHERE acked_at IS NOT NULL'; }
local_batches() { ls "$OKNO_SYNC_OUT" | wc -l | tr -d ' '; }

: > "$T/sync.conf"
out=$("$SYNC" 2>&1); is $? 78 "no destination configured: exit 78"

mkdir "$T/hq"
# No key yet: an unsigned batch is not uploaded.
cat > "$T/sync.conf" <<EOF
OKNO_SYNC_DEST=$T/hq
OKNO_SYNC_CMD='cp -R'
EOF
out=$("$SYNC" 2>&1); is $? 1 "an unsigned batch: exit 1"
like "$out" "is not signed: .*okno keygen" "it says so"
is "$(ls "$T/hq" | wc -l | tr -d ' ')/$(acked)" 0/0 \
    "nothing uploaded, nothing acknowledged"
"$OKNO" keygen >/dev/null || bail "keygen"

cat > "$T/sync.conf" <<EOF
OKNO_SYNC_DEST=$T/hq
OKNO_SYNC_CMD=false
EOF
out=$("$SYNC" 2>&1); is $? 1 "a failing upload: exit 1"
like "$out" "upload of .* failed" "it says so"
is "$(acked)" 0 "nothing acknowledged"
is "$(local_batches)" 2 "the batches stay (the unsigned one too)"

cat > "$T/sync.conf" <<EOF
OKNO_SYNC_DEST=$T/hq
OKNO_SYNC_CMD='cp -R'
OKNO_SYNC_VERIFY=false
EOF
out=$("$SYNC" 2>&1); is $? 1 "a failing verification: exit 1"
is "$(acked)" 0 "nothing acknowledged"
rm -rf "$T/hq"/*

# The upload command is a local copy; the check is sha256sum -c there.
cat > "$T/sync.conf" <<'EOF'
OKNO_SYNC_DEST=$T/hq
OKNO_SYNC_CMD='cp -R'
OKNO_SYNC_VERIFY='check() { (cd "$2/${1##*/}" && sha256sum --quiet --strict -c MANIFEST.sha256); }; check'
EOF
sed -i "s|\$T|$T|" "$T/sync.conf"
"$OKNO" ticket issue consult >/dev/null
out=$("$SYNC" 2>&1); is $? 0 "a good upload: exit 0"
like "$out" "delivered MSK-014-" "it says what it delivered"
is "$(acked)" 1 "the batch is acknowledged"
b=$(ls "$T/hq")
is "$(($(wc -l < "$T/hq/$b/tickets.csv") - 1))" 3 \
    "it holds the rows of the failed nights too"
is "$(local_batches)" 1 "older local batches removed"
is "$(ls "$OKNO_SYNC_OUT")" "$b" "the delivered one is kept until next time"

# The default: rsync (here to a local folder), then a checksum pass.
if command -v rsync >/dev/null; then
	echo "OKNO_SYNC_DEST=$T/hq2" > "$T/sync.conf"
	mkdir "$T/hq2"
	"$OKNO" ticket issue pay >/dev/null
	out=$("$SYNC" 2>&1); is $? 0 "default rsync upload: exit 0"
	b=$(ls "$T/hq2")
	(cd "$T/hq2/$b" && sha256sum --quiet --strict -c MANIFEST.sha256)
	ok $? "the copy passes sha256sum -c"
	is "$(($(wc -l < "$T/hq2/$b/tickets.csv") - 1))" 1 "new rows only"
	is "$(acked)" 2 "acknowledged"
	echo "OKNO_SYNC_DEST=$T/no/such/dir" > "$T/sync.conf"
	out=$("$SYNC" 2>&1); is $? 1 "rsync to a missing folder: exit 1"
	is "$(acked)" 2 "nothing acknowledged"
else
	for i in 1 2 3 4 5 6; do echo "ok # SKIP rsync not installed"; done
	tap_n=$((tap_n + 6))
fi

# Head office's bookings: fetched and applied before the upload; a forged
# batch is not applied, and the upload still goes (exit 1).
if command -v openssl >/dev/null; then
	grep -q '^bookings' "$T/okno.conf" ||
	    echo 'bookings = { };' >>"$T/okno.conf"
	"$SRC/packaging/hq/okno-publish" --keygen "$T" >/dev/null ||
	    bail "okno-publish --keygen"
	mkdir "$T/hqout"
	printf '%s\r\n' hq_id,branch,service,at,name,phone,account,status \
	    'H1,MSK-014,pay,2026-11-30T10:00:00+03:00,Иванов,,,booked' \
	    >"$T/hqout/bookings.csv"
	printf 'format,1\r\nbranch,MSK-014\r\nseq,1\r\nrows,bookings.csv,1\r\n' \
	    >"$T/hqout/BATCH"
	(cd "$T/hqout" && sha256sum bookings.csv BATCH >MANIFEST.sha256)
	openssl pkeyutl -sign -inkey "$T/hq.key" -rawin \
	    -in "$T/hqout/MANIFEST.sha256" -out "$T/hqout/MANIFEST.sig"
	cat > "$T/sync.conf" <<EOF
OKNO_SYNC_DEST=$T/hq
OKNO_SYNC_CMD='cp -R'
OKNO_SYNC_INBOX=$T/hqout
OKNO_SYNC_IN=$T/inbound
OKNO_SYNC_FETCH='fetch() { cp "\$1"/* "\$2"/; }; fetch'
EOF
	n=$(acked)
	out=$("$SYNC" 2>&1); is $? 0 "bookings fetched and applied: exit 0"
	like "$out" "bookings: applied 1" "the import's lines are logged"
	is "$(sqlite3 "$T/okno.db" "SELECT hq_id || ':' || status
	    FROM bookings")" "H1:booked" "the booking is at the branch"
	is "$(acked)" $((n + 1)) "and the batch delivered"
	sed -i 's/Иванов/Петров/' "$T/hqout/bookings.csv"
	out=$("$SYNC" 2>&1); is $? 1 "a forged bookings batch: exit 1"
	like "$out" "bookings not applied: .*does not match the manifest" \
	    "it says why"
	is "$(acked)/$(sqlite3 "$T/okno.db" "SELECT name FROM bookings")" \
	    "$((n + 2))/Иванов" "the upload went, the forgery did not"
else
	for i in 1 2 3 4 5 6 7; do echo "ok # SKIP openssl not installed"; done
	tap_n=$((tap_n + 7))
fi

# One at a time.  The test holds the lock itself, as a running okno-sync
# does (on a descriptor of its own open of the file), for as long as the
# second one runs: no race with a background holder that may not have
# taken it yet, or has already let go.
echo "OKNO_SYNC_DEST=$T/hq" > "$T/sync.conf"
n=$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM export_batches')
exec 9>>"$OKNO_SYNC_OUT/.okno-sync.lock"
flock -n 9 || bail "cannot take the okno-sync lock"
out=$("$SYNC" 9>&- 2>&1); is $? 75 "while another runs: exit 75"
is "$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM export_batches')" "$n" \
    "and no export"
exec 9>&-
exit $((tap_failed > 0))
