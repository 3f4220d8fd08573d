/* schema.h: the numbered schema migrations (PRAGMA user_version). */
#ifndef OKNO_SCHEMA_H
#define OKNO_SCHEMA_H

/*
 * schema_migrations[i] takes a database from version i to i + 1.  Append
 * only: a released step is never edited, a change is a new step.
 */
extern const char *const schema_migrations[];
extern const int schema_nmigrations;

#endif
