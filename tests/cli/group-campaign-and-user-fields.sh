# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: user-defined fields are set, shown, searched (find FIELD=VALUE,
# number and date comparisons) and exported; a campaign schedules a
# follow-up for, logs a mailing in, and exports each contact of a group.
. "$TESTS/lib.sh"
need faketime
ft() { faketime '2026-11-02 10:00:00' "$KITH" "$@"; }
crlf() { "$@" >"$LIB_TMP/crlf" || return; tr -d '\r' <"$LIB_TMP/crlf"; }

mkdir -p "$XDG_CONFIG_HOME/kith"
cat >"$XDG_CONFIG_HOME/kith/config" <<'X'
[field industry]
type = choice
choices = Retail, Finance, Health
label = Industry
[field employees]
type = number
[field renewal]
type = date
[group retail]
query = industry=retail status=customer
X
ft add name=Ann industry=Retail employees=12 status=customer \
    email=ann@example.com >/dev/null
ft add name=Bob industry=finance employees=250 renewal=2027-01-31 \
    status=customer >/dev/null
ft add name=Cid industry=Retail status=lead >/dev/null
ft add name=Dora industry=Retail employees=40 status=customer \
    renewal=2026-11-20 city=Odense >/dev/null
ft set c2 industry=Retail

expect_status 0 ft show c2
assert_contains "$OUT" 'industry     Retail'
assert_contains "$OUT" 'employees    250'
[ "$(ft find industry=retail | cut -f1 | tr '\n' ' ')" = "c1 c2 c3 c4 " ] ||
    fail "find by a choice field"
[ "$(ft find 'employees>=40' | cut -f1 | tr '\n' ' ')" = "c2 c4 " ] ||
    fail "find by a number field"
[ "$(ft find 'renewal<+30d' | cut -f1 | tr '\n' ' ')" = "c4 " ] ||
    fail "find by a date field"
expect_status 1 ft set c1 industry=Mining
expect_err_contains 'industry'

expect ft group show retail <<'X'
c1	Ann			ann@example.com
c2	Bob			
c4	Dora			
X

# campaign: one follow-up each, prints the new activities' ids
expect ft campaign retail schedule --alarm 15m call '2026-11-09 10:00' \
    Renewal offer <<'X'
a1
a2
a3
X
expect_status 0 ft show c4
assert_contains "$OUT" 'call     2026-11-09 10:00 Renewal offer [alarm 15m]'
[ "$(ft due --within 8d | wc -l)" = 3 ] || fail "three follow-ups due"
# a mailing logged in each history: they count as contacted now
ft campaign retail log letter 'Autumn mailing' >/dev/null
expect_status 0 ft show c1
assert_contains "$OUT" 'letter   2026-11-02 10:00 Autumn mailing'
[ "$(ft find 'idle=1d' | cut -f1 | tr '\n' ' ')" = "c3 " ] ||
    fail "the mailing did not count as contact"

expect crlf ft campaign retail export --format csv <<'X'
id,name,company,title,email,phone,address,city,region,country,status,tags,industry,employees,renewal
c1,Ann,,,ann@example.com,,,,,,customer,,Retail,12,
c2,Bob,,,,,,,,,customer,,Retail,250,2027-01-31
c4,Dora,,,,,,Odense,,,customer,,Retail,40,2026-11-20
X
ft campaign retail export --format vcard -o cards.vcf
[ "$(stat -c %a cards.vcf)" = 600 ] || fail "export not private"
[ "$(grep -c '^BEGIN:VCARD' cards.vcf)" = 3 ] || fail "three vCards"
grep -q '^FN:Dora' cards.vcf || fail "Dora's card"
expect_status 2 ft campaign retail dance
