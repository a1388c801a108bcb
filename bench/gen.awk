# SPDX-License-Identifier: GPL-3.0-or-later
#
# gen.awk: deterministic test data for make bench.  POSIX awk, no input.
#
#	awk -f bench/gen.awk -v n=N [-v seed=S] [-v user=U] -v fmt=F \
#	    [-v dir=D] [-v pending=P] [-v history=H] [-v due=20]
#
# F is one of
#	dump		a kith dump (src/dump.h): N contacts, P pending
#			follow-ups (default N) and H history entries
#			(default N/2)
#	vcard		vCard 3.0, the same N contacts
#	csv		Google Contacts CSV, the same N contacts
#	vdir		one vCard file per contact in directory D (khard)
#	calcurse	calcurse's apts file with the same P follow-ups
#	ics		iCalendar with the same P follow-ups as VEVENTs (as
#			kith export --events writes them for calendars, and
#			calcurse, that take no VTODO times), the kind in
#			CATEGORIES, each with an ATTENDEE whose address is
#			its contact's first e-mail
#	dbload		db_load -T input: N records of about 250 bytes
#
# Contact i (1..N) and activity j are drawn from their own random stream,
# seeded from S and the number, so every format describes the same people
# whatever N is.  Five contacts (numbers 1 + k*N/5) are the same person,
# "Åsta Vågbø-Æbeltoft", for look-ups whose answer has 5 rows at every N.
# Pending follow-ups fall in 2030-2031, except DUE (20) owned by U and due
# in January 2026: `kith due` as U finds exactly those.
# The random generator is Park and Miller's, exact in doubles, so mawk,
# gawk and busybox awk give the same bytes.

function rnd(k)
{
	rs = (rs * 16807) % 2147483647
	return int(rs / 2147483647 * k)
}

function stream(x)
{
	rs = (seed * 7919 + x * 104729) % 2147483646 + 1
	rnd(2); rnd(2)
}

function pick(list, k)
{
	return list[k, 1 + rnd(list[k, 0])]
}

function fill(list, k, s,	a, m, i)
{
	m = split(s, a, "|")
	for (i = 1; i <= m; i++)
		list[k, i] = a[i]
	list[k, 0] = m
}

function tables()
{
	# Locales: da no fi es sl de en pl.
	NL = split("da no fi es sl de en pl", LOC, " ")
	fill(FIRST, 1, "Søren|Mette|Jørgen|Birgitte|Lærke|Bjørn|Åse|Frederik|Signe|Rasmus|Ærø|Kirsten")
	fill(LAST, 1, "Ågård|Nørgaard|Jørgensen|Kjær|Sørensen|Møller|Bæk|Thøgersen|Østergaard|Grønbech|Dæhnfeldt|Larsen")
	fill(CITY, 1, "København|Århus|Aalborg|Odense|Næstved|Køge|Hørsholm|Ærøskøbing")
	fill(SUF, 1, "ApS|A/S|I/S|Rådgivning")
	fill(STREET, 1, "Nørregade|Åboulevarden|Østerbrogade|Vesterbrogade|Søndergade")
	CC[1] = "+45"; TLD[1] = "dk"; CTRY[1] = "Denmark"
	fill(FIRST, 2, "Ståle|Øystein|Åsmund|Ingrid|Kari|Håkon|Sigrid|Ragnhild|Torbjørn|Solveig")
	fill(LAST, 2, "Bråten|Løvås|Haugen|Strøm|Søberg|Sæther|Bakkevold|Tønnessen|Aasheim|Ødegård")
	fill(CITY, 2, "Tromsø|Bodø|Bærum|Oslo|Bergen|Ålesund|Lillehammer|Førde")
	fill(SUF, 2, "AS|ASA|Rørlegger AS|Eiendom")
	fill(STREET, 2, "Storgata|Kirkegårdsveien|Bryggen|Løkkeveien|Øvre Slottsgate")
	CC[2] = "+47"; TLD[2] = "no"; CTRY[2] = "Norway"
	fill(FIRST, 3, "Jyrki|Päivi|Tiina|Mikko|Sanna|Jääskö|Eeva-Liisa|Tuomas|Hannele|Väinö")
	fill(LAST, 3, "Virtanen|Mäkinen|Hämäläinen|Järvinen|Lähteenmäki|Öhman|Kärkkäinen|Ylönen|Heikkilä|Pöllänen")
	fill(CITY, 3, "Jyväskylä|Hämeenlinna|Tampere|Espoo|Seinäjoki|Ähtäri|Mäntsälä|Oulu")
	fill(SUF, 3, "Oy|Oyj|Ky|Tmi")
	fill(STREET, 3, "Kauppakatu|Hämeenkatu|Väinönkatu|Yliopistonkatu|Pohjoisesplanadi")
	CC[3] = "+358"; TLD[3] = "fi"; CTRY[3] = "Finland"
	fill(FIRST, 4, "José|María|Begoña|Iñaki|Nuria|Álvaro|Ramón|Inés|Jesús|Lucía")
	fill(LAST, 4, "Peña|Muñoz|Ibáñez|García|Núñez|Castañeda|Fernández|Ortíz|Cañizares|López")
	fill(CITY, 4, "Logroño|Cádiz|Málaga|A Coruña|León|Córdoba|Alcalá de Henares|Ávila")
	fill(SUF, 4, "S.L.|S.A.|y Asociados|Hermanos S.L.")
	fill(STREET, 4, "Calle Mayor|Avenida de la Constitución|Plaza de España|Calle Peñuelas|Paseo de Gràcia")
	CC[4] = "+34"; TLD[4] = "es"; CTRY[4] = "Spain"
	fill(FIRST, 5, "Žiga|Špela|Matej|Nataša|Urška|Luka|Jože|Tjaša|Primož|Mojca")
	fill(LAST, 5, "Kovačič|Horvat|Novak|Žagar|Štrukelj|Čebašek|Krajnc|Zupančič|Mlakar|Potočnik")
	fill(CITY, 5, "Ljubljana|Kranj|Celje|Škofja Loka|Murska Sobota|Črnomelj|Novo mesto|Ptuj")
	fill(SUF, 5, "d.o.o.|d.d.|s.p.|Trgovina d.o.o.")
	fill(STREET, 5, "Čopova ulica|Trubarjeva cesta|Prešernov trg|Šmartinska cesta|Slovenska cesta")
	CC[5] = "+386"; TLD[5] = "si"; CTRY[5] = "Slovenia"
	fill(FIRST, 6, "Jürgen|Günther|Jörg|Käthe|Björn|Uwe|Sabine|Änne|Maximilian|Lena")
	fill(LAST, 6, "Müller|Groß|Schäfer|Weiß|Köhler|Bäcker|Schröder|Krüger|Hoffmann|Wöhrle")
	fill(CITY, 6, "München|Köln|Düsseldorf|Lübeck|Nürnberg|Görlitz|Würzburg|Saarbrücken")
	fill(SUF, 6, "GmbH|AG|GmbH & Co. KG|e.K.")
	fill(STREET, 6, "Hauptstraße|Königsallee|Bahnhofstraße|Schloßplatz|Mühlenweg")
	CC[6] = "+49"; TLD[6] = "de"; CTRY[6] = "Germany"
	fill(FIRST, 7, "James|Olivia|Siobhan|Niamh|Oliver|Emily|Rhys|Charlotte|Aidan|Grace")
	fill(LAST, 7, "O'Brien|Smith|Taylor|Fitzgerald-Hughes|MacLeod|Evans|Murphy|Wright|Ó Súilleabháin|Patel")
	fill(CITY, 7, "London|York|Cork|Edinburgh|St Albans|Cardiff|Belfast|Milton Keynes")
	fill(SUF, 7, "Ltd|plc|& Sons|Consulting Ltd")
	fill(STREET, 7, "High Street|Station Road|Church Lane|Victoria Road|The Green")
	CC[7] = "+44"; TLD[7] = "co.uk"; CTRY[7] = "United Kingdom"
	fill(FIRST, 8, "Łukasz|Małgorzata|Paweł|Zofia|Grzegorz|Agnieszka|Wojciech|Katarzyna|Jędrzej|Żaneta")
	fill(LAST, 8, "Wałęsa|Nowak|Kowalski|Wiśniewska|Wójcik|Kamińska|Lewandowski|Zieliński|Szymańska|Dąbrowski")
	fill(CITY, 8, "Łódź|Kraków|Gdańsk|Wrocław|Poznań|Białystok|Częstochowa|Toruń")
	fill(SUF, 8, "Sp. z o.o.|S.A.|i Wspólnicy|Sp.j.")
	fill(STREET, 8, "ulica Piotrkowska|aleja Róż|ulica Długa|plac Zbawiciela|ulica Świętojańska")
	CC[8] = "+48"; TLD[8] = "pl"; CTRY[8] = "Poland"
	split("Director|Sales Manager|Buyer|CEO|Engineer|Accountant|Office Manager|Project Lead|Purchasing|CTO", TITLE, "|")
	split("lead|prospect|customer|customer|customer|inactive|partner|supplier", STATUS, "|")
	split("vip|newsletter|trade fair 2025|reseller|key account|north|south|export", TAGS, "|")
	split("Asked for a quote on the spring range.|Prefers calls before noon.|Met at the trade fair; interested in the service contract.|Pays late; check the account first.|Wants the catalogue in their own language.|Referred by an existing customer.|Decision maker is the CFO, not this contact.|Call about the renewal in March.", NOTES, "|")
	split("Follow up on the quote|Call back about the order|Send the new price list|Check the delivery date|Renewal of the service contract|Book a demo|Ask for a reference|Remind about the invoice", SUBJ, "|")
	split("Called, no answer|Meeting at their office|Sent the brochure|Talked about the new range; positive|Quote accepted|Complaint handled|Left a voicemail|Lunch with the buyer", HIST, "|")
	split("FREQ=WEEKLY|FREQ=MONTHLY|FREQ=WEEKLY;INTERVAL=2|FREQ=MONTHLY;BYMONTHDAY=1|FREQ=YEARLY", RRULE, "|")
	split("anna|bo|carl", OTHERS, "|")
	# Transliteration for e-mail addresses.
	TRN = "å aa|ø oe|æ ae|Å aa|Ø oe|Æ ae|ä a|ö o|ü u|Ä a|Ö o|Ü u|ß ss|é e|á a|í i|ó o|ú u|ñ n|Á a|É e|Í i|Ó o|Ú u|Ñ n|à a|č c|š s|ž z|Č c|Š s|Ž z|ł l|Ł l|ą a|ę e|ś s|ć c|ń n|ż z|ź z|Ż z|ò o|' |- "
	nt = split(TRN, TR, "|")
}

function ascii(s,	i, p, k)
{
	if (s in ASC)
		return ASC[s]
	k = s
	for (i = 1; i <= nt; i++) {
		p = index(TR[i], " ")
		gsub(substr(TR[i], 1, p - 1), substr(TR[i], p + 1), k)
	}
	gsub(/ /, "", k)
	return ASC[s] = tolower(k)
}

function digits(m,	s, i)
{
	s = ""
	for (i = 0; i < m; i++)
		s = s rnd(10)
	return s
}

# Draws contact i into the C* variables.
function contact(i,	l, d, k, m)
{
	stream(i)
	l = 1 + rnd(NL)
	if (i % int(n / 5 > 1 ? n / 5 : 1) == 1 || (n < 5 && i == 1)) {
		CF = "Åsta"; CL = "Vågbø-Æbeltoft"; CCO = "Vågbø Fiskeri AS"
		CT = "Skipper"; CCI = "Ålesund"; CCT = "Norway"
		CST = "Brosundet 7"; CNP = 1; CP[1] = "+47 912 34 567"
		CPT[1] = "cell"; CNE = 1; CE[1] = "asta.vagbo@vagbo-fiskeri.no"
		CET[1] = "work"; CNOTE = "Buys ice by the tonne; call after 15:00."
		CSTAT = "customer"; CTAG = "key account"; COWN = user
		CLOC = 2
		return
	}
	CLOC = l
	CF = pick(FIRST, l); CL = pick(LAST, l)
	if (l == 4 && rnd(2))
		CL = CL " " pick(LAST, l)
	CT = TITLE[1 + rnd(10)]
	CCO = rnd(4) ? pick(LAST, l) " " pick(SUF, l) : ""
	CCI = pick(CITY, l); CCT = CTRY[l]
	CST = pick(STREET, l) " " (1 + rnd(120))
	CNP = 1 + rnd(3)
	for (k = 1; k <= CNP; k++) {
		CP[k] = CC[l] " " digits(2) " " digits(3) " " digits(3)
		CPT[k] = k == 1 ? "work" : k == 2 ? "cell" : "home"
	}
	CNE = 1 + rnd(2)
	d = CCO != "" ? ascii(pick(LAST, l)) "." TLD[l] : "mail." TLD[l]
	CE[1] = ascii(CF) "." ascii(CL) "." i "@" d
	CET[1] = "work"
	CE[2] = ascii(CF) i "@post." TLD[l]
	CET[2] = "home"
	m = rnd(3)
	CNOTE = m == 0 ? "" : NOTES[1 + rnd(8)]
	if (m == 2)
		CNOTE = CNOTE "\n" NOTES[1 + rnd(8)]
	CSTAT = STATUS[1 + rnd(8)]
	CTAG = rnd(2) ? TAGS[1 + rnd(8)] : ""
	COWN = rnd(4) ? OTHERS[1 + rnd(3)] : user
}

function utc(t,	d, y, mo, dd, r, hh, mi, ss, mdays)
{
	# Seconds since 1970 to YYYY-MM-DDTHH:MM:SSZ (2000..2099).
	ss = t % 60; t = int(t / 60); mi = t % 60; t = int(t / 60)
	hh = t % 24; d = int(t / 24)
	y = 1970
	while (d >= (r = (y % 4 == 0 ? 366 : 365))) {
		d -= r; y++
	}
	split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
	if (y % 4 == 0)
		mdays[2] = 29
	for (mo = 1; d >= mdays[mo]; mo++)
		d -= mdays[mo]
	dd = d + 1
	U_Y = y; U_M = mo; U_D = dd; U_H = hh; U_MI = mi
	return sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, dd, hh, mi, ss)
}

function dump_escape(s)
{
	gsub(/\\/, "\\\\", s)
	gsub(/\n/, "\\n", s)
	gsub(/\t/, "\\t", s)
	return s
}

function dump_contact(i,	k, t)
{
	contact(i)
	t = T2025 + rnd(300 * 86400)
	printf "[c%d]\nname=%s %s\n", i, CF, CL
	if (CCO != "")
		printf "company=%s\n", CCO
	printf "title=%s\n", CT
	for (k = 1; k <= CNP; k++)
		printf "phone.%s=%s\n", CPT[k], CP[k]
	for (k = 1; k <= CNE; k++)
		printf "email.%s=%s\n", CET[k], CE[k]
	printf "address.work=%s\ncity=%s\ncountry=%s\nstatus=%s\n", CST, CCI,
	    CCT, CSTAT
	if (CTAG != "")
		printf "tag=%s\n", CTAG
	if (CNOTE != "")
		printf "note=%s\n", dump_escape(CNOTE)
	printf "owner=%s\ncreated=%s\ncreated-by=%s\n", COWN, utc(t), COWN
	printf "updated=%s\nupdated-by=%s\nrev=1\n\n", utc(t), COWN
}

# Draws activity j (1..P pending, then history) into the A* variables.
function activity(j,	own)
{
	stream(n + 1000003 + j)
	AC = 1 + (j - 1) % n
	AK = rnd(4) ? 0 : rnd(3)
	ARR = ""
	if (j <= pending) {
		AS = SUBJ[1 + rnd(8)]
		if (j <= due) {
			AOWN = user
			ADUE = T2026 + j * 3600 + 7 * 3600
		} else {
			AOWN = rnd(4) ? OTHERS[1 + rnd(3)] : user
			ADUE = T2030 + rnd(730) * 86400 + (7 + rnd(10)) * 3600 + \
			    rnd(4) * 900
			if (rnd(10) == 0)
				ARR = RRULE[1 + rnd(5)]
		}
		AAL = rnd(3) ? 900 : rnd(2) ? 3600 : -1
		ADUR = rnd(2) ? 1800 : 900
	} else {
		AS = HIST[1 + rnd(8)]
		AOWN = rnd(2) ? OTHERS[1 + rnd(3)] : user
		ADUE = T2025 + rnd(300 * 86400)
	}
}

function dump_activity(j,	t)
{
	activity(j)
	printf "[a%d]\ncontact=%d\nkind=%d\nsubject=%s\nowner=%s\n", j, AC,
	    AK, AS, AOWN
	if (j <= pending) {
		printf "due=%s\nduration=%d\npriority=%d\nalarm=%d\n", \
		    utc(ADUE), ADUR, rnd(2) ? 0 : 1 + rnd(9), AAL
		if (ARR != "")
			printf "rrule=%s\nstart=%s\n", ARR, utc(ADUE)
		t = ADUE - 86400 * (1 + rnd(30))
	} else {
		printf "result=Done\nduration=0\npriority=0\nalarm=-1\n"
		printf "done=1\ndone-at=%s\n", utc(ADUE)
		t = ADUE
	}
	printf "uid=bench-a%d@kith\ncreated=%s\ncreated-by=%s\n", j, utc(t),
	    AOWN
	printf "updated=%s\nupdated-by=%s\nrev=1\n\n", utc(t), AOWN
}

function dump_all(	i, j)
{
	printf "kith-dump 1\nseq c %d\nseq a %d\nseq d 0\nseq k 0\nseq x 0\n\n",
	    n, pending + history
	for (i = 1; i <= n; i++)
		dump_contact(i)
	for (j = 1; j <= pending + history; j++)
		dump_activity(j)
}

function vc_escape(s)
{
	gsub(/\\/, "\\\\", s)
	gsub(/,/, "\\,", s)
	gsub(/;/, "\\;", s)
	gsub(/\n/, "\\n", s)
	return s
}

# Folds at 75 octets without splitting a UTF-8 character.
function vc_line(s,	out, cut)
{
	out = ""
	while (length(s) > 75) {
		cut = 75
		while (cut > 1 && substr(s, cut + 1, 1) ~ /^[\200-\277]$/)
			cut--
		out = out substr(s, 1, cut) "\r\n "
		s = substr(s, cut + 1)
	}
	printf "%s%s\r\n", out, s > VOUT
}

function vcard(i, out,	k, ty)
{
	contact(i)
	if (out == "")
		out = "/dev/stdout"
	VOUT = out
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\n" > out
	printf "UID:bench-c%d@kith\r\n", i > out
	vc_line("FN:" vc_escape(CF " " CL))
	vc_line("N:" vc_escape(CL) ";" vc_escape(CF) ";;;")
	if (CCO != "")
		vc_line("ORG:" vc_escape(CCO))
	vc_line("TITLE:" vc_escape(CT))
	for (k = 1; k <= CNP; k++) {
		ty = CPT[k] == "cell" ? "CELL" : CPT[k] == "home" ? "HOME" : "WORK"
		vc_line("TEL;TYPE=" ty ",VOICE:" CP[k])
	}
	for (k = 1; k <= CNE; k++)
		vc_line("EMAIL;TYPE=INTERNET," toupper(CET[k]) ":" CE[k])
	vc_line("ADR;TYPE=WORK:;;" vc_escape(CST) ";" vc_escape(CCI) ";;;" \
	    vc_escape(CCT))
	if (CTAG != "")
		vc_line("CATEGORIES:" vc_escape(CTAG))
	if (CNOTE != "")
		vc_line("NOTE:" vc_escape(CNOTE))
	printf "END:VCARD\r\n" > out
}

function vdir_all(	i, f)
{
	for (i = 1; i <= n; i++) {
		f = dir "/c" i ".vcf"
		vcard(i, f)
		close(f)
	}
}

function csvq(s)
{
	if (s ~ /[",\n\r]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}

function csv_all(	i, k)
{
	printf "Name,Given Name,Family Name,Notes,Group Membership,"
	printf "E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,"
	printf "E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
	printf "Phone 2 - Type,Phone 2 - Value,Phone 3 - Type,Phone 3 - Value,"
	printf "Address 1 - Type,Address 1 - Street,Address 1 - City,"
	printf "Address 1 - Country,Organization 1 - Name,"
	printf "Organization 1 - Title\r\n"
	for (i = 1; i <= n; i++) {
		contact(i)
		printf "%s,%s,%s,%s,%s", csvq(CF " " CL), csvq(CF), csvq(CL),
		    csvq(CNOTE), csvq(CTAG == "" ? "* myContacts" : \
		    CTAG " ::: * myContacts")
		for (k = 1; k <= 2; k++)
			printf ",%s,%s", k <= CNE ? "* " \
			    toupper(substr(CET[k], 1, 1)) substr(CET[k], 2) : "",
			    k <= CNE ? CE[k] : ""
		for (k = 1; k <= 3; k++)
			printf ",%s,%s", k <= CNP ? (CPT[k] == "cell" ? \
			    "Mobile" : CPT[k] == "home" ? "Home" : "Work") : "",
			    k <= CNP ? CP[k] : ""
		printf ",Work,%s,%s,%s,%s,%s\r\n", csvq(CST), csvq(CCI),
		    csvq(CCT), csvq(CCO), csvq(CT)
	}
}

# calcurse's apts: MM/DD/YYYY @ HH:MM -> MM/DD/YYYY @ HH:MM |text (! notifies)
function calcurse_all(	j, a, b)
{
	for (j = 1; j <= pending; j++) {
		activity(j)
		utc(ADUE)
		a = sprintf("%02d/%02d/%04d @ %02d:%02d", U_M, U_D, U_Y, U_H,
		    U_MI)
		utc(ADUE + ADUR)
		b = sprintf("%02d/%02d/%04d @ %02d:%02d", U_M, U_D, U_Y, U_H,
		    U_MI)
		printf "%s -> %s %s%s\n", a, b, (AAL >= 0 ? "!" : "|"), AS
	}
}

function ics_stamp(t)
{
	utc(t)
	return sprintf("%04d%02d%02dT%02d%02d00Z", U_Y, U_M, U_D, U_H, U_MI)
}

# The pending follow-ups as iCalendar, UIDs apart from the dump's.
function ics_all(	j, comp, kind)
{
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	printf "PRODID:-//kith//bench gen.awk//EN\r\n"
	split("call meeting todo", kind, " ")
	for (j = 1; j <= pending; j++) {
		activity(j)
		contact(AC)
		comp = "VEVENT"
		printf "BEGIN:%s\r\nUID:bench-ics-a%d@kith\r\n", comp, j
		printf "DTSTAMP:%s\r\n", ics_stamp(ADUE - 86400)
		vc_line("SUMMARY:" vc_escape(AS))
		printf "DTSTART:%s\r\n", ics_stamp(ADUE)
		printf "DURATION:PT%dM\r\n", ADUR / 60
		if (ARR != "")
			printf "RRULE:%s\r\n", ARR
		printf "CATEGORIES:%s\r\n", kind[AK + 1]
		vc_line("ATTENDEE;CN=\"" CF " " CL "\":mailto:" CE[1])
		if (AAL >= 0)
			printf "BEGIN:VALARM\r\nACTION:DISPLAY\r\n" \
			    "TRIGGER:-PT%dM\r\nDESCRIPTION:%s\r\nEND:VALARM\r\n",
			    AAL / 60, vc_escape(AS)
		printf "END:%s\r\n", comp
	}
	printf "END:VCALENDAR\r\n"
}

# db_load -T input: key and data on alternating lines.
function dbload_all(	i, s)
{
	for (i = 1; i <= n; i++) {
		contact(i)
		s = CNOTE
		gsub(/\n/, " ", s)
		printf "c%08d\n%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%-60.60s\n",
		    i, CF " " CL, CCO, CT, CP[1], CP[2], CE[1], CE[2], CST,
		    CCI, CCT, CSTAT, COWN, s
	}
}

BEGIN {
	if (n == "" || n < 1) {
		print "gen.awk: -v n=N is required" > "/dev/stderr"
		exit 2
	}
	n = int(n)
	if (seed == "") seed = 1
	if (user == "") user = "bench"
	if (pending == "") pending = n
	if (history == "") history = int(n / 2)
	if (due == "") due = 20
	if (due > pending) due = pending
	T2025 = 1735689600	# 2025-01-01T00:00:00Z
	T2026 = 1767225600	# 2026-01-01T00:00:00Z
	T2030 = 1893456000	# 2030-01-01T00:00:00Z
	tables()
	if (fmt == "dump") dump_all()
	else if (fmt == "vcard") for (i = 1; i <= n; i++) vcard(i, "")
	else if (fmt == "csv") csv_all()
	else if (fmt == "vdir") vdir_all()
	else if (fmt == "calcurse") calcurse_all()
	else if (fmt == "dbload") dbload_all()
	else if (fmt == "ics") { VOUT = "/dev/stdout"; ics_all() }
	else {
		print "gen.awk: unknown -v fmt=" fmt > "/dev/stderr"
		exit 2
	}
	exit 0
}
