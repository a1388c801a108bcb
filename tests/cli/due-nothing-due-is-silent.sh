# SPDX-License-Identifier: GPL-3.0-or-later
# kith due in a login profile: nothing due prints nothing and exits 0,
# also when everything pending is later or already done.
. "$TESTS/lib.sh"
need faketime

ft() { faketime '2026-12-01 09:00:00' "$KITH" "$@"; }
ft add name=Ana >/dev/null
ft schedule c1 call '2026-12-02 09:00' Tomorrow >/dev/null
ft schedule c1 call '2026-11-30 09:00' Yesterday >/dev/null
ft done a2 >/dev/null
expect_status 0 ft due
[ ! -s "$OUT" ] && [ ! -s "$ERR" ] || fail "due spoke: $(cat "$OUT" "$ERR")"
expect_status 0 ft remind
[ ! -s "$OUT" ] && [ ! -s "$ERR" ] || fail "remind spoke: $(cat "$OUT" "$ERR")"
