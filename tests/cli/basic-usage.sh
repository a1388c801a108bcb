# SPDX-License-Identifier: GPL-3.0-or-later
# The usage contract: --help, --version, and an unknown command.
. "$TESTS/lib.sh"

expect_status 0 kith --help
grep -qi usage "$OUT" || fail "kith --help printed no usage line"
[ ! -s "$ERR" ] || fail "kith --help wrote to stderr"

expect_status 0 kith --version
grep -q '^kith [0-9]' "$OUT" || fail "kith --version printed: $(cat "$OUT")"

expect_status 2 kith nosuchcommand
grep -q '^kith: ' "$ERR" || fail "usage error not prefixed \"kith: \""
expect_err_contains nosuchcommand
[ ! -s "$OUT" ] || fail "a usage error wrote to stdout"
