/* appeal.c (fuzz): the appeal form's validation on any fields.  Whatever
 * appeal_check accepts must be text a terminal shows harmlessly: valid
 * UTF-8, only okno(1)'s characters (no control, ESC above all, nothing
 * an 8-bit terminal takes for one), within its length; and
 * text_check must agree with an independent reading of those rules. */
#include "fuzz.h"
#include "appeal.h"
#include "fold.h"

/*
 * Decodes one strict UTF-8 character at s: its code point and length,
 * or length 0 when the bytes are not UTF-8 (overlong forms, surrogates
 * and anything past U+10FFFF are not).
 */
static size_t
fuzz_utf8_next(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0x80, 0x800, 0x10000 };
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		*cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		*cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		*cp = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if (*cp < min[n - 1] || *cp > 0x10ffff ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

/* The characters okno(1) lets a person type (its TEXT section). */
static int
fuzz_char_ok(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp >= 0xa0 && cp <= 0x17f)		/* Latin-1, Extended-A */
		return cp != 0xad;		/* but the soft hyphen */
	if (cp >= 0x400 && cp <= 0x4ff)		/* Cyrillic letters */
		return cp < 0x483 || cp > 0x489;
	switch (cp) {
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2018: case 0x2019: case 0x201a: case 0x201b:
	case 0x201c: case 0x201d: case 0x201e: case 0x2022: case 0x2026:
	case 0x2030: case 0x2032: case 0x2033: case 0x2039: case 0x203a:
	case 0x20ac: case 0x20bd: case 0x2116: case 0x2122:
		return 1;
	}
	return 0;
}

/* The rules of text_check, read from okno.h's comment: 1 when s passes. */
static int
fuzz_text_ok(const char *s, size_t max, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0, n;
	uint32_t cp;

	for (; *p != '\0'; p += n, chars++) {
		if ((n = fuzz_utf8_next(p, &cp)) == 0)
			return 0;
		if (multiline && (cp == '\n' || cp == '\t'))
			continue;
		if (!fuzz_char_ok(cp))
			return 0;
	}
	return max == 0 || chars <= max;
}

/* Blank as the model means it (text_blank: NULL or only isspace()
 * bytes), read independently rather than copied: the C locale's six
 * space characters, which UTF-8 locales keep for single bytes. */
static int
fuzz_blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\n\v\f\r")] == '\0';
}

static const struct config *
fuzz_appeal_config(void)
{
	static struct config *cfg;
	struct err e;

	if (cfg == NULL && config_load_embedded(&cfg, &e) != OKNO_OK) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
	return cfg;
}

static int
fuzz_appeal(const uint8_t *data, size_t size)
{
	/* Each field's limits and its member of struct appeal_new, in the
	 * order the input's fields come. */
#define FUZZ_FIELD(m)	offsetof(struct appeal_new, m), #m
	static const struct {
		size_t	max;
		int	multiline;
		int	required;
		size_t	off;
		const char *name;
	} spec[] = {
		{ 64, 0, 1, FUZZ_FIELD(kind) },
		{ 64, 0, 1, FUZZ_FIELD(channel) },
		{ 64, 0, 1, FUZZ_FIELD(client_type) },
		{ APPEAL_NAME_MAX, 0, 1, FUZZ_FIELD(name) },
		{ APPEAL_ACCOUNT_MAX, 0, 0, FUZZ_FIELD(account) },
		{ APPEAL_PHONE_MAX, 0, 0, FUZZ_FIELD(phone) },
		{ APPEAL_ADDRESS_MAX, 0, 0, FUZZ_FIELD(address) },
		{ APPEAL_TOPIC_MAX, 0, 1, FUZZ_FIELD(topic) },
		{ APPEAL_TEXT_MAX, 1, 0, FUZZ_FIELD(text) },
		{ 15, 0, 0, FUZZ_FIELD(ticket) },
		{ APPEAL_UNIT_MAX, 0, 0, FUZZ_FIELD(unit) },
		{ 63, 0, 0, FUZZ_FIELD(manager) },
	};
#undef FUZZ_FIELD
	const struct config *cfg = fuzz_appeal_config();
	struct appeal_new n;
	enum appeal_field field;
	struct err e;
	char *f[nitems(spec)], *copy, masked[32];
	int rc;

	if (size < 1)
		return 0;
	copy = fuzz_fields(data + 1, size - 1, f, nitems(f));
	memset(&n, 0, sizeof n);
	for (size_t i = 0; i < nitems(spec); i++)
		memcpy((char *)&n + spec[i].off, &f[i], sizeof f[i]);
	n.first_contact = data[0] & 1;
	n.phone_consent = (data[0] & 2) != 0;
	err_clear(&e);
	rc = appeal_check(cfg, &n, &field, &e);
	if (rc == OKNO_OK) {
		for (size_t i = 0; i < nitems(spec); i++) {
			if (fuzz_blank(f[i])) {
				if (spec[i].required)
					fuzz_fail("appeal: %s blank, yet "
					    "accepted", spec[i].name);
				continue;
			}
			if (!fuzz_text_ok(f[i], spec[i].max,
			    spec[i].multiline))
				fuzz_fail("appeal: %s accepted though not "
				    "plain text of its length", spec[i].name);
		}
		if (config_kind(cfg, n.kind) == NULL)
			fuzz_fail("appeal: unknown kind accepted");
	} else if (rc != OKNO_EINVAL || field == APPEAL_F_NONE ||
	    e.msg[0] == '\0')
		fuzz_fail("appeal: refused with %d, field %d, \"%s\"", rc,
		    (int)field, e.msg);
	else if (!fuzz_text_ok(e.msg, 0, 0))
		fuzz_fail("appeal: the message itself is not plain text");
	/* text_check against the rules, each field both ways. */
	for (size_t i = 0; i < nitems(spec); i++) {
		if (f[i] == NULL)
			continue;
		for (int ml = 0; ml < 2; ml++) {
			int got = text_check(f[i], spec[i].max, ml, "f",
			    NULL) == OKNO_OK;

			if (got != fuzz_text_ok(f[i], spec[i].max, ml))
				fuzz_fail("text_check(%s, multiline %d) says "
				    "%d", spec[i].name, ml, got);
		}
	}
	/* The helpers screens and slips use on these fields. */
	if (f[5] != NULL) {
		text_mask_phone(f[5], masked, sizeof masked);
		if (memchr(masked, '\0', sizeof masked) == NULL)
			fuzz_fail("appeal: masked phone not terminated");
	}
	if (f[3] != NULL && f[8] != NULL)
		(void)fold_match(f[8], f[3]);
	free(copy);
	return 0;
}

FUZZ_TARGET(fuzz_appeal)
