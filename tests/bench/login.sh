#!/bin/sh
# login.sh: what one password costs.  A login hashes with yescrypt at
# libxcrypt's default cost; `okno user add` does one hash and little else,
# so its figures are the price a manager pays at every login.  The
# instruction count is the machine-independent figure: divide by an old
# PC's rate (about 1e9 per second) for its wait.
set -u
. "$(dirname "$0")/../lib.sh"

export OKNO_NOW=2026-12-30T10:00:00+03:00
"$OKNO" init >/dev/null
s=$(date +%s%N)
i=0
while [ $i -lt 10 ]; do
	echo "password-$i" | "$OKNO" user add "u$i" --role manager >/dev/null
	i=$((i + 1))
done
e=$(date +%s%N)
echo "user add (one yescrypt hash): $(((e - s) / 10000000)) ms mean wall"
echo pw-secret | /usr/bin/time -f '%M' -o "$T/rss" "$OKNO" user add rss \
    --role manager >/dev/null
echo "user add peak RSS: $(cat "$T/rss") KiB (yescrypt's own memory)"
if command -v valgrind >/dev/null; then
	n=$(echo pw-secret | valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    "$OKNO" user add cg --role manager 2>&1 >/dev/null |
	    sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
	echo "user add: $n instructions"
fi
