# ui-lib.sh: drive okno's terminal UI in tmux for the ui-*.t tests.
#
# Source after lib.sh.  Functions keep their variables local (dash and
# bash both have `local`).  Each test gets a private tmux server (-L), killed
# at exit with the temporary folder.  Waits poll capture-pane every 50 ms
# up to a bound: no fixed long sleeps.

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
TMUX_SOCK="okno-t-$$"
unset TMUX
# Sanitizer reports of processes inside tmux go to files, and fail the
# test at exit (their stderr is a tmux pane nobody reads).
# Leak checking is off for them: when the terminal hangs up at the end,
# LeakSanitizer's stop-the-world tracer can deadlock with its process,
# which then spins for ever.  Leaks are checked by the unit tests and by
# make valgrind instead.
ASAN_OPTIONS="log_path=$T/asan:detect_leaks=0:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="log_path=$T/ubsan:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS
ui_exit() {
	local pids left p i
	pids=$(tmux -L "$TMUX_SOCK" list-panes -a -F '#{pane_pid}' 2>/dev/null)
	for p in $pids; do	# okno under a pane's shell wrapper too
		pids="$pids $(pgrep -P "$p" 2>/dev/null)"
	done
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	sleep 0.2	# the killed processes write their reports
	# okno must leave when its terminal hangs up; one that stays is a
	# bug (it would spin or hold the database), and is killed here.  Up
	# to 10 s: an ASan process on a loaded machine takes a while to exit.
	i=0
	while [ $i -lt 200 ]; do
		left=
		for p in $pids; do
			kill -0 "$p" 2>/dev/null && left="$left $p"
		done
		[ -z "$left" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	if [ -n "$left" ]; then
		echo "# processes still running after the hang-up:$left"
		kill -9 $left 2>/dev/null
		rm -rf "$T"
		exit 1
	fi
	if ls "$T"/asan.* "$T"/ubsan.* >/dev/null 2>&1; then
		echo "# sanitizer reports:"
		cat "$T"/asan.* "$T"/ubsan.* 2>/dev/null | sed 's/^/# /'
		rm -rf "$T"
		exit 1
	fi
	rm -rf "$T"
}
trap ui_exit EXIT

tmx() { tmux -L "$TMUX_SOCK" "$@"; }

# start NAME TERM COMMAND...: a new 80x24 session running COMMAND with
# TERM (tmux would set its own otherwise).
start() {
	local name=$1 term=$2
	shift 2
	if tmx has-session 2>/dev/null; then
		tmx new-window -d -n "$name" "env TERM=$term $*; sleep 600"
	else
		tmx new-session -d -s main -n "$name" -x 80 -y 24 \
		    "env TERM=$term $*; sleep 600"
	fi
	tmx set-option -g remain-on-exit on >/dev/null 2>&1
}

screen() { tmx capture-pane -p -t "main:$1"; }
keys() { local n=$1; shift; tmx send-keys -t "main:$n" "$@"; }
# type NAME TEXT: literal text, no key names.
typ() { tmx send-keys -t "main:$1" -l "$2"; }

# wait_for NAME ERE [TENTHS]: until the screen matches (default 30 s:
# generous for a loaded machine under ASan; a pass returns at once).
# Returns 1 on time-out and prints the screen as TAP comments.
#
# A screen is polled, never looked at once: tmux may show a frame half
# drawn (it reads the pty in pieces), so what one wait_for found says
# nothing of the lines below it.  Check those with wait_for or wait_line
# too; for what must NOT show, first wait for what the frame draws last.
wait_for() {
	wait_line "$1" "" "$2" "${3:-}"
}

# wait_line NAME LINE ERE [TENTHS]: like wait_for, on screen line LINE
# only (a sed address: 1, 43, $; empty for the whole screen).
wait_line() {
	local n=$1 l=$2 re=$3 max=${4:-300} i=0
	while [ $i -lt $((max * 2)) ]; do
		if screen "$n" | sed -n "${l}p" | grep -Eq -- "$re"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for /$re/ on $n${l:+ line $l}:"
	screen "$n" | sed 's/^/#  |/'
	return 1
}

# login NAME USER PASSWORD: fills the login form.
login() {
	wait_for "$1" "Login|Логин" || return 1
	typ "$1" "$2"
	keys "$1" Enter
	typ "$1" "$3"
	keys "$1" Enter
}

# fkey NAME TERM N: F-key N, or its digit on a vt100 (PF1-PF4 only).
fkey() {
	if [ "$2" = vt100 ]; then
		keys "$1" "$(($3 % 10))"
	else
		keys "$1" "F$3"
	fi
}

# An office with users anna, boris (managers), sveta (supervisor).
ui_office() {
	"$OKNO" init >/dev/null || bail "okno init failed"
	echo pw-anna1 | "$OKNO" user add anna --role manager || bail "user add"
	echo pw-boris | "$OKNO" user add boris --role manager || bail "user add"
	echo pw-sveta | "$OKNO" user add sveta --role supervisor ||
	    bail "user add"
}

# koi8_start NAME ARGS...: runs env ARGS (settings, then the program and
# its arguments) in a vt100 pane NAME under LC_ALL=ru_RU.KOI8-R.
# It starts only once the pane's output is piped to $out ($T/koi8.out,
# emptied first), or its first screen may be drawn before anyone
# records it.  The pane shows the KOI8-R bytes as garbage: read $out.
koi8_start() {
	local name=$1
	shift
	out="$T/koi8.out"
	: >"$out"
	rm -f "$T/go"
	{
		echo "while [ ! -e \"$T/go\" ]; do sleep 0.05; done"
		printf 'exec env LC_ALL=ru_RU.KOI8-R OKNO_LOCALEDIR="%s"' \
		    "$OKNO_LOCALEDIR"
		printf ' "%s"' "$@"
		echo
	} > "$T/koi8.sh"
	start "$name" vt100 sh "$T/koi8.sh"
	tmx pipe-pane -t "main:$name" -o "cat >> '$out'"
	touch "$T/go"
}

# raw_wait REGEX: waits (30 s) for REGEX in the KOI8-R output $out.
raw_wait() {
	local i=0
	while [ $i -lt 600 ]; do
		iconv -f KOI8-R -t UTF-8 "$out" 2>/dev/null | grep -q "$1" &&
		    return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for /$1/ in the KOI8-R output"
	return 1
}
