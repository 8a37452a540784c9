/* Words and figures of a plan that several reports print (see
 * report_internal.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

void hpi_quarter(const hp_instance *in, int t, char *buf, size_t len)
{
    hp_quarter_label(in, t, buf, len);
}

const char *hpi_supplier_region(const hp_instance *in, int j)
{
    int r;
    if (j < 0 || j >= in->n_suppliers)
        return "";
    r = in->suppliers[j].region_idx;
    if (r >= 0 && r < in->n_regions && in->regions[r])
        return in->regions[r];
    return in->suppliers[j].region ? in->suppliers[j].region : "";
}

void hpi_objective_words(const hp_plan *p, char *buf, size_t len)
{
    if (p->bound_kind == HP_BOUND_BUDGET)
        snprintf(buf, len, "least %s with expected spend <= USD %.6g m", hp_measure_str(p->measure),
                 p->bound / 1e6);
    else if (p->bound_kind == HP_BOUND_MAX_RISK)
        snprintf(buf, len, "least expected spend with %s <= %.6g", hp_measure_str(p->measure),
                 p->bound);
    else if (p->objective == HP_OBJ_COST)
        snprintf(buf, len, "cost-minimal");
    else if (p->measure == HP_MEASURE_CVAR)
        snprintf(buf, len, "risk-minimal by cvar (alpha %.2f)", p->alpha);
    else
        snprintf(buf, len, "risk-minimal by %s", hp_measure_str(p->measure));
}

double hpi_unmet_of(const hp_plan *p, int k)
{
    double s = 0.0;
    int i;
    for (i = 0; i < p->n_balance; i++)
        if (p->balance[i].product == k)
            s += p->balance[i].unmet;
    return s;
}

int hpi_region_find(const hp_instance *in, const char *code)
{
    int r;
    for (r = 0; r < in->n_regions; r++)
        if (in->regions[r] && strcmp(in->regions[r], code) == 0)
            return r;
    return -1;
}

/* one end of a range, "4" or "4.25" (t) */
static void range_end(char *buf, size_t len, double v)
{
    hpi_grouped(buf, len, v, fabs(v - round(v)) < 5e-7 ? 0 : 2);
}

void hpi_range_words(char *buf, size_t len, const hp_dual *d)
{
    /* capacity and quota read "for a quota between 4 and 9 t", share and
     * balance "for between -2 and 3 t above the share cap" */
    static const char *const what[] = {"capacity", "quota", "above the share cap",
                                       "arriving from shipments already in transit"};
    char lo[48], hi[48];
    int k = d->kind <= HP_DUAL_BALANCE ? (int)d->kind : 0, noun = k < 2;
    const char *w = what[k];
    buf[0] = '\0';
    if (!d->has_range)
        return;
    range_end(lo, sizeof lo, d->range_lo);
    range_end(hi, sizeof hi, d->range_hi);
    if (isfinite(d->range_lo) && isfinite(d->range_hi))
        snprintf(buf, len, noun ? " for a %s between %s and %s t" : " for between %s and %s t %s",
                 noun ? w : lo, noun ? lo : hi, noun ? hi : w);
    else if (isfinite(d->range_lo))
        snprintf(buf, len, noun ? " for a %s of at least %s t" : " for at least %s t %s",
                 noun ? w : lo, noun ? lo : w);
    else if (isfinite(d->range_hi))
        snprintf(buf, len, noun ? " for a %s of at most %s t" : " for at most %s t %s",
                 noun ? w : hi, noun ? hi : w);
    else
        snprintf(buf, len, noun ? " for a %s of any size" : " whatever the t %s", w);
}
