/* voice.c: the words of an announcement as fragment names (voice.h).
 *
 * A number is said from fragments for 0-19, the tens, the hundreds and
 * the three forms of "тысяча"; every number up to 999 999 is a sequence
 * of them, so the library stays at about seventy files.  Only one and
 * two change with gender (один/одна/одно, два/две), so they alone have
 * gendered fragments. */
#include <string.h>

#include "voice.h"

struct frag {
	const char	*name;
	const char	*text;		/* UTF-8; NULL: not speech (chime) */
};

static const struct frag frags[] = {
	{ "chime", NULL },
	{ "client", "клиент" },
	{ "window", "окно" },
	{ "test", "проверка звука" },
	/* The Russian names of the Latin letters, as read at school: a
	 * prefix is one or two capital Latin letters (okno.conf(5)). */
	{ "letter-a", "а" }, { "letter-b", "бэ" }, { "letter-c", "цэ" },
	{ "letter-d", "дэ" }, { "letter-e", "е" }, { "letter-f", "эф" },
	{ "letter-g", "гэ" }, { "letter-h", "аш" }, { "letter-i", "и" },
	{ "letter-j", "йот" }, { "letter-k", "ка" }, { "letter-l", "эль" },
	{ "letter-m", "эм" }, { "letter-n", "эн" }, { "letter-o", "о" },
	{ "letter-p", "пэ" }, { "letter-q", "ку" }, { "letter-r", "эр" },
	{ "letter-s", "эс" }, { "letter-t", "тэ" }, { "letter-u", "у" },
	{ "letter-v", "вэ" }, { "letter-w", "дубль-вэ" },
	{ "letter-x", "икс" }, { "letter-y", "игрек" },
	{ "letter-z", "зэт" },
	{ "num-0", "ноль" }, { "num-1", "один" }, { "num-1f", "одна" },
	{ "num-1n", "одно" }, { "num-2", "два" }, { "num-2f", "две" },
	{ "num-3", "три" }, { "num-4", "четыре" }, { "num-5", "пять" },
	{ "num-6", "шесть" }, { "num-7", "семь" }, { "num-8", "восемь" },
	{ "num-9", "девять" }, { "num-10", "десять" },
	{ "num-11", "одиннадцать" }, { "num-12", "двенадцать" },
	{ "num-13", "тринадцать" }, { "num-14", "четырнадцать" },
	{ "num-15", "пятнадцать" }, { "num-16", "шестнадцать" },
	{ "num-17", "семнадцать" }, { "num-18", "восемнадцать" },
	{ "num-19", "девятнадцать" }, { "num-20", "двадцать" },
	{ "num-30", "тридцать" }, { "num-40", "сорок" },
	{ "num-50", "пятьдесят" }, { "num-60", "шестьдесят" },
	{ "num-70", "семьдесят" }, { "num-80", "восемьдесят" },
	{ "num-90", "девяносто" }, { "num-100", "сто" },
	{ "num-200", "двести" }, { "num-300", "триста" },
	{ "num-400", "четыреста" }, { "num-500", "пятьсот" },
	{ "num-600", "шестьсот" }, { "num-700", "семьсот" },
	{ "num-800", "восемьсот" }, { "num-900", "девятьсот" },
	/* "одна тысяча", "две тысячи", "пять тысяч". */
	{ "thousand-1", "тысяча" }, { "thousand-2", "тысячи" },
	{ "thousand-5", "тысяч" },
};

#define NFRAGS	(sizeof frags / sizeof frags[0])

const char *
voice_fragment(size_t i)
{
	return i < NFRAGS ? frags[i].name : NULL;
}

/* Static names of the number fragments, by value. */
static const char *const units[] = {
	"num-0", "num-1", "num-2", "num-3", "num-4", "num-5", "num-6",
	"num-7", "num-8", "num-9", "num-10", "num-11", "num-12", "num-13",
	"num-14", "num-15", "num-16", "num-17", "num-18", "num-19"
};
static const char *const tens[] = {
	NULL, NULL, "num-20", "num-30", "num-40", "num-50", "num-60",
	"num-70", "num-80", "num-90"
};
static const char *const hundreds[] = {
	NULL, "num-100", "num-200", "num-300", "num-400", "num-500",
	"num-600", "num-700", "num-800", "num-900"
};

const char *
voice_text(const char *name)
{
	for (size_t i = 0; i < NFRAGS; i++)
		if (strcmp(frags[i].name, name) == 0)
			return frags[i].text;
	return NULL;
}

static int
push(const char *name, const char **names, size_t *n, size_t max)
{
	if (*n >= max)
		return -1;
	names[(*n)++] = name;
	return 0;
}

/* 1..999 in words agreeing with g. */
static int
below_thousand(int v, enum voice_gender g, const char **names, size_t *n,
    size_t max)
{
	int h = v / 100, r = v % 100;

	if (h > 0 && push(hundreds[h], names, n, max) != 0)
		return -1;
	if (r >= 20) {
		if (push(tens[r / 10], names, n, max) != 0)
			return -1;
		r %= 10;
	}
	if (r == 0)
		return 0;
	if (r == 1 && g == VOICE_FEM)
		return push("num-1f", names, n, max);
	if (r == 1 && g == VOICE_NEUT)
		return push("num-1n", names, n, max);
	if (r == 2 && g == VOICE_FEM)
		return push("num-2f", names, n, max);
	return push(units[r], names, n, max);
}

int
voice_number(long v, enum voice_gender g, const char **names,
    size_t *nnames, size_t max)
{
	size_t n = *nnames;
	int t, rest;

	if (v < 0 || v > VOICE_NUMBER_MAX)
		return -1;
	if (v == 0) {
		if (push(units[0], names, &n, max) != 0)
			return -1;
		*nnames = n;
		return 0;
	}
	t = (int)(v / 1000);
	rest = (int)(v % 1000);
	if (t > 0) {
		/* "тысяча" agrees in the feminine; a thousand alone is
		 * "тысяча", not "одна тысяча". */
		if (t != 1 && below_thousand(t, VOICE_FEM, names, &n, max) != 0)
			return -1;
		if (push(t % 100 >= 11 && t % 100 <= 14 ? "thousand-5" :
		    t % 10 == 1 ? "thousand-1" :
		    t % 10 >= 2 && t % 10 <= 4 ? "thousand-2" : "thousand-5",
		    names, &n, max) != 0)
			return -1;
	}
	if (rest > 0 && below_thousand(rest, g, names, &n, max) != 0)
		return -1;
	*nnames = n;
	return 0;
}

const char *
voice_letter(int c)
{
	static const char *const letters[26] = {
		"letter-a", "letter-b", "letter-c", "letter-d", "letter-e",
		"letter-f", "letter-g", "letter-h", "letter-i", "letter-j",
		"letter-k", "letter-l", "letter-m", "letter-n", "letter-o",
		"letter-p", "letter-q", "letter-r", "letter-s", "letter-t",
		"letter-u", "letter-v", "letter-w", "letter-x", "letter-y",
		"letter-z"
	};

	return c >= 'A' && c <= 'Z' ? letters[c - 'A'] : NULL;
}

int
voice_call_phrase(const char *number, long window, const char **names,
    size_t *n)
{
	const char *p = number;
	long v = 0;
	size_t k = 0;

	*n = 0;
	if (push("chime", names, &k, VOICE_MAX_FRAGS) != 0 ||
	    push("client", names, &k, VOICE_MAX_FRAGS) != 0)
		return -1;
	for (; *p >= 'A' && *p <= 'Z' && p - number < 2; p++)
		if (push(voice_letter(*p), names, &k, VOICE_MAX_FRAGS) != 0)
			return -1;
	if (p == number || *p == '\0')
		return -1;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || v > VOICE_NUMBER_MAX)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (voice_number(v, VOICE_MASC, names, &k, VOICE_MAX_FRAGS) != 0 ||
	    push("window", names, &k, VOICE_MAX_FRAGS) != 0 ||
	    voice_number(window, VOICE_MASC, names, &k, VOICE_MAX_FRAGS) != 0)
		return -1;
	*n = k;
	return 0;
}

void
voice_test_phrase(const char **names, size_t *n)
{
	names[0] = "chime";
	names[1] = "test";
	*n = 2;
}
