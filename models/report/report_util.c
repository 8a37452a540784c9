/* Words and figures of a plan that several reports print (see
 * report_internal.h). */
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
