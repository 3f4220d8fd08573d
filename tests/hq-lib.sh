# hq-lib.sh: head office's PostgreSQL for the loader's tests: a throw-away
# cluster in $T/pg, on a Unix socket there only, run as an unprivileged
# user when the tests run as root.  Source it after lib.sh and before
# plan (it skips the test when the server binaries are missing).  Sets
# PGHOST, PGUSER, PGDATABASE, LOAD (okno-load), q (one query's rows) and
# hq_branch (a branch's configuration and signing key, registered).
pgbin=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && pgbin=$d
done
[ -n "$pgbin" ] || skip_all "PostgreSQL server binaries not installed"
command -v psql >/dev/null || skip_all "psql not installed"
command -v openssl >/dev/null || skip_all "openssl not installed"

LOAD=$SRC/packaging/hq/okno-load
# okno-load checks batches with okno verify: this build's okno.
export OKNO
PG=$T/pg
mkdir "$PG"
# as_pg CMD...: runs a server command as the cluster's owner.
if [ "$(id -u)" = 0 ]; then
	pguser=nobody
	chmod 0711 "$T"		# nobody must reach $T/pg, nothing more
	chown "$pguser" "$PG"
	as_pg() { runuser -u "$pguser" -- "$@"; }
else
	as_pg() { "$@"; }
fi
chmod 0700 "$PG"
stop_pg() {
	as_pg "$pgbin/pg_ctl" -D "$PG/data" -m immediate stop >/dev/null 2>&1
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap stop_pg EXIT
trap 'exit 1' INT TERM HUP

as_pg "$pgbin/initdb" -D "$PG/data" -U hq -A trust -E UTF8 \
    --locale=C.UTF-8 >"$PG/initdb.log" 2>&1 ||
    { cat "$PG/initdb.log" >&2; bail "initdb failed"; }
as_pg "$pgbin/pg_ctl" -D "$PG/data" -l "$PG/server.log" -w \
    -o "-c listen_addresses= -k $PG -c fsync=off" start >/dev/null ||
    { cat "$PG/server.log" >&2; bail "the server did not start"; }
export PGHOST=$PG PGUSER=hq PGDATABASE=postgres
q() { psql -X -A -t -q -c "$1"; }
"$LOAD" --init >/dev/null 2>&1 || bail "okno-load --init"

# hq_branch CODE: a branch with its own folder $T/CODE (configuration,
# database, key); its key registered at head office.  Prints the okno
# command line for it.
hq_branch() {
	mkdir -p "$T/$1"
	cp -r "$T/calendar" "$T/criteria.conf" "$T/$1/"
	sed -e "s/code = \"MSK-014\"/code = \"$1\"/" \
	    -e "s|$T/okno.db|$T/$1/okno.db|" "$T/okno.conf" > "$T/$1/okno.conf"
	"$OKNO" -c "$T/$1/okno.conf" init >/dev/null &&
	    set -- "$1" "$("$OKNO" -c "$T/$1/okno.conf" keygen)" &&
	    "$LOAD" --register $2 >/dev/null &&
	    echo "$OKNO -c $T/$1/okno.conf"
}
# hq_branches VAR=CODE...: hq_branch for each, or bails out.
hq_branches() {
	for a; do
		v=$(hq_branch "${a#*=}") || bail "branch ${a#*=}"
		eval "${a%%=*}=\$v"
	done
}
