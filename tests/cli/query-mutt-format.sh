# SPDX-License-Identifier: GPL-3.0-or-later
# kith query prints mutt's query_command format, and exits 1 with a
# message line when nothing matches.
. "$TESTS/lib.sh"

kith add name='Søren Jørgensen' company='Smørrebrød A/S' \
    email=soren@example.dk email.home=s@home.example >/dev/null
kith add name='No Mail' phone='+45 11 22 33 44' >/dev/null
expect_status 0 kith query soren
sed 1d "$OUT" >lines
printf 'soren@example.dk\tSøren Jørgensen\tSmørrebrød A/S\ns@home.example\tSøren Jørgensen\tSmørrebrød A/S\n' >want
diff want lines >&2 || fail "wrong query lines"
head -1 "$OUT" | grep -q '2 addresses' || fail "first line: $(head -1 "$OUT")"
expect_status 1 kith query nobody-at-all
grep -q 'no matches' "$OUT" || fail "no message line for mutt"
expect_status 1 kith query 'No Mail'
