# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: sh bench/run --report prints an earlier run's table and its
# verdict on each target again from the run's CSV, and runs nothing.  The
# .ics import is judged where the issue compares it, 100 000 events: a
# run whose calcurse -i stopped below that says so instead of judging
# against calcurse's quick small imports (a plain make bench once said
# MISSED, 1.1x, so).
. "$TESTS/lib.sh"

run="$TESTS/../bench/run"
# Nothing to run with, should --report be taken for a run.
KITH=/nonexistent BENCH_DIR=$PWD/bench
export KITH BENCH_DIR
csv="$TESTS/../bench/results/bench-20261124T002207Z.csv"
[ -r "$csv" ] || fail "no results file $csv"
files=$(ls "$TESTS/../bench/results" | wc -l)

sh "$run" --report "$csv" > report.txt 2> err.txt ||
    fail "bench/run --report failed: $(cat err.txt)"
for line in \
    "  met     kith first screen under 50 ms at 1000000: 26.2 ms" \
    "  met     kith due at most 1.5x its time at 10000: 0.98x" \
    "  MISSED  kith import vcard within 4x db_load: 17.1x" \
    "  met     import ics at least 50x calcurse -i rate: 68.8x: 19048 /s at 100000 vs 277 /s at 100000" \
    "  met     lookup keystroke (phone) under 16 ms at 1000000: median 4.4 ms, slowest 46.0 ms" \
    "  met     kith.db at most 3x the vCard file at 1000000: 2.86x"
do
	grep -qxF -- "$line" report.txt ||
	    fail "the report lacks \"$line\": $(cat report.txt)"
done
grep -q "^kith import vcard  *1000000  *1  *69981.8 " report.txt ||
    fail "the table lacks the import row: $(cat report.txt)"
[ "$(grep -c '^  met ' report.txt)" -eq 18 ] ||
    fail "not 18 targets met: $(grep -c '^  met ' report.txt)"

# The same run had calcurse -i stopped at 10 000.
grep -v "^calcurse -i ics,100000," "$csv" > small.csv
sh "$run" --report small.csv > small.txt 2>&1 ||
    fail "bench/run --report small.csv failed: $(cat small.txt)"
grep -qxF "  n/a     import ics at least 50x calcurse -i rate: calcurse -i ran at 10000 only; the issue compares at 100000 (BENCH_CALCURSE_IMPORT_MAX)" \
    small.txt || fail "a run without calcurse at 100 000 is judged: $(grep 'import ics' small.txt)"

expect_status 2 sh "$run" --report nonexistent.csv
expect_err_contains "usage: sh bench/run --report RESULTS.csv"
[ "$(ls "$TESTS/../bench/results" | wc -l)" -eq "$files" ] ||
    fail "--report wrote a results file"
