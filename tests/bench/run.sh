#!/bin/sh
# run.sh: `make bench`: runs every benchmark part and prints its figures.
# Figures only, never pass/fail: this machine's timings are noisy.
set -u
dir=$(dirname "$0")
# The parts source tests/lib.sh, which finds the tree from its caller.
: "${OKNO_SRC:=$(cd "$dir/../.." && pwd)}"
export OKNO_SRC
for part in "$dir"/*.sh; do
	case $(basename "$part") in
	run.sh) continue ;;
	hq-bench.sh) continue ;;	# make bench-hq: long, and its own
	esac
	echo "== $(basename "$part" .sh)"
	sh "$part" || echo "(part $(basename "$part") failed: exit $?)"
done
