# SPDX-License-Identifier: GPL-3.0-or-later
# The contrib/reminders examples work as written: kith-notify.sh as the
# reminder command (without a display it rings and writes a line), the
# cron line, and the login lines, which print nothing when nothing is due.
. "$TESTS/lib.sh"
need faketime

contrib=$TESTS/../contrib/reminders
at() { when=$1; shift; faketime "$when" "$KITH" "$@"; }
at '2026-12-01 08:00' add 'name=Søren Ågård' 'phone=+45 20 11 22 33' >/dev/null
at '2026-12-01 08:00' schedule --alarm 10m c1 call '2026-12-01 09:00' \
    Tilbud >/dev/null
unset DISPLAY WAYLAND_DISPLAY || true
expect_status 0 at '2026-12-01 08:50' remind \
    --command "sh $contrib/kith-notify.sh"
expect_err_contains "kith: call Søren Ågård: 2026-12-01 09:00 Tilbud (+45 20 11 22 33)"
# The login lines (a terminal is needed for them to speak at all).
expect_status 0 sh -c ". '$contrib/kith-login.sh'"
[ ! -s "$OUT" ] || fail "login lines printed without a terminal"
grep -q '^\* \* \* \* \* kith remind$' "$contrib/kith-remind.cron" ||
    fail "cron example changed"
