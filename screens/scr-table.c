/* scr-table.c: the one table of screens.  A new screen is a module
 * scr-NAME.c with a struct screen NAME_screen and a line here. */
#include "ui-int.h"

const struct screen *const scr_table[SCR_COUNT] = {
	[SCR_LOGIN] = &login_screen,
	[SCR_CONSOLE] = &console_screen,
	[SCR_KIOSK] = &kiosk_screen,
	[SCR_HALL] = &hall_screen,
	[SCR_INTAKE] = &intake_screen,
	[SCR_APPEALS] = &appeals_screen,
	[SCR_CARD] = &card_screen,
	[SCR_REPORTS] = &reports_screen,
	[SCR_CHECKLIST] = &checklist_screen,
	[SCR_QUEUE] = &queue_screen,
	[SCR_BOOKING] = &booking_screen,
};
