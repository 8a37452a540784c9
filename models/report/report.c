/* Plan reports: format names and the dispatch to the writers of
 * report_text.c, report_csv.c and report_json.c, which share the helpers of
 * report_util.c and the checked writer of writer.c. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "report_internal.h"

int hp_format_parse(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "text") == 0)
        return HP_FMT_TEXT;
    if (strcmp(s, "csv") == 0)
        return HP_FMT_CSV;
    if (strcmp(s, "json") == 0)
        return HP_FMT_JSON;
    if (strcmp(s, "html") == 0)
        return HP_FMT_HTML;
    return -1;
}

hp_status hp_report_plan(FILE *f, const hp_plan *p, hp_format fmt, const hp_report_meta *meta)
{
    hpi_writer w;
    hp_report_meta none = {NULL, NULL, 0, NULL};
    hp_status st = HP_OK;
    if (!f || !p || !p->inst) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    if (!meta)
        meta = &none;
    hpi_writer_init(&w, f, 0.0);
    switch (fmt) {
    case HP_FMT_TEXT:
        st = hpi_plan_text(&w, p, meta);
        break;
    case HP_FMT_CSV:
        st = hpi_plan_csv(&w, p, meta);
        break;
    case HP_FMT_JSON:
        st = hpi_plan_json(&w, p, meta);
        break;
    case HP_FMT_HTML:
        st = hpi_plan_html(&w, p, meta);
        break;
    default:
        st = HP_EINTERNAL;
        goto cleanup;
    }
    if (st == HP_OK)
        st = hpi_finish(&w);
    else
        (void)hpi_finish(&w);
cleanup:
    return st;
}
