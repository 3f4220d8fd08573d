/* sim.c: okno-sim, the serial device simulator (stub). */
#include <stdio.h>

int
main(void)
{
	return 0;
}
