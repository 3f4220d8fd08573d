/* office.h: the office layer: what happens after a change in the
 * database (the board shows the queue, the printer prints tickets and
 * slips, the keypad takes ratings); device faults become device events.
 * It sits between the model (src/) and the drivers (hw/) below it and the
 * user interfaces (screens/, cli/) above it. */
#ifndef OKNO_OFFICE_H
#define OKNO_OFFICE_H

#include "appeal.h"
#include "board.h"
#include "booking.h"
#include "keypad.h"
#include "printer.h"
#include "queue.h"
#include "sound.h"

/*
 * The one hook after a change of the queue, called by every user
 * interface (console, kiosk, command line, demo) once its transaction has
 * committed: brings every device that shows the queue up to date (today
 * the board) and queues the calls to be said (office_announce_calls).  A
 * device fault is OKNO_EIO with the reason for the caller to show as a
 * warning, which names the device ("board: ...", "sound: ..."); the
 * change itself stands.
 */
int	 office_changed(struct ctx *, struct err *);

/*
 * Announcements (announce.c).  After a change: queues the calls and
 * recalls not yet said and starts the one player unless it runs; never
 * waits for the sound.  No sound configured: OKNO_OK.  In quiet hours the
 * calls are queued as quiet, not said.  A card that cannot play (missing,
 * busy with another program) is OKNO_EIO with the reason, recorded as
 * the device "sound"'s event; the calls stand.
 */
int	 office_announce_calls(struct ctx *, struct err *);
/*
 * Says "клиент NUMBER, окно WINDOW" now and returns when it has played,
 * after whatever the player was saying (okno announce); quiet hours do
 * not apply to a person's request.  OKNO_EIO: no sound configured or the
 * card failed; OKNO_EINVAL: the number cannot be said.
 */
int	 office_announce(struct ctx *, const char *number, int window,
	     struct err *);
/*
 * The player (announce.c), run as `okno sound-player LOCKFD DB DEVICE
 * VOICE VOLUME NOW` by the process that starts it, never by a person:
 * plays the spool's announcements while it holds the lock on LOCKFD.
 * main() hands it argv from the command's name on; returns the exit
 * status.
 */
#define OFFICE_PLAYER_COMMAND	"sound-player"
int	 office_sound_player(int argc, char **argv);
/* The same for the test phrase (okno device test sound). */
int	 office_sound_test(struct ctx *, struct err *);
/*
 * Reads fragments names[0..n-1] (NAME.wav) from snd->voice into one
 * sound at snd->volume; OKNO_EIO naming the file that is missing or not
 * a 16-bit PCM WAV file.
 */
int	 office_voice_phrase(const struct config_sound *, const char **names,
	     size_t n, struct sound_pcm *, struct err *);

/* The board state the database holds now: latest calls, window tickets. */
int	 office_board_state(struct ctx *, struct board_state *, struct err *);

/*
 * Shows the database's state on the configured board, reading it under
 * the port's lock.  No board configured: OKNO_OK.  A failure returns
 * OKNO_EIO with the reason; a change of the board's health (failed or
 * back) is recorded once as a device event, not at every retry.
 */
int	 office_board_refresh(struct ctx *, struct err *);

/*
 * Prints ticket t (with its estimate; NULL: none) on the configured
 * printer; a booked client's ticket (t->booked_at) also says the slot
 * time ("Запись на 10:30").  No printer configured: OKNO_OK with
 * r->status PRINTER_ABSENT and r->printed 0.  Any status other than ready is recorded as a device event
 * tied to the ticket; the ticket itself is never affected.
 */
int	 office_print_ticket(struct ctx *, const struct ticket *,
	     const struct estimate *, struct printer_result *, struct err *);

/*
 * Prints appeal a's acknowledgment slip (the client's phone masked by the
 * driver), the same way: no printer configured is OKNO_OK with
 * PRINTER_ABSENT; a status other than ready is a device event tied to the
 * appeal's ticket; the appeal itself is never affected.
 */
int	 office_print_slip(struct ctx *, const struct appeal *,
	     struct printer_result *, struct err *);

/*
 * Asks the client to rate visit `ticket` on the configured keypad, one
 * question per configured criterion (ask and arg: see keypad_survey), and
 * stores the answers in one transaction.  scores (cfg->ncriteria ints)
 * receive 1-5, or 0 for a question skipped or not answered.  A visit that
 * cannot be rated is refused before the client is asked.  Returns OKNO_OK
 * when scores were stored, OKNO_NONE when the client scored nothing,
 * OKNO_EIO when no keypad is configured or it failed (a failure, and the
 * recovery after one, are recorded as the keypad's health), or the rating
 * rules' error.
 */
int	 office_rate_keypad(struct ctx *, int64_t ticket, int *scores,
	     void (*ask)(void *, int), void *arg, struct keypad_result *,
	     struct err *);

/*
 * Bookings on paper (booking-paper.c), printed like the appeal slip (no
 * printer configured: OKNO_OK with PRINTER_ABSENT; a failure is a device
 * event; the booking itself is never affected).  The slip gives the
 * client the service, date and time, code, how to check in and the
 * office's address and phone.  The day's list of y-m-d (list: what
 * booking_list gave) is for the hall: the slot time, the service's
 * letter, the surname with initials and the status; never the code, the
 * phone or the account; cancelled bookings left out.
 */
int	 office_print_booking_slip(struct ctx *, const struct booking *,
	     struct printer_result *, struct err *);
int	 office_print_booking_day(struct ctx *, int y, int m, int d,
	     const struct booking *list, size_t n, struct printer_result *,
	     struct err *);
/* "Иванова Мария Петровна" as "Иванова М. П." (the hall's paper). */
void	 office_booking_short_name(const char *name, char *out, size_t size);

#endif
