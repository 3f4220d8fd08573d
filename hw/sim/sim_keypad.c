/* sim_keypad.c: the simulated rating keypad ("digits" protocol, see
 * hw/keypad.h): it prints the questions the host asks and answers them
 * with the keys given by --keys, one key per question, or sends whatever
 * is typed on its standard input as it comes.
 *
 * Output, one event a line:
 *   ? 2        the host asks question 2
 *   > 5        the keypad sends key 5
 *   # end      the host ended the survey
 *   # ignored 0x1b   a byte the protocol does not know
 */
#include <stdio.h>
#include <string.h>

#include "sim.h"

/* Sends one key and says so. */
void
sim_keypad_send(struct sim *s, unsigned char key)
{
	sim_reply(s, &key, 1);
	if (key >= 0x21 && key < 0x7f)
		sim_emit(s, "> %c", key);
	else
		sim_emit(s, "> 0x%02x", key);
}

/* A question arrived: answer it from --keys, if any key is left. */
static void
answer(struct sim *s)
{
	if (s->keys == NULL || s->keys[s->nkeys] == '\0')
		return;
	sim_keypad_send(s, (unsigned char)s->keys[s->nkeys++]);
}

void
sim_keypad_feed(struct sim *s)
{
	size_t i = 0, end;
	unsigned char *p = s->in.p;

	while (i < s->in.len) {
		if (p[i] != '?' && p[i] != '!') {
			sim_emit(s, "# ignored 0x%02x", p[i]);
			i++;
			continue;
		}
		/* A command runs to its CR; wait for the rest of it. */
		for (end = i + 1; end < s->in.len && p[end] != '\r'; end++)
			;
		if (end == s->in.len) {
			if (end - i > 8) {	/* no CR in sight: noise */
				sim_emit(s, "# ignored 0x%02x", p[i]);
				i++;
				continue;
			}
			break;
		}
		if (p[i] == '!')
			sim_emit(s, "# end");
		else {
			sim_emit(s, "? %.*s", (int)(end - i - 1), p + i + 1);
			answer(s);
		}
		i = end + 1;
	}
	sim_consume(s, i);
}

void
sim_keypad_idle(struct sim *s)
{
	(void)s;
}
