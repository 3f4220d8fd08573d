#!/bin/sh
# run.sh: `make fuzz`: runs every libFuzzer harness built in BUILD/fuzz for
# SECONDS each, from its seed corpus, and says what it ran and found.
#
# The working corpus grows in BUILD/corpus/NAME (the seeds in
# tests/fuzz/corpus/NAME stay as they are); a crash, leak or timeout is
# kept as BUILD/crashes/NAME-*.  To keep one as a regression test, copy it
# to tests/fuzz/regress/NAME-WHAT: make check replays every file there
# (tests/unit/fuzz-regress.c).  Exit 1 when anything was found.
set -u
build=${1:-build-fuzz}
secs=${2:-60}
src=$(cd "$(dirname "$0")" && pwd)
found=0
LSAN_OPTIONS=suppressions=$src/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS
printf '%-16s %10s %10s %8s %6s  %s\n' harness executions exec/s seconds \
    found corpus
for bin in "$build"/fuzz/*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	mkdir -p "$build/corpus/$name" "$build/crashes"
	log=$build/fuzz-$name.log
	before=$(ls "$build/crashes" | grep -c "^$name-")
	start=$(date +%s)
	# -timeout: a deadline is a few months of days, a parse a few
	# milliseconds: one second is already a hang.  Leaks count too.
	"$bin" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
	    -print_final_stats=1 -detect_leaks=1 \
	    -artifact_prefix="$build/crashes/$name-" \
	    "$build/corpus/$name" "$src/corpus/$name" > "$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	after=$(ls "$build/crashes" | grep -c "^$name-")
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	ncorp=$(ls "$build/corpus/$name" | wc -l | tr -d ' ')
	new=$((after - before))
	[ $rc -ne 0 ] && [ $new -eq 0 ] && new=1	# died without artefact
	printf '%-16s %10s %10s %8s %6s  %s\n' "$name" "${runs:-?}" \
	    "${speed:-?}" "$took" "$new" "$ncorp files"
	if [ $new -gt 0 ]; then
		found=$((found + new))
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: |.*runtime error)' \
		    "$log" | head -5 | sed 's/^/    /'
	fi
done
if [ $found -gt 0 ]; then
	echo "make fuzz: $found finding(s); inputs in $build/crashes:"
	ls "$build/crashes" | sed 's/^/    /'
	echo "Replay one: $build/fuzz/NAME FILE; keep it as a regression:"
	echo "    cp FILE tests/fuzz/regress/NAME-WHAT"
	exit 1
fi
echo "make fuzz: nothing found in ${secs}s per harness"
