/* hreeplan solver layer: the L-shaped method's check of its inputs
 * (lshaped_int.h): a problem and options the engine can run on, before any
 * GLPK call (GLPK aborts on misuse). */
#include "lshaped_int.h"

#include <math.h>

/* Whether a recourse LP is acceptable: valid, continuous, with columns. */
static int rec_ok(const hp_lp *lp)
{
    char err[128];
    return lp && hp_lp_validate(lp, err, sizeof err) == HP_OK && hp_lp_nints(lp) == 0 &&
           hp_lp_ncols(lp) >= 1;
}

hp_status hpi_ls_validate(const hp_lshaped_problem *pb, const hp_lshaped_opts *o)
{
    int n1, n2, m2;
    char err[128];
    if (!pb || !pb->first || (!pb->second && !pb->blocks) || pb->n_scen < 1 || !pb->prob ||
        !pb->tech_beg || !isfinite(pb->value_lb) || !o || !(o->tolerance >= 0.0) ||
        o->cut_groups < 1 || o->threads < 0 || o->max_iter < 1 || o->drop_after < 0 ||
        !(o->trust_region >= 0.0) || !(o->mip_gap >= 0.0))
        return HP_EINVAL;
    if (pb->blocks && (pb->second || pb->var_beg || pb->tie_obj))
        return HP_EINVAL;
    if (hp_lp_validate(pb->first, err, sizeof err) != HP_OK || (!pb->blocks && !rec_ok(pb->second)))
        return HP_EINVAL;
    n1 = hp_lp_ncols(pb->first);
    if (pb->tech_beg[0] != 0)
        return HP_EINVAL;
    for (int s = 0; s < pb->n_scen; s++) {
        const hp_lp *lp = hpi_ls_rec(pb, s);
        const double *tie = hpi_ls_tie(pb, s);
        if (pb->blocks && !rec_ok(lp))
            return HP_EINVAL;
        m2 = hp_lp_nrows(lp);
        n2 = hp_lp_ncols(lp);
        if (!(pb->prob[s] > 0.0) || !isfinite(pb->prob[s]) || pb->tech_beg[s + 1] < pb->tech_beg[s])
            return HP_EINVAL;
        for (size_t k = pb->tech_beg[s]; k < pb->tech_beg[s + 1]; k++)
            if (pb->tech_row[k] < 0 || pb->tech_row[k] >= m2 || pb->tech_col[k] < 0 ||
                pb->tech_col[k] >= n1 || !isfinite(pb->tech_val[k]))
                return HP_EINVAL;
        for (int j = 0; tie && (pb->blocks || s == 0) && j < n2; j++)
            if (!isfinite(tie[j]))
                return HP_EINVAL;
    }
    n2 = pb->blocks ? 0 : hp_lp_ncols(pb->second);
    m2 = pb->blocks ? 0 : hp_lp_nrows(pb->second);
    if (pb->var_beg) {
        if (pb->var_beg[0] != 0 || !pb->var_row || !pb->var_col || !pb->var_val)
            return HP_EINVAL;
        for (int s = 0; s < pb->n_scen; s++) {
            if (pb->var_beg[s + 1] < pb->var_beg[s])
                return HP_EINVAL;
            for (size_t k = pb->var_beg[s]; k < pb->var_beg[s + 1]; k++)
                if (pb->var_row[k] < HP_LSHAPED_VAR_TIE || pb->var_row[k] >= m2 ||
                    pb->var_col[k] < 0 || pb->var_col[k] >= n2 || !isfinite(pb->var_val[k]) ||
                    (pb->var_row[k] == HP_LSHAPED_VAR_TIE && !pb->tie_obj))
                    return HP_EINVAL;
        }
    }
    return HP_OK;
}
