#!/bin/sh
# report.t: `okno report` against the same figures computed by another
# route: awk replaying the time semantics over the ticket_events table
# (wait segments from issued/transferred/returned to the next called,
# service segments from called to finished/transferred/postponed/noshow),
# never reading the tickets' wait_s/service_s sums.
. "$(dirname "$0")/lib.sh"

"$OKNO" init >/dev/null || bail "init failed"
staff ivanova petrov sidorova

# at TIME COMMAND...: run okno at branch time 2026-12-TIME.
at() {
	t=$1
	shift
	OKNO_NOW="2026-12-${t}+03:00" "$OKNO" "$@" >/dev/null 2>"$T/err"
	rc=$?
	# call with nothing waiting is exit 3; anything else is a broken setup.
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		bail "okno $* at $t: exit $rc: $(cat "$T/err")"
	fi
}

# Day one, Tuesday 29 December: managers at windows 1 and 2; window 3 is
# worked from the command line without a manager.
at 29T08:59:00 window open 1 --manager ivanova
at 29T08:59:00 window open 2 --manager petrov
at 29T08:59:00 window open 3
at 29T09:00:00 ticket issue pay			# A001
at 29T09:02:00 ticket issue meter		# B001
at 29T09:03:00 ticket issue pay			# A002
at 29T09:05:00 ticket issue recalc		# C001
at 29T09:06:00 ticket issue consult		# K001
at 29T09:10:00 ticket call 1			# A001 waited 10:00
at 29T09:12:00 ticket call 2			# B001 waited 10:00
at 29T09:20:00 ticket finish 1			# A001 served 10:00
at 29T09:21:00 ticket call 1			# A002 waited 18:00
at 29T09:22:00 ticket recall 1			# no new segment
at 29T09:25:00 ticket transfer 2 recalc		# B001 -> recalc
at 29T09:26:00 ticket call 3			# B001 again, 1:00 later
at 29T09:30:00 ticket noshow 1			# A002 no-show
at 29T09:31:00 ticket call 1			# K001 waited 25:00
at 29T09:35:00 ticket postpone 3 5		# B001 away until 09:40
at 29T09:36:00 ticket call 2			# C001 waited 31:00
at 29T09:45:00 ticket call 3			# B001 back since 09:40
at 29T10:00:00 ticket finish 3
at 29T10:05:00 ticket finish 1			# K001 over its norm
at 29T10:10:00 ticket finish 2
at 29T23:59:30 ticket issue pay			# A003: last minute of day one
# Day two: the first ticket at local midnight belongs to day two.
at 30T00:00:00 ticket issue meter		# B001, cancels A003
at 30T10:00:00 ticket issue pay			# A001
at 30T10:01:00 ticket issue debt --priority	# F001
at 30T10:02:00 window open 4 --manager sidorova
at 30T10:03:00 ticket call 4			# F001
at 30T10:04:00 ticket call 1			# B001 waited 10:04:00
at 30T10:10:00 ticket finish 4
at 30T10:15:00 ticket call 1			# finishes B001; A001 at 15:00
at 30T10:25:00 ticket finish 1			# A001 exactly 10:00
at 30T11:00:00 ticket issue consult		# K001, never called
at 30T11:01:00 ticket issue legal		# E001
at 30T11:02:00 ticket call 3			# E001
at 30T11:09:59 ticket finish 3

export OKNO_NOW=2026-12-30T12:00:00+03:00

# The events, one line each, with the branch-local date and hour of each
# event computed by the sqlite3 shell in the branch's zone.
events() {
	TZ=Europe/Moscow sqlite3 -separator '|' "$T/okno.db" \
	    "SELECT ticket_id, at, event, coalesce(window, 0),
	     coalesce(manager, '-'), service,
	     strftime('%Y-%m-%d|%H', at, 'unixepoch', 'localtime')
	     FROM ticket_events ORDER BY ticket_id, id"
}

# expected FROM TO: the report's rows with tickets, from the events.
# Norms (minutes) of the sample configuration's services.
expected() {
	events | awk -F'|' -v from="$1" -v to="$2" '
	BEGIN {
		split("pay 15 10 meter 15 10 recalc 15 15 contract 15 15 " \
		    "legal 15 15 debt 15 15 benefit 15 15 complaint 15 15 " \
		    "consult 15 10", a, " ")
		for (i = 1; i in a; i += 3) {
			wn[a[i]] = a[i + 1] * 60
			sn[a[i]] = a[i + 2] * 60
		}
	}
	{
		id = $1; ev = $3
		if (!(id in day)) {
			ids[++nids] = id
			calls[id] = 0
			wsum[id] = 0
			ssum[id] = 0
		}
		if (ev == "issued") {
			day[id] = $7
			hour[id] = $8
		}
		if (ev == "issued" || ev == "transferred" || ev == "returned")
			wopen[id] = $2
		if (ev == "called") {
			wsum[id] += $2 - wopen[id]
			sopen[id] = $2
			calls[id]++
			win[id] = $4
			mgr[id] = $5
		}
		if (ev == "finished" || ev == "transferred" ||
		    ev == "postponed" || ev == "noshow")
			ssum[id] += $2 - sopen[id]
		svc[id] = $6
		last[id] = ev
	}
	function add(k, id) {
		if (!(k in tk))
			keys[++nkeys] = k
		tk[k]++
		sv[k] += last[id] == "finished"
		ns[k] += last[id] == "noshow"
		if (calls[id] > 0) {
			wl[k] = wl[k] " " wsum[id]
			wi[k] += wsum[id] <= wn[svc[id]]
		}
		if (last[id] == "finished") {
			sl[k] = sl[k] " " ssum[id]
			si[k] += ssum[id] <= sn[svc[id]]
		}
	}
	# stats LIST WITHIN MAXTOO: avg,median,p90[,max],pct or empties.
	function stats(list, within, maxtoo,   n, v, i, j, x, s, r) {
		n = split(list, v, " ")
		if (n == 0)
			return maxtoo ? ",,,," : ",,,"
		for (i = 2; i <= n; i++) {
			x = v[i] + 0
			for (j = i - 1; j >= 1 && v[j] + 0 > x; j--)
				v[j + 1] = v[j]
			v[j + 1] = x
		}
		s = 0
		for (i = 1; i <= n; i++)
			s += v[i]
		r = int((2 * s + n) / (2 * n)) "," v[rank(50, n)] "," \
		    v[rank(90, n)]
		if (maxtoo)
			r = r "," v[n]
		x = int((2000 * within + n) / (2 * n))
		return r "," int(x / 10) "." x % 10
	}
	function rank(p, n,   r) {
		r = int(p * n / 100)
		return r < p * n / 100 ? r + 1 : r
	}
	END {
		for (i = 1; i <= nids; i++) {
			id = ids[i]
			if (day[id] < from || day[id] > to)
				continue
			add("all,all", id)
			add("service," svc[id], id)
			add("hour," hour[id], id)
			if (calls[id] > 0)
				add("window," win[id], id)
			if (calls[id] > 0 && mgr[id] != "-")
				add("manager," mgr[id], id)
		}
		for (i = 1; i <= nkeys; i++) {
			k = keys[i]
			print k "," tk[k] "," sv[k] "," ns[k] "," \
			    stats(wl[k], wi[k], 1) "," stats(sl[k], si[k], 0)
		}
	}'
}

HEADER="group,key,tickets,served,noshow,wait_avg_s,wait_median_s,\
wait_p90_s,wait_max_s,wait_within_norm_pct,service_avg_s,service_median_s,\
service_p90_s,service_within_norm_pct"

# compare FROM TO: every row of the report against the replay.
compare() {
	"$OKNO" report --from "$1" --to "$2" --csv > "$T/got"
	is "$?" 0 "report $1..$2: exit 0"
	expected "$1" "$2" > "$T/want"
	is "$(head -1 "$T/got")" "$HEADER" "report $1..$2: header"
	while IFS= read -r line; do
		g=${line%%,*}
		k=${line#*,}
		k=${k%%,*}
		gk="$g,$k"
		want=$(awk -F, -v g="$g" -v k="$k" '$1 == g && $2 == k' \
		    "$T/want")
		[ -n "$want" ] || want="$gk,0,0,0,,,,,,,,,"
		is "$line" "$want" "$1..$2: $gk"
	done <<EOF
$(sed 1d "$T/got")
EOF
	# Every group the replay found is in the report.
	missing=$(awk -F, 'NR == FNR { seen[$1 "," $2] = 1; next }
	    !(($1 "," $2) in seen) { print $1 "," $2 }' "$T/got" "$T/want")
	is "$missing" "" "$1..$2: no group missing"
}

compare 2026-12-29 2026-12-30
compare 2026-12-29 2026-12-29
compare 2026-12-30 2026-12-30
compare 2026-12-31 2027-01-31

# Spot checks a reader can verify by hand from the history above.
"$OKNO" report --from 2026-12-29 --to 2026-12-29 --csv > "$T/d1"
is "$(grep '^all,' "$T/d1")" \
    "all,all,6,4,1,1200,1080,1860,1860,20.0,1725,2040,2220,25.0" \
    "day one by hand (waits 600 960 1080 1500 1860, A003 at 23:59:30 in)"
is "$(grep '^hour,00,' "$T/d1")" "hour,00,0,0,0,,,,,,,,," \
    "day one: nothing at 00 (B001 at midnight is day two's)"
"$OKNO" report --from 2026-12-30 --to 2026-12-30 --csv > "$T/d2"
is "$(grep '^hour,00,' "$T/d2")" \
    "hour,00,1,1,0,36240,36240,36240,36240,0.0,660,660,660,0.0" \
    "day two: the midnight ticket, waited 10:04:00"
is "$(grep '^service,pay,' "$T/d2")" \
    "service,pay,1,1,0,900,900,900,900,100.0,600,600,600,100.0" \
    "day two: a wait and a service exactly at their norms are within"
is "$(grep -c '^manager,' "$T/d1")" 2 \
    "day one: window 3 had no manager, so two manager rows"

# The period query is a range on an index, not a scan of all tickets.
plan_q=$(sqlite3 "$T/okno.db" "EXPLAIN QUERY PLAN SELECT service,
    coalesce(window, 0), coalesce(manager, ''), issued_at, status, calls,
    wait_s, service_s FROM tickets WHERE day BETWEEN '2026-01-01' AND
    '2026-12-31'")
like "$plan_q" "SEARCH tickets USING .*INDEX" "period query searches an index"

# Usage errors: one line, exit 64.
out=$("$OKNO" report --from 2026-12-31 --to 2026-12-30 2>&1); rc=$?
is "$rc" 64 "from after to: exit 64"
like "$out" "^okno: .*2026-12-31.*2026-12-30" "one okno: line naming both dates"
is "$(printf '%s\n' "$out" | wc -l)" 1 "exactly one line"
out=$("$OKNO" report --from 2026-02-30 --to 2026-03-01 2>&1); rc=$?
is "$rc" 64 "30 February: exit 64"
like "$out" "^okno: --from: .*2026-02-30" "the message names the bad date"
out=$("$OKNO" report --from 2026-01-01 --to 26-1-2 2>&1); rc=$?
is "$rc" 64 "malformed --to: exit 64"
out=$("$OKNO" report --from 2026-01-01 2>&1); rc=$?
is "$rc" 64 "missing --to: exit 64"

# The printable form.
out=$("$OKNO" report --from 2026-12-29 --to 2026-12-30); rc=$?
is "$rc" 0 "text report: exit 0"
like "$out" "^Report 2026-12-29 to 2026-12-30" "text report: title (every section)"
like "$("$OKNO" report --from 2026-12-29 --to 2026-12-30 --queue | head -1)" \
    "^Queue report 2026-12-29 to 2026-12-30" "the queue alone: a queue report"
like "$out" "^all +11 +8 +1 +" "text report: the all row"
like "$out" "^sidorova +1 +1 +0 +2:00 +2:00 +2:00 +2:00 +100.0$" \
    "text report: times as m:ss"
w=$(printf '%s\n' "$out" | wc -L)
ok "$([ "$w" -le 80 ]; echo $?)" "text report: no line over 80 columns ($w)"

echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]
