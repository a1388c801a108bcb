# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: a command that reads a whole table (a dump, a report, an
# export of the contacts) through the shared 16 MB cache lets its own
# pages go first, so the pages that everyone's look-ups keep there stay.
# The database here (39 MB) is more than twice the cache.  The look-ups'
# pages are counted as Berkeley DB counts pages read into the cache
# (db5.3_stat -m): after a dump, a report or an export they read again a
# quarter at most of what they read into a cold cache (a copy of the
# database with an environment of its own).  Before scans were marked, a
# dump made them read everything again (130 pages against 107 cold), and
# so did a report (124); an export did (124) until the records it reads
# through the name index came in at the scan's priority too.
. "$TESTS/lib.sh"
need db5.3_stat

note=$(awk 'BEGIN { for (i = 0; i < 50; i++) printf "notes%05d ", i }')
awk -v note="$note" 'BEGIN { print "Name,Company,Notes"
    for (i = 1; i <= 32000; i++)
	printf "Person %05d,Acme %d,%s\n", i, i % 97, note }' > people.csv
kith import --format csv people.csv >/dev/null || fail "import failed"
kith backup cold >/dev/null || fail "backup failed"

# pages DIR: how many pages the environment has read into its cache.
pages() {
	db5.3_stat -h "$1" -m | awk '/Pages read into the cache/ {
	    print $1; exit }'
}

# lookups DIR: eight contacts found by name, each a process of its own.
lookups() {
	for n in 00042 03234 07555 11876 17345 22777 27212 31999; do
		"$KITH" -d "$1" find "Person $n" | grep -q "Person $n" ||
		    fail "Person $n not found in $1"
	done
}

# after CMD...: the look-ups warmed, CMD run, the pages they read again.
after() {
	lookups "$KITH_DIR"
	lookups "$KITH_DIR"
	"$@" >/dev/null || fail "$* failed"
	a=$(pages "$KITH_DIR")
	lookups "$KITH_DIR"
	b=$(pages "$KITH_DIR")
	echo $((b - a))
}

kith -d cold find nobody >/dev/null
a=$(pages cold)
lookups cold
b=$(pages cold)
cold=$((b - a))
[ "$cold" -ge 40 ] || fail "a cold cache read only $cold pages: too few to tell"

dump=$(after kith dump)
report=$(after kith report sales)
export=$(after kith export --format vcard)
check=$(after kith check)
echo >&2 "pages read again: cold $cold, after dump $dump, report $report," \
    "export $export, check $check"
[ $((dump * 4)) -le "$cold" ] ||
    fail "after a dump the look-ups read $dump pages again (cold: $cold)"
[ $((report * 4)) -le "$cold" ] ||
    fail "after a report the look-ups read $report pages again (cold: $cold)"
[ $((export * 4)) -le "$cold" ] ||
    fail "after an export the look-ups read $export pages again (cold: $cold)"
[ $((check * 2)) -le "$cold" ] ||
    fail "after kith check the look-ups read $check pages again (cold: $cold)"
