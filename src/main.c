/* main.c: okno's entry point (stub while the foundation lands). */
#include <locale.h>
#include <stdio.h>

#include "okno.h"

int
main(void)
{
	setlocale(LC_ALL, "");
	puts("okno " OKNO_VERSION);
	return 0;
}
