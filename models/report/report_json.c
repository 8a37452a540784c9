/* The JSON report of a plan: the keys of ../shared/CLI.md "JSON of plan", in
 * that order, plus a few added keys (orders.expected_quantity,
 * balance.in_transit and .below_safety, duals.scenario, contracts,
 * scenarios).  A key that does not apply (a dual's supplier for a balance
 * row, the sha256 of an instance read from a string, the solve time when the
 * caller asks for byte-stable output) is omitted rather than null.
 *
 * Reals are written with 15 significant digits (JSON_REAL_PRECISION(15)):
 * 0.9 prints as 0.9, not 0.90000000000000002, at a relative cost below
 * 1e-15 for a reader.  -0.0 prints as 0.0; a non-finite value prints null. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

static json_t *jreal(double v)
{
    return hpi_jreal(v, 0.0);
}

/* jansson refuses strings that are not UTF-8; ids from a Latin-1 file then
 * print with '?' for each byte outside ASCII rather than failing the run. */
static json_t *jstr(const char *s)
{
    json_t *j;
    char *copy;
    size_t i;
    if (!s)
        return json_null();
    j = json_string(s);
    if (j)
        return j;
    copy = strdup(s);
    if (!copy)
        return NULL;
    for (i = 0; copy[i]; i++)
        if ((unsigned char)copy[i] >= 0x80)
            copy[i] = '?';
    j = json_string(copy);
    free(copy);
    return j;
}

static json_t *jquarter(const hp_instance *in, int t)
{
    char q[16];
    hpi_quarter(in, t, q, sizeof q);
    return json_string(q);
}

static int valid_idx(int i, int n)
{
    return i >= 0 && i < n;
}

static hp_status add_instance(json_t *root, const hp_plan *p, const hp_report_meta *meta)
{
    const hp_instance *in = p->inst;
    json_t *o = json_object();
    const char *file = meta->file ? meta->file : in->file;
    if (!hpi_jput(root, "instance", o))
        return HP_ENOMEM;
    if (!hpi_jput(o, "name", jstr(in->name ? in->name : "")))
        return HP_ENOMEM;
    if (file && !hpi_jput(o, "file", jstr(file)))
        return HP_ENOMEM;
    if (meta->sha256 && !hpi_jput(o, "sha256", jstr(meta->sha256)))
        return HP_ENOMEM;
    return HP_OK;
}

static hp_status add_head(json_t *root, const hp_plan *p)
{
    json_t *c, *r;
    if (!hpi_jput(root, "objective", json_string(p->objective == HP_OBJ_COST ? "cost" : "risk")) ||
        !hpi_jput(root, "measure", json_string(hp_measure_str(p->measure))) ||
        !hpi_jput(root, "alpha", jreal(p->alpha)) ||
        !hpi_jput(root, "status", json_string(hp_sol_status_str(p->result.status))) ||
        !hpi_jput(
            root, "gap",
            jreal(p->result.is_mip || p->result.status == HP_SOL_GAP_LIMIT ? p->result.gap : 0.0)))
        return HP_ENOMEM;
    /* each object is attached to root before it is filled, so root owns it
     * on every failure path */
    c = json_object();
    if (!hpi_jput(root, "cost", c))
        return HP_ENOMEM;
    if (!hpi_jput(c, "spend", jreal(p->cost_spend)) ||
        !hpi_jput(c, "total", jreal(p->cost_total)) ||
        !hpi_jput(c, "purchase", jreal(p->cost_purchase)) ||
        !hpi_jput(c, "contract", jreal(p->cost_contract)) ||
        !hpi_jput(c, "spot", jreal(p->cost_spot)) ||
        !hpi_jput(c, "holding", jreal(p->cost_holding)) ||
        !hpi_jput(c, "reserve", jreal(p->cost_reserve)) ||
        !hpi_jput(c, "take_or_pay", jreal(p->cost_take_or_pay)) ||
        !hpi_jput(c, "terminal_credit", jreal(p->cost_terminal_credit)) ||
        !hpi_jput(c, "penalty", jreal(p->cost_penalty)) ||
        !hpi_jput(c, "terminal_penalty", jreal(p->penalty_terminal)))
        return HP_ENOMEM;
    /* the bound of a --budget or --max-risk plan */
    if ((p->bound_kind == HP_BOUND_BUDGET && !hpi_jput(root, "budget", jreal(p->bound))) ||
        (p->bound_kind == HP_BOUND_MAX_RISK && !hpi_jput(root, "max_risk", jreal(p->bound))))
        return HP_ENOMEM;
    r = json_object();
    if (!hpi_jput(root, "risk", r))
        return HP_ENOMEM;
    if (!hpi_jput(r, "shortage", jreal(p->shortage)) || !hpi_jput(r, "cvar", jreal(p->cvar)) ||
        !hpi_jput(r, "exposure", jreal(p->exposure)))
        return HP_ENOMEM;
    if (p->has_ref) {
        /* a least-exposure plan beside the expected-cost plan */
        json_t *e = json_object();
        if (!hpi_jput(root, "expected_cost_plan", e) ||
            !hpi_jput(e, "exposure", jreal(p->ref_exposure)) ||
            !hpi_jput(e, "shortage", jreal(p->ref_shortage)) ||
            !hpi_jput(e, "unmet", jreal(p->ref_unmet)) ||
            !hpi_jput(e, "more_shortage",
                      json_boolean(p->shortage > p->ref_shortage + 1e-6 * (1.0 + p->ref_shortage))))
            return HP_ENOMEM;
    }
    return HP_OK;
}

/* Appends a fresh object to arr and returns it (NULL on failure). */
static json_t *push(json_t *arr)
{
    json_t *o = json_object();
    if (!o || json_array_append_new(arr, o) != 0)
        return NULL;
    return o;
}

static hp_status add_regions(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *a = json_array(), *o;
    int r;
    if (!hpi_jput(root, "regions", a))
        return HP_ENOMEM;
    for (r = 0; r < in->n_regions; r++) {
        if (!(o = push(a)) || !hpi_jput(o, "region", jstr(in->regions[r])) ||
            !hpi_jput(o, "quantity", jreal(p->region_qty ? p->region_qty[r] : 0.0)) ||
            !hpi_jput(o, "share", jreal(p->region_share ? p->region_share[r] : 0.0)))
            return HP_ENOMEM;
    }
    return HP_OK;
}

static hp_status add_orders(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *a = json_array(), *o;
    int i;
    if (!hpi_jput(root, "orders", a))
        return HP_ENOMEM;
    for (i = 0; i < p->n_orders; i++) {
        const hp_order *d = &p->orders[i];
        if (!valid_idx(d->supplier, in->n_suppliers) || !valid_idx(d->product, in->n_products))
            return HP_EINTERNAL;
        if (!(o = push(a)) || !hpi_jput(o, "supplier", jstr(in->suppliers[d->supplier].id)) ||
            !hpi_jput(o, "product", jstr(in->products[d->product].id)) ||
            !hpi_jput(o, "ship", jquarter(in, d->ship)) ||
            !hpi_jput(o, "arrive", jquarter(in, d->arrive)) ||
            !hpi_jput(o, "quantity", jreal(d->quantity)) ||
            !hpi_jput(o, "price", jreal(d->price)) ||
            !hpi_jput(o, "expected_cost", jreal(d->expected_cost)) ||
            !hpi_jput(o, "expected_quantity", jreal(d->expected_qty)))
            return HP_ENOMEM;
        /* --adaptive-orders: the node (null: the decision now, in every
         * scenario), its history in words and its probability */
        if (p->adaptive) {
            const char *lab =
                d->node >= 0 && d->node < p->n_node_labels ? p->node_label[d->node] : NULL;
            if (!hpi_jput(o, "node", d->node >= 0 ? json_integer(d->node) : json_null()) ||
                !hpi_jput(o, "if", lab ? jstr(lab) : json_null()) ||
                !hpi_jput(o, "probability", jreal(d->probability)))
                return HP_ENOMEM;
        }
    }
    if (p->adaptive && !hpi_jput(root, "adaptive_orders", json_true()))
        return HP_ENOMEM;
    return HP_OK;
}

/* One balance row (expected, or of one scenario) appended to a. */
static hp_status put_balance(json_t *a, const hp_instance *in, const hp_balance *b)
{
    json_t *o;
    if (!valid_idx(b->product, in->n_products))
        return HP_EINTERNAL;
    if (!(o = push(a)) || !hpi_jput(o, "product", jstr(in->products[b->product].id)) ||
        !hpi_jput(o, "quarter", jquarter(in, b->quarter)) ||
        !hpi_jput(o, "demand", jreal(b->demand)) || !hpi_jput(o, "arrivals", jreal(b->arrivals)) ||
        !hpi_jput(o, "spot", jreal(b->spot)) || !hpi_jput(o, "unmet", jreal(b->unmet)) ||
        !hpi_jput(o, "inventory", jreal(b->inventory)) ||
        !hpi_jput(o, "in_transit", jreal(b->in_transit)) ||
        !hpi_jput(o, "below_safety", jreal(b->below_safety)))
        return HP_ENOMEM;
    return HP_OK;
}

static hp_status add_balance(json_t *root, const hp_plan *p)
{
    json_t *a = json_array();
    if (!hpi_jput(root, "balance", a))
        return HP_ENOMEM;
    for (int i = 0; i < p->n_balance; i++) {
        hp_status st = put_balance(a, p->inst, &p->balance[i]);
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

/* scenarios[k].balance (every product and quarter) and
 * scenarios[k].reserve_release (the nonzero releases) of scenario s. */
static hp_status add_scen_balance(json_t *o, const hp_plan *p, int s)
{
    const hp_instance *in = p->inst;
    size_t PT = (size_t)in->n_products * (size_t)in->T;
    json_t *a = json_array(), *r;
    if (!hpi_jput(o, "balance", a))
        return HP_ENOMEM;
    for (size_t i = 0; i < PT; i++) {
        hp_status st = put_balance(a, in, &p->scen_balance[(size_t)s * PT + i]);
        if (st != HP_OK)
            return st;
    }
    a = json_array();
    if (!hpi_jput(o, "reserve_release", a))
        return HP_ENOMEM;
    for (size_t i = 0; i < PT; i++) {
        const hp_balance *b = &p->scen_balance[(size_t)s * PT + i];
        if (b->reserve <= 0.0)
            continue;
        if (!(r = push(a)) || !hpi_jput(r, "product", jstr(in->products[b->product].id)) ||
            !hpi_jput(r, "quarter", jquarter(in, b->quarter)) ||
            !hpi_jput(r, "quantity", jreal(b->reserve)))
            return HP_ENOMEM;
    }
    return HP_OK;
}

/* information, nodes, the method (and how the L-shaped method split the
 * tree) and, when asked, the value of foresight. */
static hp_status add_information(json_t *root, const hp_plan *p)
{
    json_t *f;
    if (!hpi_jput(root, "information", json_string(hp_information_str(p->information))) ||
        !hpi_jput(root, "nodes", json_integer(p->nodes)))
        return HP_ENOMEM;
    if (p->method && !hpi_jput(root, "method", json_string(p->method)))
        return HP_ENOMEM;
    if (p->bundles > 0) {
        /* the L-shaped method under the tree: how the tree was split */
        f = json_object();
        if (!hpi_jput(root, "decomposition", f) ||
            !hpi_jput(f, "bundles", json_integer(p->bundles)) ||
            !hpi_jput(f, "master_nodes", json_integer(p->master_nodes)))
            return HP_ENOMEM;
    }
    if (!p->has_foresight)
        return HP_OK;
    f = json_object();
    if (!hpi_jput(root, "foresight", f) ||
        !hpi_jput(f, "two_stage_cost", jreal(p->two_stage_cost)) ||
        !hpi_jput(f, "value", jreal(p->cost_total - p->two_stage_cost)))
        return HP_ENOMEM;
    return HP_OK;
}

static hp_status add_duals(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *a, *o;
    int i;
    /* CLI.md: duals for LP plans, and for MIP plans from the LP with the
     * integer decisions fixed ("duals_of": "fixed_mip") */
    if (p->result.is_mip && !p->duals_fixed)
        return HP_OK;
    if (p->duals_fixed && !hpi_jput(root, "duals_of", json_string("fixed_mip")))
        return HP_ENOMEM;
    a = json_array();
    if (!hpi_jput(root, "duals", a))
        return HP_ENOMEM;
    for (i = 0; i < p->n_duals; i++) {
        const hp_dual *d = &p->duals[i];
        if (!(o = push(a)) || !hpi_jput(o, "constraint", json_string(hp_dual_kind_str(d->kind))))
            return HP_ENOMEM;
        if (valid_idx(d->supplier, in->n_suppliers) &&
            !hpi_jput(o, "supplier", jstr(in->suppliers[d->supplier].id)))
            return HP_ENOMEM;
        if (valid_idx(d->region, in->n_regions) &&
            !hpi_jput(o, "region", jstr(in->regions[d->region])))
            return HP_ENOMEM;
        if (valid_idx(d->product, in->n_products) &&
            !hpi_jput(o, "product", jstr(in->products[d->product].id)))
            return HP_ENOMEM;
        if (d->quarter >= 0 && !hpi_jput(o, "quarter", jquarter(in, d->quarter)))
            return HP_ENOMEM;
        if (valid_idx(d->scenario, in->n_scenarios) &&
            !hpi_jput(o, "scenario", jstr(in->scenarios[d->scenario].name)))
            return HP_ENOMEM;
        if (!hpi_jput(o, "value", jreal(d->value)))
            return HP_ENOMEM;
        if (d->has_range) {
            /* an unlimited end is null (JSON has no infinity) */
            json_t *rg = json_array();
            if (!hpi_jput(o, "range", rg) ||
                json_array_append_new(rg,
                                      isfinite(d->range_lo) ? jreal(d->range_lo) : json_null()) ||
                json_array_append_new(rg, isfinite(d->range_hi) ? jreal(d->range_hi) : json_null()))
                return HP_ENOMEM;
        }
    }
    return HP_OK;
}

/* "stochastic_value" and "near_optimal" (CLI.md second edition); an
 * infinite EEV (the expected-value plan leaves some scenario without a
 * plan) and what follows from it are null. */
static json_t *jmaybe(double v)
{
    return isfinite(v) ? jreal(v) : json_null();
}

static hp_status add_analyst(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *o;
    if (p->has_stochastic_value) {
        o = json_object();
        if (!hpi_jput(root, "stochastic_value", o) || !hpi_jput(o, "ws", jmaybe(p->ws)) ||
            !hpi_jput(o, "eev", jmaybe(p->eev)) || !hpi_jput(o, "rp", jmaybe(p->rp)) ||
            !hpi_jput(o, "evpi", jmaybe(p->evpi)) || !hpi_jput(o, "vss", jmaybe(p->vss)))
            return HP_ENOMEM;
    }
    if (p->has_near) {
        o = json_object();
        if (!hpi_jput(root, "near_optimal", o) || !hpi_jput(o, "slack", jreal(p->near_slack)) ||
            !hpi_jput(o, "region",
                      jstr(valid_idx(p->near_region, in->n_regions) ? in->regions[p->near_region]
                                                                    : "")) ||
            !hpi_jput(o, "share_before", jreal(p->share_before)) ||
            !hpi_jput(o, "share_after", jreal(p->share_after)))
            return HP_ENOMEM;
    }
    return HP_OK;
}

/* contracts: [{supplier, signed}] for the suppliers with a contract choice;
 * scenarios: [{scenario, probability, shortage, cost}] when the plan has them. */
static hp_status add_extras(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *a, *o;
    int j, s, any = 0;
    for (j = 0; p->contract && j < in->n_suppliers; j++)
        any |= p->contract[j] >= 0;
    if (any) {
        a = json_array();
        if (!hpi_jput(root, "contracts", a))
            return HP_ENOMEM;
        for (j = 0; j < in->n_suppliers; j++) {
            if (p->contract[j] < 0)
                continue;
            if (!(o = push(a)) || !hpi_jput(o, "supplier", jstr(in->suppliers[j].id)) ||
                !hpi_jput(o, "signed", json_boolean(p->contract[j] > 0)))
                return HP_ENOMEM;
        }
    }
    if (!p->scen_shortage && !p->scen_cost)
        return HP_OK;
    a = json_array();
    if (!hpi_jput(root, "scenarios", a))
        return HP_ENOMEM;
    for (s = 0; s < in->n_scenarios; s++) {
        if (!(o = push(a)) || !hpi_jput(o, "scenario", jstr(in->scenarios[s].name)) ||
            !hpi_jput(o, "probability", jreal(in->scenarios[s].probability)))
            return HP_ENOMEM;
        if (p->scen_shortage && !hpi_jput(o, "shortage", jreal(p->scen_shortage[s])))
            return HP_ENOMEM;
        if (p->scen_cost && !hpi_jput(o, "cost", jreal(p->scen_cost[s])))
            return HP_ENOMEM;
        if (p->scen_balance) {
            hp_status st = add_scen_balance(o, p, s);
            if (st != HP_OK)
                return st;
        }
    }
    return HP_OK;
}

static hp_status add_solver(json_t *root, const hp_plan *p, const hp_report_meta *meta)
{
    json_t *o = json_object();
    if (!hpi_jput(root, "solver", o))
        return HP_ENOMEM;
    if (!hpi_jput(o, "backend", jstr(p->backend ? p->backend : "")) ||
        !hpi_jput(o, "version", jstr(p->backend_version ? p->backend_version : "")))
        return HP_ENOMEM;
    if (meta->timing && !hpi_jput(o, "seconds", jreal(p->result.seconds)))
        return HP_ENOMEM;
    if (!hpi_jput(o, "rows", json_integer(p->rows)) ||
        !hpi_jput(o, "cols", json_integer(p->cols)) ||
        !hpi_jput(o, "nonzeros", json_integer((json_int_t)p->nnz)))
        return HP_ENOMEM;
    return HP_OK;
}

hp_status hpi_plan_json_fill(json_t *root, const hp_plan *p, const hp_report_meta *meta)
{
    hp_status st = HP_OK;
    HP_CALL(add_instance(root, p, meta));
    HP_CALL(add_head(root, p));
    HP_CALL(add_regions(root, p));
    HP_CALL(add_orders(root, p));
    HP_CALL(add_balance(root, p));
    HP_CALL(add_duals(root, p));
    HP_CALL(add_extras(root, p));
    HP_CALL(add_solver(root, p, meta));
cleanup:
    return st;
}

hp_status hpi_plan_json(hpi_writer *o, const hp_plan *p, const hp_report_meta *meta)
{
    hp_status st = HP_OK;
    json_t *root = json_object();
    if (!root) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    HP_CALL(add_instance(root, p, meta));
    HP_CALL(add_head(root, p));
    HP_CALL(add_information(root, p));
    HP_CALL(add_regions(root, p));
    HP_CALL(add_orders(root, p));
    HP_CALL(add_balance(root, p));
    HP_CALL(add_duals(root, p));
    HP_CALL(add_analyst(root, p));
    HP_CALL(add_extras(root, p));
    HP_CALL(add_solver(root, p, meta));
    HP_CALL(hpi_run_put(root, meta->run));
    hpi_json(o, root);
    st = o->st;
cleanup:
    json_decref(root);
    return st;
}
