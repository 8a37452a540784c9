/* Plan reports: format names, dispatch and the helpers the three writers
 * share (checked output, number formatting).  The writers themselves are in
 * report_text.c, report_csv.c and report_json.c. */
#include "report.h"

#include <math.h>
#include <stdarg.h>
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
    return -1;
}

void hp_out_printf(hp_out *o, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (o->st != HP_OK)
        return;
    va_start(ap, fmt);
    n = vfprintf(o->f, fmt, ap);
    va_end(ap);
    if (n < 0 || ferror(o->f))
        o->st = HP_EIO;
}

void hp_out_puts(hp_out *o, const char *s)
{
    if (o->st != HP_OK)
        return;
    if (fputs(s, o->f) == EOF || ferror(o->f))
        o->st = HP_EIO;
}

hp_status hp_out_finish(hp_out *o)
{
    /* Buffered streams report a full disk only when flushed. */
    if (fflush(o->f) != 0 || ferror(o->f))
        o->st = HP_EIO;
    return o->st;
}

double hp_rep_nz(double v)
{
    return v == 0.0 ? 0.0 : v;
}

/* Drops the sign of a printed number whose digits are all zero ("-0.00"). */
static void strip_negative_zero(char *buf)
{
    const char *c;
    if (buf[0] != '-')
        return;
    for (c = buf + 1; *c; c++)
        if (*c != '0' && *c != '.' && *c != ',')
            return;
    memmove(buf, buf + 1, strlen(buf));
}

static int nonfinite(char *buf, size_t len, double v)
{
    if (isnan(v)) {
        snprintf(buf, len, "nan");
        return 1;
    }
    if (isinf(v)) {
        snprintf(buf, len, "%s", v < 0 ? "-inf" : "inf");
        return 1;
    }
    return 0;
}

void hp_rep_fixed(char *buf, size_t len, double v, int dec)
{
    if (nonfinite(buf, len, v))
        return;
    snprintf(buf, len, "%.*f", dec, hp_rep_nz(v));
    strip_negative_zero(buf);
}

void hp_rep_grouped(char *buf, size_t len, double v, int dec)
{
    char raw[64], out[96];
    const char *digits, *dot;
    size_t n_int, i, k = 0;
    if (nonfinite(buf, len, v))
        return;
    snprintf(raw, sizeof raw, "%.*f", dec, hp_rep_nz(v));
    digits = raw[0] == '-' ? raw + 1 : raw;
    dot = strchr(digits, '.');
    n_int = dot ? (size_t)(dot - digits) : strlen(digits);
    if (raw[0] == '-')
        out[k++] = '-';
    for (i = 0; i < n_int && k + 2 < sizeof out; i++) {
        if (i > 0 && (n_int - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    if (dot && k + strlen(dot) < sizeof out)
        memcpy(out + k, dot, strlen(dot) + 1);
    strip_negative_zero(out);
    snprintf(buf, len, "%s", out);
}

void hp_rep_g10(char *buf, size_t len, double v)
{
    if (nonfinite(buf, len, v))
        return;
    snprintf(buf, len, "%.10g", hp_rep_nz(v));
    strip_negative_zero(buf);
}

void hp_rep_quarter(const hp_instance *in, int t, char *buf, size_t len)
{
    hp_quarter_label(in, t, buf, len);
}

const char *hp_rep_supplier_region(const hp_instance *in, int j)
{
    int r;
    if (j < 0 || j >= in->n_suppliers)
        return "";
    r = in->suppliers[j].region_idx;
    if (r >= 0 && r < in->n_regions && in->regions[r])
        return in->regions[r];
    return in->suppliers[j].region ? in->suppliers[j].region : "";
}

void hp_rep_objective(const hp_plan *p, char *buf, size_t len)
{
    if (p->objective == HP_OBJ_COST)
        snprintf(buf, len, "cost-minimal");
    else if (p->measure == HP_MEASURE_CVAR)
        snprintf(buf, len, "risk-minimal by cvar (alpha %.2f)", p->alpha);
    else
        snprintf(buf, len, "risk-minimal by %s", hp_measure_str(p->measure));
}

double hp_rep_unmet_of(const hp_plan *p, int k)
{
    double s = 0.0;
    int i;
    for (i = 0; i < p->n_balance; i++)
        if (p->balance[i].product == k)
            s += p->balance[i].unmet;
    return s;
}

int hp_rep_region_find(const hp_instance *in, const char *code)
{
    int r;
    for (r = 0; r < in->n_regions; r++)
        if (in->regions[r] && strcmp(in->regions[r], code) == 0)
            return r;
    return -1;
}

hp_status hp_report_plan(FILE *f, const hp_plan *p, hp_format fmt, const hp_report_meta *meta)
{
    hp_out o;
    hp_report_meta none = {NULL, NULL, 0};
    hp_status st = HP_OK;
    if (!f || !p || !p->inst) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    if (!meta)
        meta = &none;
    o.f = f;
    o.st = HP_OK;
    switch (fmt) {
    case HP_FMT_TEXT:
        st = hp_report_text(&o, p, meta);
        break;
    case HP_FMT_CSV:
        st = hp_report_csv(&o, p, meta);
        break;
    case HP_FMT_JSON:
        st = hp_report_json(&o, p, meta);
        break;
    default:
        st = HP_EINTERNAL;
        goto cleanup;
    }
    if (st == HP_OK)
        st = hp_out_finish(&o);
    else
        (void)hp_out_finish(&o);
cleanup:
    return st;
}
