/* The quarterly re-plan (roll.h). */
#include "roll.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../formulation/model_roll.h"
#include "pipeline_int.h"
#include "plan_read.h"

#define say hpi_pipeline_say

void hp_roll_opts_default(hp_roll_opts *r)
{
    memset(r, 0, sizeof *r);
    r->freeze = 1;
}

void hp_roll_reasons_str(unsigned reasons, char *buf, size_t len)
{
    static const char *const words[] = {"demand",  "price",   "capacity",
                                        "actuals", "horizon", "other data"};
    size_t at = 0;
    buf[0] = '\0';
    for (int b = 0; b < 6; b++)
        if (reasons & (1u << b)) {
            int k = snprintf(buf + at, len - at, "%s%s", at ? ", " : "", words[b]);
            if (k < 0 || (size_t)k >= len - at)
                return;
            at += (size_t)k;
        }
}

void hp_roll_free(hp_roll *r)
{
    if (!r)
        return;
    hp_plan_free(r->plan);
    free(r->fixed);
    free(r->changes);
    free(r->transit);
    free(r->stock_planned);
    free(r->stock_actual);
    free(r);
}

static int differs(double a, double b)
{
    return fabs(a - b) > 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* Shipments in transit at the new start: the previous plan's shipped
 * orders (times the actual events of their ship quarter), replaced or
 * completed by the actuals' entries; added to the instance's in_transit. */
static hp_status apply_transit(hp_instance *in, const hp_prev_plan *pp, const hp_actuals *a,
                               hp_roll *r)
{
    int cap = pp->n_past + (a ? a->n_transit : 0);
    r->transit = calloc((size_t)(cap ? cap : 1), sizeof *r->transit);
    if (!r->transit)
        return HP_ENOMEM;
    for (int k = 0; k < pp->n_past; k++) {
        const hp_prev_order *po = &pp->past[k];
        hp_roll_transit *tr = NULL;
        if (po->arrive < 0 || po->arrive >= in->T)
            continue; /* arrived already (in the stock) or after the horizon */
        for (int i = 0; i < r->n_transit; i++)
            if (r->transit[i].supplier == po->supplier && r->transit[i].product == po->product &&
                r->transit[i].arrive == po->arrive)
                tr = &r->transit[i];
        if (!tr) {
            tr = &r->transit[r->n_transit++];
            tr->supplier = po->supplier;
            tr->product = po->product;
            tr->arrive = po->arrive;
        }
        tr->planned += po->quantity;
        tr->actual += po->quantity * hp_actuals_factor(a, in, po->supplier, po->ship);
    }
    for (int k = 0; a && k < a->n_transit; k++) {
        const hp_actual_transit *at = &a->transit[k];
        hp_roll_transit *tr = NULL;
        for (int i = 0; i < r->n_transit; i++)
            if (r->transit[i].supplier == at->supplier && r->transit[i].product == at->product &&
                r->transit[i].arrive == at->arrive)
                tr = &r->transit[i];
        if (!tr) {
            tr = &r->transit[r->n_transit++];
            tr->supplier = at->supplier;
            tr->product = at->product;
            tr->arrive = at->arrive;
        }
        tr->actual = at->quantity;
    }
    for (int i = 0; i < r->n_transit; i++)
        in->products[r->transit[i].product].in_transit[r->transit[i].arrive] +=
            r->transit[i].actual;
    return HP_OK;
}

static hp_status apply_stock(hp_instance *in, const hp_prev_plan *pp, const hp_actuals *a,
                             hp_roll *r)
{
    size_t P = (size_t)in->n_products;
    r->stock_planned = malloc(P * sizeof *r->stock_planned);
    r->stock_actual = malloc(P * sizeof *r->stock_actual);
    if (!r->stock_planned || !r->stock_actual)
        return HP_ENOMEM;
    for (size_t p = 0; p < P; p++) {
        if (a && !isnan(a->stock[p]))
            in->products[p].initial_inventory = a->stock[p];
        r->stock_planned[p] = pp->stock[p];
        r->stock_actual[p] = in->products[p].initial_inventory;
    }
    return HP_OK;
}

/* Reason bits of product p that do not depend on the order. */
static unsigned product_reasons(const hp_instance *in, const hp_prev_plan *pp, const hp_roll *r,
                                int p)
{
    size_t P = (size_t)in->n_products, T = (size_t)in->T;
    unsigned w = 0;
    for (size_t t = 0; t < T; t++) {
        double d = pp->demand[(size_t)p * T + t];
        if (!isnan(d) && differs(d, in->products[p].demand[t]))
            w |= HP_WHY_DEMAND;
    }
    for (int j = 0; j < in->n_suppliers; j++) {
        const hp_offer *of = hp_offer_find(in, j, p);
        for (size_t t = 0; of && t < T; t++) {
            double c = pp->price[((size_t)j * P + (size_t)p) * T + t];
            if (!isnan(c) && differs(c, of->price[t]))
                w |= HP_WHY_PRICE;
        }
    }
    if (!isnan(r->stock_planned[p]) && fabs(r->stock_planned[p] - r->stock_actual[p]) > 1e-6)
        w |= HP_WHY_ACTUALS;
    for (int i = 0; i < r->n_transit; i++)
        if (r->transit[i].product == p && fabs(r->transit[i].planned - r->transit[i].actual) > 1e-6)
            w |= HP_WHY_ACTUALS;
    return w;
}

/* The frozen and the changed orders, with their reasons. */
static hp_status list_orders(const hp_model *m, const hp_prev_plan *pp, const hp_actuals *a,
                             const unsigned char *fixed, const double *x, hp_roll *r)
{
    const hp_instance *in = m->inst;
    size_t P = (size_t)in->n_products, T = (size_t)in->T, n = (size_t)in->n_suppliers * P * T;
    r->fixed = calloc(n ? n : 1, sizeof *r->fixed);
    r->changes = calloc(n ? n : 1, sizeof *r->changes);
    if (!r->fixed || !r->changes)
        return HP_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        int j = (int)(k / (P * T)), p = (int)(k / T % P), t = (int)(k % T);
        double after = m->x[k] >= 0 ? x[m->x[k]] : 0.0, before = pp->x[k];
        hp_roll_change c = {j, p, t, before, after, 0};
        if (fixed[k]) {
            if (before > HP_ORDER_TOL)
                r->fixed[r->n_fixed++] = c;
            continue;
        }
        if (fabs(after - before) <= HP_ORDER_TOL)
            continue;
        if (t + in->suppliers[j].lead_time > pp->end) {
            /* it arrives after the previous plan's last quarter: that plan
             * could not order it */
            c.reasons = HP_WHY_HORIZON;
            r->changes[r->n_changes++] = c;
            continue;
        }
        c.reasons = product_reasons(in, pp, r, p);
        if (before > hp_offer_find(in, j, p)->capacity[t] + 1e-6)
            c.reasons |= HP_WHY_CAPACITY;
        for (int e = 0; a && e < a->n_events; e++)
            if (a->events[e].supplier == j ||
                (a->events[e].supplier < 0 &&
                 a->events[e].region_idx == in->suppliers[j].region_idx))
                c.reasons |= HP_WHY_ACTUALS;
        if (!c.reasons)
            c.reasons = in->T - 1 > pp->end ? HP_WHY_HORIZON : HP_WHY_OTHER;
        r->changes[r->n_changes++] = c;
    }
    return HP_OK;
}

/* Fixed orders above the new capacity: no plan can keep them. */
static hp_outcome check_fixed(const hp_instance *in, const hp_prev_plan *pp,
                              const unsigned char *fixed, const hp_plan_opts *o)
{
    size_t P = (size_t)in->n_products, T = (size_t)in->T, n = (size_t)in->n_suppliers * P * T;
    for (size_t k = 0; k < n; k++) {
        int j = (int)(k / (P * T)), p = (int)(k / T % P), t = (int)(k % T);
        const hp_offer *of;
        char q[16];
        if (!fixed[k] || pp->x[k] <= 0.0)
            continue;
        of = hp_offer_find(in, j, p);
        if (pp->x[k] <= of->capacity[t] + 1e-6 * fmax(1.0, of->capacity[t]))
            continue;
        hp_quarter_label(in, t, q, sizeof q);
        say(o,
            "%s:%d: the frozen order of %.6g t %s from %s in %s exceeds the capacity of %.6g t "
            "now: no plan can keep it (lower --freeze, or give the cut as an event in "
            "--actuals)",
            in->file, of->line, pp->x[k], in->products[p].id, in->suppliers[j].id, q,
            of->capacity[t]);
        return HP_OUTCOME_INFEASIBLE;
    }
    return HP_OUTCOME_OK;
}

/* Solves the re-plan model: least ROLL, ties by least CHANGE. */
static hp_outcome solve(hp_model *m, const hp_model_roll *mr, const hp_plan_opts *o,
                        const hp_backend_ops *ops, hp_plan **plan, double **xout)
{
    const hp_instance *in = m->inst;
    hp_solver s;
    hp_solve_opts so;
    hp_solve_result res;
    double *x = NULL, *y = NULL;
    char err[256] = "";
    hp_status st;
    hp_outcome oc = HP_OUTCOME_OK;
    int opened = 0, kept = -1;

    memset(&s, 0, sizeof s);
    st = hp_solver_open(&s, ops, m->lp, err, sizeof err);
    if (st != HP_OK) {
        say(o, "%s: the model was refused: %s", in->file, err[0] ? err : hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    opened = 1;
    hp_solve_opts_default(&so);
    so.time_limit = o->time_limit;
    so.mip_gap = o->mip_gap;
    so.interrupt = o->interrupt;
    x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
    y = malloc((size_t)(hp_lp_nrows(m->lp) + 1) * sizeof *y);
    if (!x || !y) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    st = hp_solve_lex_ties(&s, mr->roll_col, mr->change_col, &so, &res, x, m->is_mip ? NULL : y,
                           &kept);
    if (hpi_interrupted(o)) {
        say(o, "%s: interrupted; no plan", in->file);
        oc = HP_OUTCOME_INTERRUPTED;
        goto cleanup;
    }
    if (st != HP_OK)
        goto cleanup;
    if (res.status == HP_SOL_INFEASIBLE) {
        hpi_report_infeasible(m, ops, o);
        say(o,
            "%s: with the previous plan's frozen orders and the stock and shipments in "
            "transit, no plan exists (try a smaller --freeze)",
            in->file);
        oc = HP_OUTCOME_INFEASIBLE;
        goto cleanup;
    }
    if (!res.has_solution || res.status == HP_SOL_FAILED) {
        say(o, "%s: the solver stopped (%s) without a feasible plan", in->file,
            hp_sol_status_str(res.status));
        oc = HP_OUTCOME_STOPPED;
        goto cleanup;
    }
    if (m->is_mip) {
        free(y);
        y = NULL;
        hpi_polish_mip(&s, m->lp, kept, &so, x);
    }
    HP_CALL(hp_plan_extract(m, x, y, &res, HP_OBJ_COST, plan));
    (*plan)->backend = ops->name;
    (*plan)->backend_version = ops->version();
    *xout = x;
    x = NULL;
cleanup:
    if (st != HP_OK && oc == HP_OUTCOME_OK) {
        say(o, "%s: the re-plan failed: %s", in->file, hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
    }
    if (opened)
        hp_solver_close(&s);
    free(x);
    free(y);
    return oc;
}

hp_outcome hp_roll_solve(hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                         const hp_roll_opts *ro, hp_roll **out)
{
    const hp_backend_ops *ops = hp_backend_find(o->backend ? o->backend : "glpk");
    size_t n = (size_t)inst->n_suppliers * (size_t)inst->n_products * (size_t)inst->T;
    size_t T = (size_t)inst->T;
    hp_prev_plan *pp = NULL;
    hp_model *m = NULL;
    hp_model_roll mr = {-1, -1, -1, -1, NULL, NULL};
    unsigned char *fixed = NULL;
    double *x = NULL;
    hp_roll *r = NULL;
    hp_status st = HP_OK;
    hp_outcome oc;

    *out = NULL;
    if (!ops) {
        say(o, "hreeplan: backend '%s' is not built", o->backend);
        return HP_OUTCOME_INVALID;
    }
    oc = hp_plan_check_memory(inst, o);
    if (oc != HP_OUTCOME_OK)
        return oc;
    oc = hp_plan_read_prev(ro->previous, inst, &pp, o);
    if (oc != HP_OUTCOME_OK)
        goto cleanup;
    r = calloc(1, sizeof *r);
    fixed = calloc(n ? n : 1, 1);
    if (!r || !fixed) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    r->inst = inst;
    r->prev_start = pp->start;
    r->prev_end = pp->end;
    r->freeze = ro->freeze;
    r->change_penalty = ro->change_penalty;
    hp_actuals_apply_events(ro->actuals, inst);
    HP_CALL(apply_transit(inst, pp, ro->actuals, r));
    HP_CALL(apply_stock(inst, pp, ro->actuals, r));
    for (size_t k = 0; k < n; k++)
        fixed[k] = (int)(k % T) < ro->freeze;
    oc = check_fixed(inst, pp, fixed, o);
    if (oc != HP_OUTCOME_OK)
        goto cleanup;
    st = hp_model_build(inst, mo, &m);
    if (st == HP_OK)
        st = hp_model_roll_add(m, pp->x, fixed, ro->change_penalty, &mr);
    if (st != HP_OK) {
        say(o, "%s: building the model failed: %s", inst->file, hp_status_str(st));
        oc = st == HP_EINVAL ? HP_OUTCOME_INVALID : HP_OUTCOME_FAILED;
        st = HP_OK;
        goto cleanup;
    }
    oc = solve(m, &mr, o, ops, &r->plan, &x);
    if (oc != HP_OUTCOME_OK)
        goto cleanup;
    r->change_t = x[mr.change_col];
    r->change_cost = 1000.0 * ro->change_penalty * r->change_t;
    HP_CALL(list_orders(m, pp, ro->actuals, fixed, x, r));
    *out = r;
    r = NULL;
cleanup:
    if (st != HP_OK) {
        say(o, "%s: the re-plan failed: %s", inst->file, hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
    }
    hp_roll_free(r);
    hp_model_roll_free(&mr);
    hp_model_free(m);
    hp_prev_plan_free(pp);
    free(fixed);
    free(x);
    return oc;
}
