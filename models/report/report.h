/* hreeplan model layer: reports of a plan in text, CSV and JSON
 * (../shared/CLI.md fixes the JSON keys). */
#ifndef HP_REPORT_H
#define HP_REPORT_H

#include <stdio.h>

#include "../plan/plan.h"

typedef enum hp_format { HP_FMT_TEXT = 0, HP_FMT_CSV, HP_FMT_JSON } hp_format;
/** Parses "text" | "csv" | "json"; -1 when unknown. */
int hp_format_parse(const char *s);

/** What a report says about where the plan came from. */
typedef struct hp_report_meta {
    const char *file;   /**< instance path as given */
    const char *sha256; /**< hex digest of the instance file, or NULL */
    int timing;         /**< nonzero: include solver seconds (0 gives byte-stable output) */
} hp_report_meta;

/** Writes the plan report.  Returns HP_EIO when a write fails. */
hp_status hp_report_plan(FILE *f, const hp_plan *p, hp_format fmt, const hp_report_meta *meta);

#endif
