/* hreeplan model layer: helpers shared by the report writers (report.c,
 * report_text.c, report_csv.c, report_json.c).  Not part of the public API.
 *
 * Writes go through hp_out, whose status is sticky: the first failed write
 * sets HP_EIO and every later write is skipped, so a writer can emit a whole
 * report and check once at the end (hp_out_finish flushes and checks ferror). */
#ifndef HP_REPORT_INTERNAL_H
#define HP_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "report.h"

typedef struct hp_out {
    FILE *f;
    hp_status st; /**< HP_OK until a write fails */
} hp_out;

/** printf to o->f; sets o->st = HP_EIO on failure, no-op once failed. */
void hp_out_printf(hp_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** fputs to o->f, same rules. */
void hp_out_puts(hp_out *o, const char *s);
/** Flushes and checks ferror; returns o->st. */
hp_status hp_out_finish(hp_out *o);

/** 0.0 for -0.0 (and any zero), v otherwise. */
double hp_rep_nz(double v);

/** v with `dec` decimals ("%.*f"); never "-0.00": a value that rounds to
 *  zero prints as zero.  Non-finite values print as "inf", "-inf", "nan". */
void hp_rep_fixed(char *buf, size_t len, double v, int dec);

/** Same with thousands separators: 1234567.5 -> "1,234,567.50" (dec 2). */
void hp_rep_grouped(char *buf, size_t len, double v, int dec);

/** "%.10g" with zero normalised (CSV). */
void hp_rep_g10(char *buf, size_t len, double v);

/** Quarter label of offset t ("2026Q3"); buf >= 12 bytes. */
void hp_rep_quarter(const hp_instance *in, int t, char *buf, size_t len);

/** Region code of supplier j, "" when out of range. */
const char *hp_rep_supplier_region(const hp_instance *in, int j);

/** Human wording of an objective: "cost-minimal" or "risk-minimal by cvar". */
void hp_rep_objective(const hp_plan *p, char *buf, size_t len);

/** Sum of the expected unmet demand of product k over the horizon, from the
 *  plan's balance rows. */
double hp_rep_unmet_of(const hp_plan *p, int k);

/** Region index of "CN" in the instance, or -1. */
int hp_rep_region_find(const hp_instance *in, const char *code);

hp_status hp_report_text(hp_out *o, const hp_plan *p, const hp_report_meta *meta);
hp_status hp_report_csv(hp_out *o, const hp_plan *p, const hp_report_meta *meta);
hp_status hp_report_json(hp_out *o, const hp_plan *p, const hp_report_meta *meta);

#endif
