/* hreeplan: the sourcing model split into stages for the L-shaped method
 * (see models/decompose.h for the scheme).
 *
 * Why the recourse is complete except for storage.  Given any first-stage
 * plan x >= 0 and any scenario, the recourse of MODEL.md constraints 1, 7
 * and 8 has a solution when no storage limit binds: walk the quarters in
 * order with y = 0, v = max(0, SS - I) and u[t] = max(0, d[t] - I[t-1] -
 * R[t] - arrivals[t]) <= d[t], which keeps I[t] >= 0; the safety-stock row
 * always has its slack v, the CVaR row its xi.  The one thing the recourse
 * cannot do is throw stock away: with I <= Imax, a plan whose arrivals
 * (plus stock and transit) exceed demand plus Imax in some scenario has no
 * recourse.  Those plans are cut off by feasibility cuts from the elastic
 * recourse (solver/lshaped_sub.c); when no plan at all fits (stock already
 * on hand or in transit above the limit), the master becomes infeasible and
 * the instance is reported as admitting no plan.  With a risk bound, a
 * scenario's budget b_s below its least possible shortage is the other
 * source of infeasible recourse, handled by the same cuts. */
#include "decompose_int.h"
#include "model_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest possible criticality-weighted shortage of a scenario: an upper
 * bound for eta and for the risk budgets. */
static double z_max(const hp_instance *in)
{
    double z = 0.0;
    for (int p = 0; p < in->n_products; p++)
        for (int t = 0; t < in->T; t++)
            z += in->products[p].criticality * in->products[p].demand[t];
    return z;
}

void hpi_dc_free(hpi_dc *d)
{
    if (!d)
        return;
    hp_model_free(d->m);
    free(d->abar);
    free(d->one_products);
    free(d->one_pf);
    free(d->f_of);
    free(d->r_of);
    free(d->fr_of);
    free(d->rr_of);
    hp_lp_free(d->first);
    hp_lp_free(d->second);
    free(d->tie);
    free(d->beg);
    free(d->trow);
    free(d->tcol);
    free(d->tval);
    free(d->prob);
    free(d->vbeg);
    free(d->vrow);
    free(d->vcol);
    free(d->vval);
    memset(d, 0, sizeof *d);
}

/* The one-scenario model at the mean availability abar. */
static hp_status build_one(hpi_dc *d)
{
    const hp_instance *in = d->in;
    hp_model_opts mo = {d->measure, d->alpha, HP_INFO_TWO_STAGE, 0, 0};
    size_t JT = (size_t)in->n_suppliers * (size_t)in->T;

    d->abar = malloc((JT ? JT : 1) * sizeof *d->abar);
    if (!d->abar)
        return HP_ENOMEM;
    for (int j = 0; j < in->n_suppliers; j++)
        for (int t = 0; t < in->T; t++)
            d->abar[(size_t)j * (size_t)in->T + (size_t)t] = hp_avail_mean(in, j, t);
    d->one = *in;
    d->one_sc.name = (char *)"mean";
    d->one_sc.probability = 1.0;
    d->one_sc.n_events = 0;
    d->one_sc.events = NULL;
    d->one.n_scenarios = 1;
    d->one.scenarios = &d->one_sc;
    d->one.avail = d->abar;
    d->one.spot_factor = NULL;
    d->one.price_factor = NULL;
    if (in->price_factor) {
        /* the one-model pays 1000 c abar pf x: pf = paid_mean / abar */
        d->one_pf = malloc((JT ? JT : 1) * sizeof *d->one_pf);
        if (!d->one_pf)
            return HP_ENOMEM;
        for (int j = 0; j < in->n_suppliers; j++)
            for (int t = 0; t < in->T; t++) {
                size_t k = (size_t)j * (size_t)in->T + (size_t)t;
                d->one_pf[k] = d->abar[k] > 0.0 ? hp_paid_mean(in, j, t) / d->abar[k] : 1.0;
            }
        d->one.price_factor = d->one_pf;
    }
    for (int p = 0; p < in->n_products; p++)
        if (in->products[p].has_reserve && !d->one_products) {
            /* every release a column: whether it may be used is scenario
             * data, set through the rows ropen (build_second) */
            d->one_products = malloc((size_t)in->n_products * sizeof *d->one_products);
            if (!d->one_products)
                return HP_ENOMEM;
            memcpy(d->one_products, in->products, (size_t)in->n_products * sizeof *in->products);
            for (int q = 0; q < in->n_products; q++)
                d->one_products[q].reserve_below = 2.0;
            d->one.products = d->one_products;
        }
    return hp_model_build(&d->one, &mo, &d->m);
}

/* Column classes of the one-model. */
enum {
    C_FIRST = HPI_DC_C_FIRST,
    C_REC = HPI_DC_C_REC,
    C_XI = HPI_DC_C_XI,
    C_ETA = HPI_DC_C_ETA,
    C_DEF = HPI_DC_C_DEF
};

static hp_status classify(hpi_dc *d, signed char *cls, signed char *row_rec, signed char *row_xi)
{
    const hp_model *m = d->m;
    const hp_instance *in = d->in;
    int nC = hp_lp_ncols(m->lp);
    size_t nnz = hp_lp_nnz(m->lp);
    const int *ri = hp_lp_coef_rows(m->lp), *cj = hp_lp_coef_cols(m->lp);

    for (int c = 0; c < nC; c++)
        cls[c] = C_FIRST;
    for (int p = 0; p < in->n_products; p++)
        for (int t = 0; t < in->T; t++) {
            size_t i = (size_t)p * (size_t)in->T + (size_t)t;
            int cols[4] = {m->y[i], m->u[i], m->inv[i], m->v[i]};
            for (int k = 0; k < 4; k++)
                if (cols[k] >= 0)
                    cls[cols[k]] = C_REC;
        }
    if (m->xi && m->xi[0] >= 0)
        cls[m->xi[0]] = C_XI;
    for (int p = 0; p < in->n_products; p++) {
        if (m->term_e[p] >= 0)
            cls[m->term_e[p]] = C_REC;
        for (int t = 0; t < in->T; t++)
            if (m->res_r[(size_t)p * (size_t)in->T + (size_t)t] >= 0)
                cls[m->res_r[(size_t)p * (size_t)in->T + (size_t)t]] = C_REC;
    }
    for (size_t i = 0; i < (size_t)in->n_suppliers * (size_t)in->n_products * (size_t)in->T; i++)
        if (m->top_k[i] >= 0)
            cls[m->top_k[i]] = C_REC;
    if (m->eta_col >= 0)
        cls[m->eta_col] = C_ETA;
    cls[m->cost_col] = C_DEF;
    cls[m->risk_col] = C_DEF;
    cls[m->spend_col] = C_DEF;
    cls[m->penalty_col] = C_DEF;
    for (size_t k = 0; k < nnz; k++) {
        if (cls[cj[k]] == C_REC)
            row_rec[ri[k]] = 1;
        if (cls[cj[k]] == C_XI)
            row_xi[ri[k]] = 1;
    }
    /* the definition rows belong to neither stage: they become objectives */
    row_rec[m->cost_row] = row_xi[m->cost_row] = 0;
    row_rec[m->risk_row] = row_xi[m->risk_row] = 0;
    row_rec[m->spend_row] = row_xi[m->spend_row] = 0;
    row_rec[m->penalty_row] = row_xi[m->penalty_row] = 0;
    return HP_OK;
}

/* Objective coefficient of one-model column c in a definition row
 * (COST - sum coef * col = 0: the coefficient is -coef). */
static void read_def(const hp_lp *lp, int row, double *coef_of_col)
{
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    for (size_t k = 0; k < nnz; k++)
        if (ri[k] == row)
            coef_of_col[cj[k]] -= cv[k];
}

static hp_status add_col(hp_lp *lp, const char *name, double lb, double ub, double obj, int is_int,
                         int *out)
{
    int c = hp_lp_add_col(lp, name, lb, ub, obj, is_int);
    if (c < 0)
        return HP_ENOMEM;
    if (out)
        *out = c;
    return HP_OK;
}

static hp_status add_row(hp_lp *lp, const char *name, double lb, double ub, int *out)
{
    int r = hp_lp_add_row(lp, name, lb, ub);
    if (r < 0)
        return HP_ENOMEM;
    *out = r;
    return HP_OK;
}

/* Whether the spec bounds the risk measure (never while minimising it). */
static int risk_bounded(const hpi_dc *d)
{
    return d->spec.obj != HPI_DC_RISK && isfinite(d->spec.risk_bound);
}

/* First stage: the one-model's first-stage columns and rows, eta and the
 * risk budgets as the spec needs them, the risk bound row, the spend
 * budgets and bound (decompose_stage.c). */
static hp_status build_first(hpi_dc *d, const signed char *cls, const signed char *row_rec,
                             const signed char *row_xi, const double *obj, const double *risk,
                             const double *spend)
{
    hp_status st = HP_OK;
    const hp_lp *lp = d->m->lp;
    const hp_instance *in = d->in;
    int nC = hp_lp_ncols(lp), nR = hp_lp_nrows(lp), S = in->n_scenarios;
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    int minrisk = d->spec.obj == HPI_DC_RISK;
    int use_eta = d->measure == HP_MEASURE_CVAR && (minrisk || risk_bounded(d));
    int budgets = risk_bounded(d) && d->measure != HP_MEASURE_EXPOSURE;
    double zmax = z_max(in), bound = d->spec.risk_bound;
    char name[48];

    for (int c = 0; c < nC; c++) {
        if (cls[c] == C_FIRST)
            HP_CALL(add_col(d->first, hp_lp_col_name(lp, c), hp_lp_col_lb(lp, c),
                            hp_lp_col_ub(lp, c), obj[c], hp_lp_col_is_int(lp, c), &d->f_of[c]));
        else if (cls[c] == C_ETA && use_eta)
            /* VaR of a shortage lies in [0, zmax] */
            HP_CALL(add_col(d->first, "eta", 0.0, zmax, minrisk ? risk[c] : 0.0, 0, &d->f_of[c]));
    }
    d->eta = d->m->eta_col >= 0 ? d->f_of[d->m->eta_col] : -1;
    if (d->one_products)
        HP_CALL(add_col(d->first, "one", 1.0, 1.0, 0.0, 0, &d->one_col));
    if (budgets)
        for (int s = 0; s < S; s++) {
            snprintf(name, sizeof name, "b[%d]", s + 1);
            HP_CALL(add_col(d->first, name, 0.0, zmax, 0.0, 0, s == 0 ? &d->b0 : NULL));
        }
    for (int r = 0; r < nR; r++)
        if (!row_rec[r] && !row_xi[r] && r != d->m->cost_row && r != d->m->risk_row &&
            r != d->m->spend_row && r != d->m->penalty_row)
            HP_CALL(add_row(d->first, hp_lp_row_name(lp, r), hp_lp_row_lb(lp, r),
                            hp_lp_row_ub(lp, r), &d->fr_of[r]));
    for (size_t k = 0; k < nnz; k++)
        if (d->fr_of[ri[k]] >= 0) {
            if (d->f_of[cj[k]] < 0)
                return HP_EINTERNAL;
            HP_CALL(hp_lp_add_coef(d->first, d->fr_of[ri[k]], d->f_of[cj[k]], cv[k]));
        }
    if (risk_bounded(d)) {
        HP_CALL(add_row(d->first, "risk_bound", -HUGE_VAL, bound, &d->bound_row));
        if (d->measure == HP_MEASURE_EXPOSURE) {
            for (int c = 0; c < nC; c++)
                if (d->f_of[c] >= 0 && risk[c] != 0.0)
                    HP_CALL(hp_lp_add_coef(d->first, d->bound_row, d->f_of[c], risk[c]));
        } else {
            double w = d->measure == HP_MEASURE_CVAR ? 1.0 / (1.0 - d->alpha) : 1.0;
            if (d->eta >= 0)
                HP_CALL(hp_lp_add_coef(d->first, d->bound_row, d->eta, 1.0));
            for (int s = 0; s < S; s++)
                HP_CALL(hp_lp_add_coef(d->first, d->bound_row, d->b0 + s,
                                       w * in->scenarios[s].probability));
        }
    }
    if (isfinite(d->spec.spend_bound))
        HP_CALL(hpi_dc_spend_first(d, spend));
cleanup:
    return st;
}

/* Recourse template: the one-model's recourse columns and rows (xi and the
 * CVaR row when minimising CVaR), the budget row under a risk bound; the
 * technology template from the first-stage entries of those rows. */
static hp_status build_second(hpi_dc *d, const signed char *cls, const signed char *row_rec,
                              const signed char *row_xi, const double *obj, const double *spend,
                              int *tn, int *trow, int *tcol, double *tval, int *tjt)
{
    hp_status st = HP_OK;
    const hp_lp *lp = d->m->lp;
    const hp_model *m = d->m;
    const hp_instance *in = d->in;
    int nC = hp_lp_ncols(lp), nR = hp_lp_nrows(lp), T = in->T;
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    int use_xi = d->spec.obj == HPI_DC_RISK && d->measure == HP_MEASURE_CVAR;
    int *x_jt = NULL;
    signed char *is_bal = NULL;

    for (int c = 0; c < nC; c++)
        if (cls[c] == C_REC || (cls[c] == C_XI && use_xi))
            HP_CALL(add_col(d->second, hp_lp_col_name(lp, c), hp_lp_col_lb(lp, c),
                            hp_lp_col_ub(lp, c), obj[c], 0, &d->r_of[c]));
    for (int r = 0; r < nR; r++)
        if ((row_rec[r] && !row_xi[r]) || (row_xi[r] && use_xi))
            HP_CALL(add_row(d->second, hp_lp_row_name(lp, r), hp_lp_row_lb(lp, r),
                            hp_lp_row_ub(lp, r), &d->rr_of[r]));
    x_jt = hpi_index_map((size_t)nC);
    is_bal = calloc((size_t)nR + 1, 1);
    if (!x_jt || !is_bal) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int j = 0; j < in->n_suppliers; j++)
        for (int p = 0; p < in->n_products; p++)
            for (int t = 0; t < T; t++) {
                int c =
                    m->x[((size_t)j * (size_t)in->n_products + (size_t)p) * (size_t)T + (size_t)t];
                if (c >= 0)
                    x_jt[c] = j * T + t;
            }
    for (int i = 0; i < in->n_products * T; i++)
        if (m->bal_row[i] >= 0)
            is_bal[m->bal_row[i]] = 1;
    *tn = 0;
    for (size_t k = 0; k < nnz; k++) {
        int r = d->rr_of[ri[k]];
        if (r < 0)
            continue;
        if (d->r_of[cj[k]] >= 0) {
            HP_CALL(hp_lp_add_coef(d->second, r, d->r_of[cj[k]], cv[k]));
        } else if (d->f_of[cj[k]] >= 0) {
            trow[*tn] = r;
            tcol[*tn] = d->f_of[cj[k]];
            tval[*tn] = cv[k];
            tjt[*tn] = is_bal[ri[k]] && x_jt[cj[k]] >= 0 ? x_jt[cj[k]] : -1;
            (*tn)++;
        } else {
            st = HP_EINTERNAL; /* a recourse row on a column of no stage */
            goto cleanup;
        }
    }
    /* reserve: r[p,t] - ub one <= 0, the entry of `one` scaled per scenario
     * by whether the reserve is open (build_tech) */
    for (int i = 0; i < in->n_products * T; i++) {
        int c = m->res_r[i], r;
        char name[40];
        if (c < 0 || d->r_of[c] < 0)
            continue;
        snprintf(name, sizeof name, "ropen[%d]", i);
        HP_CALL(add_row(d->second, name, -HUGE_VAL, 0.0, &r));
        HP_CALL(hp_lp_add_coef(d->second, r, d->r_of[c], 1.0));
        trow[*tn] = r;
        tcol[*tn] = d->one_col;
        tval[*tn] = -hp_lp_col_ub(lp, c);
        tjt[*tn] = -2 - i;
        (*tn)++;
    }
    if (risk_bounded(d) && d->measure != HP_MEASURE_EXPOSURE) {
        /* Z_s - b_s (- eta) <= 0, Z_s = sum criticality * u */
        HP_CALL(add_row(d->second, "budget", -HUGE_VAL, 0.0, &d->budget_row));
        for (int i = 0; i < in->n_products * T; i++)
            if (m->u[i] >= 0)
                HP_CALL(hp_lp_add_coef(d->second, d->budget_row, d->r_of[m->u[i]],
                                       in->products[i / T].criticality));
    }
    if (isfinite(d->spec.spend_bound))
        HP_CALL(hpi_dc_spend_second(d, spend));
cleanup:
    free(x_jt);
    free(is_bal);
    return st;
}

hp_status hpi_dc_build(hpi_dc *d, const hp_instance *in, hp_measure measure, double alpha,
                       const hpi_dc_spec *spec)
{
    hp_status st = HP_OK;
    signed char *cls = NULL, *row_rec = NULL, *row_xi = NULL;
    double *cost = NULL, *risk = NULL, *spend = NULL, *obj, *tval = NULL, *rq = NULL;
    int *trow = NULL, *tcol = NULL, *tjt = NULL, tn = 0, nC, nR, n2;
    size_t nnz, avail_one = 0, avail_all = 0;

    memset(d, 0, sizeof *d);
    d->in = in;
    d->measure = measure;
    d->alpha = alpha;
    d->spec = *spec;
    d->eta = d->b0 = d->budget_row = d->bound_row = d->one_col = -1;
    d->sb0 = d->spend_row = d->sbound_row = -1;
    if (spec->obj < HPI_DC_COST || spec->obj > HPI_DC_SPEND || isnan(spec->risk_bound) ||
        isnan(spec->spend_bound) || (spec->obj == HPI_DC_RISK && isfinite(spec->risk_bound)))
        return HP_EINVAL;
    HP_CALL(build_one(d));
    nC = hp_lp_ncols(d->m->lp);
    nR = hp_lp_nrows(d->m->lp);
    nnz = hp_lp_nnz(d->m->lp);
    cls = calloc((size_t)nC, 1);
    row_rec = calloc((size_t)nR, 1);
    row_xi = calloc((size_t)nR, 1);
    cost = calloc((size_t)nC, sizeof *cost);
    risk = calloc((size_t)nC, sizeof *risk);
    spend = calloc((size_t)nC, sizeof *spend);
    /* the template: the one-model's entries and one per reserve release */
    trow = malloc((nnz + (size_t)nC + 1) * sizeof *trow);
    tcol = malloc((nnz + (size_t)nC + 1) * sizeof *tcol);
    tval = malloc((nnz + (size_t)nC + 1) * sizeof *tval);
    tjt = malloc((nnz + (size_t)nC + 1) * sizeof *tjt);
    d->f_of = hpi_index_map((size_t)nC);
    d->r_of = hpi_index_map((size_t)nC);
    d->fr_of = hpi_index_map((size_t)nR);
    d->rr_of = hpi_index_map((size_t)nR);
    d->first = hp_lp_new();
    d->second = hp_lp_new();
    if (!cls || !row_rec || !row_xi || !cost || !risk || !spend || !trow || !tcol || !tval ||
        !tjt || !d->f_of || !d->r_of || !d->fr_of || !d->rr_of || !d->first || !d->second) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    HP_CALL(classify(d, cls, row_rec, row_xi));
    /* COST = SPEND + PENALTY: the expected cost of a column is its
     * coefficient in spend_def plus that in penalty_def */
    read_def(d->m->lp, d->m->spend_row, spend);
    spend[d->m->spend_col] = 0.0;
    memcpy(cost, spend, (size_t)nC * sizeof *cost);
    read_def(d->m->lp, d->m->penalty_row, cost);
    cost[d->m->spend_col] = cost[d->m->penalty_col] = 0.0;
    read_def(d->m->lp, d->m->risk_row, risk);
    obj = spec->obj == HPI_DC_RISK ? risk : spec->obj == HPI_DC_SPEND ? spend : cost;
    HP_CALL(build_first(d, cls, row_rec, row_xi, obj, risk, spend));
    HP_CALL(build_second(d, cls, row_rec, row_xi, obj, spend, &tn, trow, tcol, tval, tjt));
    for (int e = 0; e < tn; e++)
        avail_one += tjt[e] >= 0;
    HP_CALL(hpi_dc_tech(d, tn, trow, tcol, tval, tjt, &avail_all));
    hpi_dc_ext_size(d, cls, row_rec, row_xi, avail_one, avail_all);

    /* ties among the recourse optima: least cost for risk plans, least
     * shortage for the others (cost, spend) */
    n2 = hp_lp_ncols(d->second);
    d->tie = calloc((size_t)n2, sizeof *d->tie);
    rq = calloc((size_t)n2 + 1, sizeof *rq);
    if (!d->tie || !rq) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int c = 0; c < nC; c++)
        if (d->r_of[c] >= 0)
            d->tie[d->r_of[c]] = spec->obj == HPI_DC_RISK ? cost[c] : 0.0;
    if (spec->obj != HPI_DC_RISK)
        for (int i = 0; i < in->n_products * in->T; i++)
            if (d->m->u[i] >= 0)
                d->tie[d->r_of[d->m->u[i]]] = in->products[i / in->T].criticality;

    d->pb.first = d->first;
    d->pb.second = d->second;
    d->pb.n_scen = in->n_scenarios;
    d->pb.prob = d->prob;
    d->pb.tech_beg = d->beg;
    d->pb.tech_row = d->trow;
    d->pb.tech_col = d->tcol;
    d->pb.tech_val = d->tval;
    d->pb.tie_obj = d->tie;
    if (in->spot_factor)
        HP_CALL(hpi_dc_scenario_prices(d, obj, spend));
    /* Q_s >= sum_j min over y_j's bounds of q_j y_j (0 but for a terminal
     * credit: every cost, penalty and risk weight is >= 0, every recourse
     * column >= 0, and a scenario's spot price only scales a cost >= 0) */
    for (int j = 0; j < n2; j++)
        rq[j] = hp_lp_obj(d->second, j);
    d->pb.value_lb = hpi_dc_rec_min(d, rq);
    if (!isfinite(d->pb.value_lb))
        st = HP_EINVAL;
cleanup:
    free(cls);
    free(row_rec);
    free(row_xi);
    free(cost);
    free(risk);
    free(spend);
    free(rq);
    free(trow);
    free(tcol);
    free(tval);
    free(tjt);
    return st;
}
