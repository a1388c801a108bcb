# SPDX-License-Identifier: GPL-3.0-or-later
# Every #include in src/ keeps to the layering rules of DESIGN.md.
. "$TESTS/lib.sh"

sh "$TESTS/deps.sh" "$TESTS/../src" || fail "include rules broken (above)"
