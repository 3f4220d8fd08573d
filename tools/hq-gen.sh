#!/bin/sh
# hq-gen.sh: a test network for head office: N branches, each with D
# working days of okno demo's history, each exporting one signed batch.
#
# usage: tools/hq-gen.sh [-n BRANCHES] [-d DAYS] [-t DATE] [-r] OUT
#   -n BRANCHES  how many (default 300); codes B001, B002, ...
#   -d DAYS      working days of history before DATE (default 1)
#   -t DATE      YYYY-MM-DD, the night the batches are exported (default
#                2026-11-03): the history is of the working days before
#   -r           register every branch's key at head office (okno-load
#                --register; the connection from the PG* variables)
#   OUT          a folder to make (must not exist)
# Makes:
#   OUT/template/   the configuration (the sample's, without devices) and
#                   the database filled once by build/tests/bench-hq-history
#                   (demo_history: visits through the queue API, ratings,
#                   window sessions, appeals, inspections)
#   OUT/branches/CODE/  each branch: its configuration (code CODE), a copy
#                   of the template's database, its own signing key
#   OUT/batches/CODE-YYYYMMDDTHHMMSS-1/  each branch's first batch, made
#                   and signed by `okno export` (every row of the history)
#   OUT/keys        "CODE PUBLIC_KEY" per branch, what okno-load --register
#                   takes
# The branches' histories are the same (okno demo's fixed seed) under
# their own codes: head office keys every row by (branch, id).  Needs the
# build (make, and make build/tests/bench-hq-history, which make bench and
# make check build); OKNO_BUILD names another build folder.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
: "${OKNO_SRC:=$here}"
: "${OKNO_BUILD:=$OKNO_SRC/build}"
okno=$OKNO_BUILD/okno
history=$OKNO_BUILD/tests/bench-hq-history
load=$OKNO_SRC/packaging/hq/okno-load

n=300 days=1 date=2026-11-03 reg=0
usage() {
	echo "usage: hq-gen.sh [-n BRANCHES] [-d DAYS] [-t DATE] [-r] OUT" >&2
	exit 64
}
while getopts n:d:t:r o; do
	case $o in
	n) n=$OPTARG ;;
	d) days=$OPTARG ;;
	t) date=$OPTARG ;;
	r) reg=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || usage
case $n$days in *[!0-9]*|'') usage ;; esac
[ "$n" -ge 1 ] && [ "$days" -ge 1 ] || usage
case $date in [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;; *) usage ;; esac
for f in "$okno" "$history"; do
	[ -x "$f" ] || { echo "hq-gen.sh: no $f (make; make $f)" >&2; exit 1; }
done
out=$1
mkdir "$out"
out=$(cd "$out" && pwd)
unset OKNO_DB OKNO_CONFIG

# The template: the sample configuration without devices.  Just after
# the branch's midnight, so that the demo leaves no visit open.
tpl=$out/template
mkdir -p "$tpl/calendar" "$out/branches" "$out/batches"
cp "$OKNO_SRC"/conf/calendar/*.xml "$tpl/calendar/"
cp "$OKNO_SRC/conf/criteria.conf" "$tpl/"
sed -e "s|^database = .*|database = \"$tpl/okno.db\";|" \
    -e '/^devices = {/,/^};/d' "$OKNO_SRC/conf/okno.conf" >"$tpl/okno.conf"
now=${date}T00:02:30
OKNO_NOW=$now "$okno" -c "$tpl/okno.conf" init >/dev/null
"$history" "$tpl/okno.conf" "$days" "$now"

# The branches: codes as wide as N needs, three digits at least.
w=${#n}
[ "$w" -ge 3 ] || w=3
: >"$out/keys"
i=0
while [ $i -lt "$n" ]; do
	i=$((i + 1))
	code=B$(printf "%0${w}d" $i)
	b=$out/branches/$code
	mkdir "$b"
	ln -s ../../template/calendar "$b/calendar"
	ln -s ../../template/criteria.conf "$b/criteria.conf"
	sed -e "s/^  code = \"MSK-014\";/  code = \"$code\";/" \
	    -e "s|^database = .*|database = \"$b/okno.db\";|" \
	    "$tpl/okno.conf" >"$b/okno.conf"
	cp "$tpl/okno.db" "$b/okno.db"
	key=$("$okno" -c "$b/okno.conf" keygen)
	echo "$key" >>"$out/keys"
	OKNO_NOW=$now "$okno" -c "$b/okno.conf" export --out "$out/batches" \
	    >/dev/null
done
if [ $reg = 1 ]; then
	while read -r code key; do
		"$load" --register "$code" "$key" >/dev/null
	done <"$out/keys"
fi
