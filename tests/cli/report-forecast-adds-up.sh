# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: the forecast (open deals by expected close month, weighted by
# probability) and the pipeline by stage agree with a separate computation
# by awk over the deal list's CSV.
. "$TESTS/lib.sh"

kith add name=Ann city=Copenhagen >/dev/null
kith add name=Bob city=Aarhus >/dev/null
# 60 deals: pseudo-random stage, value, close month, some own probability.
awk 'BEGIN {
	srand(7)
	split("Lead Qualified Proposal Negotiation Won Lost", st, " ")
	for (i = 1; i <= 60; i++) {
		v = int(rand() * 5000000) / 100
		m = 1 + int(rand() * 6)
		printf "c%d value=%.2f stage=%s", 1 + i % 2, v,
		    st[1 + int(rand() * 6)]
		if (i % 7)
			printf " close=2027-%02d-%02d", m, 1 + int(rand() * 28)
		if (i % 5 == 0)
			printf " probability=%d", int(rand() * 101)
		printf "\n"
	}
}' | while read -r line; do
	# shellcheck disable=SC2086
	kith deal add $line >/dev/null || fail "deal add $line"
done

kith deal list --format csv | tr -d '\r' | tail -n +2 >deals.csv
[ "$(wc -l <deals.csv)" = 60 ] || fail "60 deals expected"

# id,contact,name,title,stage,value,currency,probability,close,owner
awk -F, '$5 != "Won" && $5 != "Lost" {
	m = $9 == "" ? "none" : substr($9, 1, 7)
	n[m]++; v[m] += $6; w[m] += $6 * $8 / 100
} END {
	for (m in n) printf "%s,%d,%.2f,%.2f\n", m, n[m], v[m], w[m]
}' deals.csv | sort >expected.csv
kith report forecast --format csv | tr -d '\r' | tail -n +2 >actual.csv
# kith sums exact hundredths and rounds once; awk sums binary floats, so
# a half-cent tie may round the other way: allow one cent.
same() {
	paste -d, "$1" "$2" | awk -F, -v n="$3" '{
		if ($1 != $(1 + n))
			bad = 1
		for (i = 2; i <= n; i++) {
			d = $i - $(i + n)
			if ($i != $(i + n) && (d > 0.011 || d < -0.011))
				bad = 1
		}
	} END { exit bad || NR == 0 }' && [ "$(wc -l <"$1")" = "$(wc -l <"$2")" ]
}
same expected.csv actual.csv 4 || {
	diff -u expected.csv actual.csv
	fail "forecast does not add up"
}
[ "$(wc -l <actual.csv)" -ge 5 ] || fail "too few months to be a test"

awk -F, '{
	n[$5]++; v[$5] += $6; w[$5] += $6 * $8 / 100
	if ($5 != "Won" && $5 != "Lost") { on++; ov += $6; ow += $6 * $8 / 100 }
} END {
	split("Lead Qualified Proposal Negotiation Won Lost", st, " ")
	for (i = 1; i <= 6; i++)
		printf "%s,%d,%.2f,%.2f\n", st[i], n[st[i]], v[st[i]], w[st[i]]
	printf "open total,%d,%.2f,%.2f\n", on, ov, ow
}' deals.csv >expected.csv
kith report pipeline --format csv | tr -d '\r' | tail -n +2 >actual.csv
same expected.csv actual.csv 4 || {
	diff -u expected.csv actual.csv
	fail "pipeline by stage does not add up"
}

# sales by city: won value per city of the deal's contact
awk -F, '$5 == "Won" { w[$2 == "c1" ? "Copenhagen" : "Aarhus"] += $6 }
END { printf "Aarhus,%.2f\nCopenhagen,%.2f\n", w["Aarhus"], w["Copenhagen"] }' \
    deals.csv >expected.csv
kith report sales --format csv | tr -d '\r' | tail -n +2 | cut -d, -f1,4 \
    >actual.csv
diff -u expected.csv actual.csv || fail "sales by city does not add up"
