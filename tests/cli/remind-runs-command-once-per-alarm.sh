# SPDX-License-Identifier: GPL-3.0-or-later
# kith remind runs the command once for each follow-up whose alarm time
# has come, with the reminder in the environment and on standard input;
# a second run gives nothing again; a failed command is tried next time.
. "$TESTS/lib.sh"
need faketime

at() { when=$1; shift; faketime "$when" "$KITH" "$@"; }
at '2026-12-01 08:00' add 'name=Søren Ågård' 'phone=+45 20 11 22 33' >/dev/null
at '2026-12-01 08:00' schedule --alarm 15m c1 call '2026-12-01 09:10' \
    Ring til Søren >/dev/null
at '2026-12-01 08:00' schedule --alarm 1h c1 meeting '2026-12-01 12:00' \
    Later >/dev/null
at '2026-12-01 08:00' schedule c1 call '2026-12-01 08:30' No alarm >/dev/null

cmd='cat >>stdin.txt; echo "$KITH_ID|$KITH_NAME|$KITH_PHONE|$KITH_SUBJECT" >>env.txt'
expect at '2026-12-01 08:54' remind --command "$cmd" <<'X'
X
[ ! -e env.txt ] || fail "an alarm fired early: $(cat env.txt)"
expect at '2026-12-01 08:55' remind --command "$cmd" <<'X'
X
expect cat env.txt <<'X'
a1|Søren Ågård|+45 20 11 22 33|Ring til Søren
X
expect cat stdin.txt <<'X'
2026-12-01 09:10 call Søren Ågård +45 20 11 22 33: Ring til Søren
X
expect at '2026-12-01 09:30' remind --command "$cmd" <<'X'
X
[ "$(wc -l <env.txt)" = 1 ] || fail "an alarm fired twice: $(cat env.txt)"

# Without a command the reminders are printed (cron mails them).
# A failing command leaves the alarm to be given again.
expect_status 1 at '2026-12-01 11:00' remind --command 'exit 3'
expect_err_contains 'tried again'
expect at '2026-12-01 11:01' remind <<'X'
2026-12-01 12:00 meeting Søren Ågård +45 20 11 22 33: Later
X
expect at '2026-12-01 11:02' remind <<'X'
X

# Other users' alarms: --for one of them, --all for the office, in the
# order their alarms go off.
at '2026-12-01 08:00' schedule --for bo --alarm 5m c1 call '2026-12-01 13:00' \
    Bo ringer >/dev/null
at '2026-12-01 08:00' schedule --for cy --alarm 5m c1 call '2026-12-01 12:58' \
    Cy ringer >/dev/null
at '2026-12-01 08:00' schedule --for cy --alarm 5m c1 call '2026-12-02 12:58' \
    Cy i morgen >/dev/null
expect at '2026-12-01 12:54' remind --for bo <<'X'
X
expect at '2026-12-01 12:59' remind --all <<'X'
2026-12-01 12:58 call Søren Ågård +45 20 11 22 33: Cy ringer
2026-12-01 13:00 call Søren Ågård +45 20 11 22 33: Bo ringer
X

# The command may come from the configuration instead.
mkdir -p "$XDG_CONFIG_HOME/kith"
printf '[remind]\ncommand = echo "cfg $KITH_ID $KITH_SUBJECT" >>cfg.txt\n' \
    >"$XDG_CONFIG_HOME/kith/config"
expect at '2026-12-02 12:55' remind --all <<'X'
X
expect cat cfg.txt <<'X'
cfg a6 Cy i morgen
X
