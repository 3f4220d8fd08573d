#!/bin/sh
# po.t: every shipped translation (po/*.po) is complete for the current
# sources: a fresh template (the Makefile's own xgettext command, `make
# pot`) merged into a copy of each catalogue leaves no message untranslated
# and none fuzzy, and msgfmt's checks pass (printf conversions that match
# the English, the header, plural forms).  A new or changed _("...") in
# the sources fails here until po/ru.po is updated (make update-po, then
# translate).
. "$(dirname "$0")/lib.sh"

for t in make xgettext msgmerge msgattrib msgfmt; do
	command -v "$t" >/dev/null 2>&1 ||
	    skip_all "$t missing (apt-get install gettext make)"
done
set -- "$SRC"/po/*.po
[ -f "$1" ] || skip_all "no translations in po/"
plan $((2 + 5 * $#))

# The messages of a catalogue, one a line ("msgid" text as in the file,
# continuation lines joined), the header left out.
msgids() {
	awk '
	function flush() { if (id != "" && id != "\"\"") print id; id = "" }
	/^msgid / { flush(); id = substr($0, 7); inid = 1; next }
	/^"/ && inid { id = (id == "\"\"" ? "" : id) $0; next }
	{ inid = 0 }
	END { flush() }' "$1"
}

# The Makefile's command, not a copy of its options; a make run by
# `make check` must not join the parent's jobserver.
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory \
    -C "$SRC" POT="$T/okno.pot" pot >"$T/xgettext.out" 2>&1
ok $? "make pot writes a fresh template"
[ -s "$T/okno.pot" ] && grep -q '^msgid "Help"$' "$T/okno.pot"
ok $? "and it holds the sources' messages"

for po in "$@"; do
	name=${po#"$SRC"/}
	cp "$po" "$T/merged.po"
	msgmerge -q --no-wrap --update --backup=none "$T/merged.po" \
	    "$T/okno.pot" 2>"$T/msgmerge.out"
	ok $? "$name: msgmerge with the fresh template"

	msgattrib --no-wrap --untranslated --no-obsolete "$T/merged.po" \
	    >"$T/untranslated.po"
	msgids "$T/untranslated.po" >"$T/untranslated"
	is "$(wc -l <"$T/untranslated" | tr -d ' ')" 0 \
	    "$name: no message untranslated (make update-po, then translate)"
	sed 's/^/#   untranslated: /' "$T/untranslated" | head -20

	msgattrib --no-wrap --only-fuzzy --no-obsolete "$T/merged.po" \
	    >"$T/fuzzy.po"
	msgids "$T/fuzzy.po" >"$T/fuzzy"
	is "$(wc -l <"$T/fuzzy" | tr -d ' ')" 0 \
	    "$name: no message fuzzy (review it, then drop the flag)"
	sed 's/^/#   fuzzy: /' "$T/fuzzy" | head -20

	# What the build compiles, and the same against today's sources.
	msgfmt -c --check-format -o /dev/null "$po" 2>"$T/msgfmt.out"
	r=$?
	sed 's/^/#   /' "$T/msgfmt.out" | head -20
	ok $r "$name: msgfmt -c --check-format passes"
	msgfmt -c --check-format -o /dev/null "$T/merged.po" \
	    2>"$T/msgfmt.out"
	r=$?
	sed 's/^/#   /' "$T/msgfmt.out" | head -20
	ok $r "$name: and so does it merged with the fresh template"
done
