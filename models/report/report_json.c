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

#define JFLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* Adds key -> value to obj, taking over value; false on failure. */
static int put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

static json_t *jreal(double v)
{
    if (!isfinite(v))
        return json_null();
    return json_real(hp_rep_nz(v));
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
    hp_rep_quarter(in, t, q, sizeof q);
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
    if (!put(root, "instance", o))
        return HP_ENOMEM;
    if (!put(o, "name", jstr(in->name ? in->name : "")))
        return HP_ENOMEM;
    if (file && !put(o, "file", jstr(file)))
        return HP_ENOMEM;
    if (meta->sha256 && !put(o, "sha256", jstr(meta->sha256)))
        return HP_ENOMEM;
    return HP_OK;
}

static hp_status add_head(json_t *root, const hp_plan *p)
{
    json_t *c, *r;
    if (!put(root, "objective", json_string(p->objective == HP_OBJ_COST ? "cost" : "risk")) ||
        !put(root, "measure", json_string(hp_measure_str(p->measure))) ||
        !put(root, "alpha", jreal(p->alpha)) ||
        !put(root, "status", json_string(hp_sol_status_str(p->result.status))) ||
        !put(root, "gap", jreal(p->result.is_mip ? p->result.gap : 0.0)))
        return HP_ENOMEM;
    /* each object is attached to root before it is filled, so root owns it
     * on every failure path */
    c = json_object();
    if (!put(root, "cost", c))
        return HP_ENOMEM;
    if (!put(c, "total", jreal(p->cost_total)) || !put(c, "purchase", jreal(p->cost_purchase)) ||
        !put(c, "contract", jreal(p->cost_contract)) || !put(c, "spot", jreal(p->cost_spot)) ||
        !put(c, "holding", jreal(p->cost_holding)) || !put(c, "penalty", jreal(p->cost_penalty)))
        return HP_ENOMEM;
    r = json_object();
    if (!put(root, "risk", r))
        return HP_ENOMEM;
    if (!put(r, "shortage", jreal(p->shortage)) || !put(r, "cvar", jreal(p->cvar)) ||
        !put(r, "exposure", jreal(p->exposure)))
        return HP_ENOMEM;
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
    if (!put(root, "regions", a))
        return HP_ENOMEM;
    for (r = 0; r < in->n_regions; r++) {
        if (!(o = push(a)) || !put(o, "region", jstr(in->regions[r])) ||
            !put(o, "quantity", jreal(p->region_qty ? p->region_qty[r] : 0.0)) ||
            !put(o, "share", jreal(p->region_share ? p->region_share[r] : 0.0)))
            return HP_ENOMEM;
    }
    return HP_OK;
}

static hp_status add_orders(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *a = json_array(), *o;
    int i;
    if (!put(root, "orders", a))
        return HP_ENOMEM;
    for (i = 0; i < p->n_orders; i++) {
        const hp_order *d = &p->orders[i];
        if (!valid_idx(d->supplier, in->n_suppliers) || !valid_idx(d->product, in->n_products))
            return HP_EINTERNAL;
        if (!(o = push(a)) || !put(o, "supplier", jstr(in->suppliers[d->supplier].id)) ||
            !put(o, "product", jstr(in->products[d->product].id)) ||
            !put(o, "ship", jquarter(in, d->ship)) || !put(o, "arrive", jquarter(in, d->arrive)) ||
            !put(o, "quantity", jreal(d->quantity)) || !put(o, "price", jreal(d->price)) ||
            !put(o, "expected_cost", jreal(d->expected_cost)) ||
            !put(o, "expected_quantity", jreal(d->expected_qty)))
            return HP_ENOMEM;
    }
    return HP_OK;
}

static hp_status add_balance(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *a = json_array(), *o;
    int i;
    if (!put(root, "balance", a))
        return HP_ENOMEM;
    for (i = 0; i < p->n_balance; i++) {
        const hp_balance *b = &p->balance[i];
        if (!valid_idx(b->product, in->n_products))
            return HP_EINTERNAL;
        if (!(o = push(a)) || !put(o, "product", jstr(in->products[b->product].id)) ||
            !put(o, "quarter", jquarter(in, b->quarter)) || !put(o, "demand", jreal(b->demand)) ||
            !put(o, "arrivals", jreal(b->arrivals)) || !put(o, "spot", jreal(b->spot)) ||
            !put(o, "unmet", jreal(b->unmet)) || !put(o, "inventory", jreal(b->inventory)) ||
            !put(o, "in_transit", jreal(b->in_transit)) ||
            !put(o, "below_safety", jreal(b->below_safety)))
            return HP_ENOMEM;
    }
    return HP_OK;
}

static hp_status add_duals(json_t *root, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    json_t *a, *o;
    int i;
    /* CLI.md: duals are present for LP plans only. */
    if (p->result.is_mip)
        return HP_OK;
    a = json_array();
    if (!put(root, "duals", a))
        return HP_ENOMEM;
    for (i = 0; i < p->n_duals; i++) {
        const hp_dual *d = &p->duals[i];
        if (!(o = push(a)) || !put(o, "constraint", json_string(hp_dual_kind_str(d->kind))))
            return HP_ENOMEM;
        if (valid_idx(d->supplier, in->n_suppliers) &&
            !put(o, "supplier", jstr(in->suppliers[d->supplier].id)))
            return HP_ENOMEM;
        if (valid_idx(d->region, in->n_regions) && !put(o, "region", jstr(in->regions[d->region])))
            return HP_ENOMEM;
        if (valid_idx(d->product, in->n_products) &&
            !put(o, "product", jstr(in->products[d->product].id)))
            return HP_ENOMEM;
        if (d->quarter >= 0 && !put(o, "quarter", jquarter(in, d->quarter)))
            return HP_ENOMEM;
        if (valid_idx(d->scenario, in->n_scenarios) &&
            !put(o, "scenario", jstr(in->scenarios[d->scenario].name)))
            return HP_ENOMEM;
        if (!put(o, "value", jreal(d->value)))
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
        if (!put(root, "contracts", a))
            return HP_ENOMEM;
        for (j = 0; j < in->n_suppliers; j++) {
            if (p->contract[j] < 0)
                continue;
            if (!(o = push(a)) || !put(o, "supplier", jstr(in->suppliers[j].id)) ||
                !put(o, "signed", json_boolean(p->contract[j] > 0)))
                return HP_ENOMEM;
        }
    }
    if (!p->scen_shortage && !p->scen_cost)
        return HP_OK;
    a = json_array();
    if (!put(root, "scenarios", a))
        return HP_ENOMEM;
    for (s = 0; s < in->n_scenarios; s++) {
        if (!(o = push(a)) || !put(o, "scenario", jstr(in->scenarios[s].name)) ||
            !put(o, "probability", jreal(in->scenarios[s].probability)))
            return HP_ENOMEM;
        if (p->scen_shortage && !put(o, "shortage", jreal(p->scen_shortage[s])))
            return HP_ENOMEM;
        if (p->scen_cost && !put(o, "cost", jreal(p->scen_cost[s])))
            return HP_ENOMEM;
    }
    return HP_OK;
}

static hp_status add_solver(json_t *root, const hp_plan *p, const hp_report_meta *meta)
{
    json_t *o = json_object();
    if (!put(root, "solver", o))
        return HP_ENOMEM;
    if (!put(o, "backend", jstr(p->backend ? p->backend : "")) ||
        !put(o, "version", jstr(p->backend_version ? p->backend_version : "")))
        return HP_ENOMEM;
    if (meta->timing && !put(o, "seconds", jreal(p->result.seconds)))
        return HP_ENOMEM;
    if (!put(o, "rows", json_integer(p->rows)) || !put(o, "cols", json_integer(p->cols)) ||
        !put(o, "nonzeros", json_integer((json_int_t)p->nnz)))
        return HP_ENOMEM;
    return HP_OK;
}

hp_status hp_report_json(hp_out *o, const hp_plan *p, const hp_report_meta *meta)
{
    hp_status st = HP_OK;
    json_t *root = json_object();
    if (!root) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    HP_CALL(add_instance(root, p, meta));
    HP_CALL(add_head(root, p));
    HP_CALL(add_regions(root, p));
    HP_CALL(add_orders(root, p));
    HP_CALL(add_balance(root, p));
    HP_CALL(add_duals(root, p));
    HP_CALL(add_extras(root, p));
    HP_CALL(add_solver(root, p, meta));
    if (json_dumpf(root, o->f, JFLAGS) != 0 || ferror(o->f)) {
        st = HP_EIO;
        goto cleanup;
    }
    hp_out_puts(o, "\n");
    st = o->st;
cleanup:
    json_decref(root);
    return st;
}
