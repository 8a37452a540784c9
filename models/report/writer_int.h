/* Internal to models/report/: the one checked writer and the one number
 * formatter behind every report of the room (plans, fronts, comparisons,
 * simulations), in writer.c.
 *
 * Writes go through an hpi_writer, whose status is sticky: the first failed
 * write sets HP_EIO and every later write is skipped, so a report writes
 * itself whole and checks once at the end (hpi_finish flushes and checks
 * ferror, since a buffered stream reports a full disk only when flushed).
 *
 * Numbers never print as "-0", "-0.00" or "-0.000": a value whose printed
 * digits are all zero prints unsigned.  Non-finite values print as "inf",
 * "-inf", "nan" (null in JSON).  A writer also carries a noise floor: a
 * value below it in magnitude prints as exactly zero.  Plans and simulations
 * use 0 (no floor: their figures are printed as the solver gave them);
 * fronts and comparisons, made of many solves, use HPI_NOISE. */
#ifndef HP_WRITER_INT_H
#define HP_WRITER_INT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "../../solver/status.h"

/** The noise floor of fronts and comparisons. */
#define HPI_NOISE 5e-13

typedef struct hpi_writer {
    FILE *f;      /**< borrowed: the caller's stream */
    hp_status st; /**< HP_OK until a write fails */
    double zero;  /**< noise floor: |v| < zero prints as 0 */
} hpi_writer;

/** A writer on f (borrowed) with the given noise floor. */
void hpi_writer_init(hpi_writer *w, FILE *f, double zero);

/** printf to w->f; sets w->st = HP_EIO on failure, no-op once failed. */
void hpi_printf(hpi_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** fputs to w->f, same rules. */
void hpi_puts(hpi_writer *w, const char *s);
/** v with dec decimals, right-aligned in width columns (left-aligned when
 *  width < 0, as printf's "%-*s"), after the writer's noise floor. */
void hpi_num(hpi_writer *w, int width, int dec, double v);
/** v as "%.10g" (CSV), after the writer's noise floor. */
void hpi_num_g(hpi_writer *w, double v);
/** The JSON document root (not consumed) with two-space indentation, keys
 *  in insertion order and 15 significant digits, then a newline. */
void hpi_json(hpi_writer *w, const json_t *root);
/** Flushes and checks ferror; returns w->st.  Does not close w->f. */
hp_status hpi_finish(hpi_writer *w);

/** 0.0 for -0.0 (and any zero), v otherwise. */
double hpi_nz(double v);
/** v with dec decimals ("%.*f") into buf, never "-0.00". */
void hpi_fixed(char *buf, size_t len, double v, int dec);
/** Same with thousands separators: 1234567.5 -> "1,234,567.50" (dec 2). */
void hpi_grouped(char *buf, size_t len, double v, int dec);
/** "%.10g" into buf, zero normalised. */
void hpi_g10(char *buf, size_t len, double v);

/** A JSON real for v, 0.0 when |v| < zero or v is -0.0; JSON null when v is
 *  not finite.  New reference (NULL when out of memory). */
json_t *hpi_jreal(double v, double zero);
/** Adds key -> v to obj, taking over v (NULL v fails); 1 on success, 0 on
 *  failure. */
int hpi_jput(json_t *obj, const char *key, json_t *v);

/** A JSON string of s with every byte that starts no well-formed UTF-8
 *  sequence replaced by '?' (valid characters are kept), so that a name or id from a Latin-1
 * instance never fails a report (jansson's json_string() returns NULL for it, which read as a
 * failed write).  NULL for NULL s, as json_string().  New reference (NULL when out of memory). */
json_t *hpi_json_string(const char *s);
/* Every JSON writer of the room builds its strings through it. */
#define json_string(s) hpi_json_string(s)

#endif
