/* Reading a plan JSON back (simulate --plan); see plan_read.h. */
#include "plan_read.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline_int.h"

#define say hpi_pipeline_say

static int find_supplier(const hp_instance *in, const char *id)
{
    for (int j = 0; j < in->n_suppliers; j++)
        if (!strcmp(in->suppliers[j].id, id))
            return j;
    return -1;
}

static int find_product(const hp_instance *in, const char *id)
{
    for (int p = 0; p < in->n_products; p++)
        if (!strcmp(in->products[p].id, id))
            return p;
    return -1;
}

/* A short rendering of a JSON value for messages. */
static void shown(const json_t *v, char *buf, size_t len)
{
    char *s;
    if (!v) {
        snprintf(buf, len, "nothing");
        return;
    }
    s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    snprintf(buf, len, "%s", s ? s : "?");
    if (strlen(buf) > 60)
        strcpy(buf + 57, "...");
    free(s);
}

static hp_outcome bad(const hp_plan_opts *lg, const char *path, const char *where, const char *what,
                      const json_t *v)
{
    char got[80];
    shown(v, got, sizeof got);
    say(lg, "%s: %s: %s, got %s", path, where, what, got);
    return HP_OUTCOME_INVALID;
}

/* What a solver's feasibility tolerance may leave above a limit: a plan
 * written by `plan` reads back within it. */
static double slack(double limit)
{
    return 1e-6 * fmax(1.0, fabs(limit));
}

/* An order of a previous plan shipped before the instance starts (ship
 * offset t < 0): kept with its arrival (the JSON's "arrive" when given,
 * else t plus the supplier's lead time). */
static hp_outcome read_past(const hp_plan_opts *lg, const char *path, const hp_instance *in,
                            const json_t *o, size_t i, int j, int p, int t, hp_prev_plan *prev)
{
    const json_t *ja = json_object_get(o, "arrive"), *jq = json_object_get(o, "quantity");
    hp_prev_order *po;
    char w[64];
    int ta = t + in->suppliers[j].lead_time;
    if (ja) {
        snprintf(w, sizeof w, "orders[%zu].arrive", i);
        if (!json_is_string(ja) || hp_quarter_parse(in, json_string_value(ja), &ta) != 0 || ta < t)
            return bad(lg, path, w, "must be a quarter label not before the ship quarter", ja);
    }
    snprintf(w, sizeof w, "orders[%zu].quantity", i);
    if (!json_is_number(jq) || !isfinite(json_number_value(jq)) || json_number_value(jq) < 0)
        return bad(lg, path, w, "must be a number >= 0", jq);
    for (int k = 0; k < prev->n_past; k++)
        if (prev->past[k].supplier == j && prev->past[k].product == p && prev->past[k].ship == t) {
            snprintf(w, sizeof w, "orders[%zu]", i);
            return bad(lg, path, w, "duplicate order (same supplier, product and ship quarter)",
                       json_object_get(o, "ship"));
        }
    if (prev->n_past == prev->cap_past) {
        int cap = prev->cap_past ? 2 * prev->cap_past : 16;
        hp_prev_order *g = realloc(prev->past, (size_t)cap * sizeof *g);
        if (!g) {
            say(lg, "hreeplan: out of memory");
            return HP_OUTCOME_FAILED;
        }
        prev->past = g;
        prev->cap_past = cap;
    }
    po = &prev->past[prev->n_past++];
    po->supplier = j;
    po->product = p;
    po->ship = t;
    po->arrive = ta;
    po->quantity = json_number_value(jq);
    po->index = (int)i;
    return HP_OUTCOME_OK;
}

/* Reads the orders into x.  With prev (a re-plan), orders shipped before
 * the instance starts go to prev->past, the price of each order to
 * prev->price, and the capacity is not checked: a re-plan reports an order
 * the new capacity cannot carry rather than refusing it. */
static hp_outcome read_orders(const hp_plan_opts *lg, const char *path, const hp_instance *in,
                              const json_t *orders, double *x, hp_prev_plan *prev)
{
    size_t P = (size_t)in->n_products, T = (size_t)in->T, i;
    const json_t *o;
    char w[64];
    unsigned char *seen = calloc((size_t)in->n_suppliers * P * T, 1);
    hp_outcome rc = HP_OUTCOME_OK;
    if (!seen) {
        say(lg, "hreeplan: out of memory");
        return HP_OUTCOME_FAILED;
    }
    json_array_foreach(orders, i, o)
    {
        const json_t *js = json_object_get(o, "supplier"), *jp = json_object_get(o, "product");
        const json_t *jt = json_object_get(o, "ship"), *jq = json_object_get(o, "quantity");
        const json_t *ja = json_object_get(o, "arrive");
        int j, p, t, ta;
        if (!json_is_object(o)) {
            snprintf(w, sizeof w, "orders[%zu]", i);
            rc = bad(lg, path, w, "must be an object", o);
            break;
        }
        /* --adaptive-orders: a contingent order belongs to one node of the
         * plan's tree; an order book read back is one for every path */
        if (json_object_get(o, "node") && !json_is_null(json_object_get(o, "node"))) {
            snprintf(w, sizeof w, "orders[%zu].node", i);
            rc = bad(lg, path, w,
                     "a plan with contingent orders (--adaptive-orders) cannot be read back: "
                     "its orders after the first quarter depend on the scenario; plan without "
                     "--adaptive-orders",
                     json_object_get(o, "node"));
            break;
        }
        snprintf(w, sizeof w, "orders[%zu].supplier", i);
        if (!json_is_string(js) || (j = find_supplier(in, json_string_value(js))) < 0) {
            rc = bad(lg, path, w, "unknown supplier", js);
            break;
        }
        snprintf(w, sizeof w, "orders[%zu].product", i);
        if (!json_is_string(jp) || (p = find_product(in, json_string_value(jp))) < 0) {
            rc = bad(lg, path, w, "unknown product", jp);
            break;
        }
        if (!hp_offer_find(in, j, p)) {
            rc = bad(lg, path, w, "the supplier makes no offer for this product", jp);
            break;
        }
        snprintf(w, sizeof w, "orders[%zu].ship", i);
        if (prev && json_is_string(jt) && hp_quarter_parse(in, json_string_value(jt), &t) == 0 &&
            t < 0) {
            rc = read_past(lg, path, in, o, i, j, p, t, prev);
            if (rc != HP_OUTCOME_OK)
                break;
            continue;
        }
        if (!json_is_string(jt) || hp_quarter_parse(in, json_string_value(jt), &t) != 0 || t < 0 ||
            t + in->suppliers[j].lead_time >= in->T) {
            rc = bad(lg, path, w, "must be a quarter of the horizon whose shipment arrives in it",
                     jt);
            break;
        }
        if (ja) {
            snprintf(w, sizeof w, "orders[%zu].arrive", i);
            if (!json_is_string(ja) || hp_quarter_parse(in, json_string_value(ja), &ta) != 0 ||
                ta != t + in->suppliers[j].lead_time) {
                rc = bad(lg, path, w, "must be the ship quarter plus the supplier's lead time", ja);
                break;
            }
        }
        snprintf(w, sizeof w, "orders[%zu].quantity", i);
        if (!json_is_number(jq) || !isfinite(json_number_value(jq)) || json_number_value(jq) < 0) {
            rc = bad(lg, path, w, "must be a number >= 0", jq);
            break;
        }
        if (!prev && json_number_value(jq) > hp_offer_find(in, j, p)->capacity[t] +
                                                 slack(hp_offer_find(in, j, p)->capacity[t])) {
            char what[160], ql[32];
            hp_quarter_label(in, t, ql, sizeof ql);
            snprintf(what, sizeof what, "exceeds the capacity of %s for %s in %s (%.6g t)",
                     in->suppliers[j].id, in->products[p].id, ql,
                     hp_offer_find(in, j, p)->capacity[t]);
            rc = bad(lg, path, w, what, jq);
            break;
        }
        size_t k = ((size_t)j * P + (size_t)p) * T + (size_t)t;
        if (seen[k]) {
            snprintf(w, sizeof w, "orders[%zu]", i);
            rc = bad(lg, path, w, "duplicate order (same supplier, product and ship quarter)", jt);
            break;
        }
        seen[k] = 1;
        x[k] = json_number_value(jq);
        if (prev) {
            const json_t *jc = json_object_get(o, "price");
            prev->price[k] = json_is_number(jc) ? json_number_value(jc) : NAN;
        }
    }
    free(seen);
    return rc;
}

static hp_outcome read_contracts(const hp_plan_opts *lg, const char *path, const hp_instance *in,
                                 const json_t *c, const double *x, int *z)
{
    size_t P = (size_t)in->n_products, T = (size_t)in->T, i;
    const json_t *o;
    char w[64];
    for (int j = 0; j < in->n_suppliers; j++) {
        double sum = 0.0;
        for (size_t k = 0; k < P * T; k++)
            sum += x[(size_t)j * P * T + k];
        z[j] = in->suppliers[j].has_contract && sum > 0.0;
    }
    if (!c)
        return HP_OUTCOME_OK;
    if (!json_is_array(c))
        return bad(lg, path, "contracts", "must be an array", c);
    json_array_foreach(c, i, o)
    {
        const json_t *js = json_object_get(o, "supplier"), *jg = json_object_get(o, "signed");
        int j;
        snprintf(w, sizeof w, "contracts[%zu].supplier", i);
        if (!json_is_string(js) || (j = find_supplier(in, json_string_value(js))) < 0)
            return bad(lg, path, w, "unknown supplier", js);
        if (!in->suppliers[j].has_contract)
            return bad(lg, path, w, "the supplier has no contract in the instance", js);
        snprintf(w, sizeof w, "contracts[%zu].signed", i);
        if (!json_is_boolean(jg))
            return bad(lg, path, w, "must be true or false", jg);
        if (!json_is_true(jg) && z[j])
            return bad(lg, path, w,
                       "the plan orders from this supplier, so its contract must be signed", jg);
        z[j] = json_is_true(jg);
    }
    return HP_OUTCOME_OK;
}

/* The quota and share restrictions of the instance, on ship quarters as
 * the model has them (models/formulation/model.c). */
static hp_outcome check_restrictions(const hp_plan_opts *lg, const char *path,
                                     const hp_instance *in, const double *x)
{
    size_t P = (size_t)in->n_products, T = (size_t)in->T;
    for (int r = 0; r < in->n_restrictions; r++) {
        const hp_restriction *rs = &in->restrictions[r];
        int horizon = rs->type == HP_SHARE && rs->scope == HP_SCOPE_HORIZON;
        double reg = 0.0, all = 0.0;
        for (int t = 0; t < in->T; t++) {
            double lim;
            char ql[32];
            if (!horizon)
                reg = all = 0.0;
            for (int j = 0; j < in->n_suppliers; j++)
                for (int k = 0; k < rs->n_products; k++) {
                    double q = x[((size_t)j * P + (size_t)rs->products[k]) * T + (size_t)t];
                    all += q;
                    if (in->suppliers[j].region_idx == rs->region_idx)
                        reg += q;
                }
            if (horizon && t < in->T - 1)
                continue;
            lim = rs->type == HP_QUOTA ? rs->limit[t] : rs->max_share * all;
            if (reg <= lim + slack(lim))
                continue;
            hp_quarter_label(in, t, ql, sizeof ql);
            if (rs->type == HP_QUOTA)
                say(lg,
                    "%s: orders: the plan ships %.6g t from region %s in %s, over the quota%s%s%s "
                    "of %.6g t (%s:%d)",
                    path, reg, in->regions[rs->region_idx], ql, rs->name ? " \"" : "",
                    rs->name ? rs->name : "", rs->name ? "\"" : "", lim,
                    in->file ? in->file : "instance", rs->line);
            else
                say(lg,
                    "%s: orders: the plan ships %.6g of %.6g t from region %s%s%s, over the share "
                    "cap%s%s%s of %.6g (%s:%d)",
                    path, reg, all, in->regions[rs->region_idx],
                    horizon ? " over the horizon" : " in ", horizon ? "" : ql,
                    rs->name ? " \"" : "", rs->name ? rs->name : "", rs->name ? "\"" : "",
                    rs->max_share, in->file ? in->file : "instance", rs->line);
            return HP_OUTCOME_INVALID;
        }
    }
    return HP_OUTCOME_OK;
}

/* The contract terms of the instance (docs/model.md constraints 3, 4 and
 * 9): a minimum order per ship quarter, whole lots, at most max_contracts
 * signed.  A lot multiple is allowed the solver's integrality tolerance
 * (1e-5 of a lot, GLPK's tol_int) or slack(x), whichever is larger. */
static hp_outcome check_contract_terms(const hp_plan_opts *lg, const char *path,
                                       const hp_instance *in, const double *x, const int *z)
{
    size_t P = (size_t)in->n_products, T = (size_t)in->T;
    const char *file = in->file ? in->file : "instance";
    int signed_n = 0;
    for (int j = 0; j < in->n_suppliers; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        signed_n += z[j] != 0;
        if (!sj->has_contract)
            continue;
        for (size_t t = 0; t < T; t++) {
            double sum = 0.0;
            char ql[32];
            for (size_t p = 0; p < P; p++) {
                double q = x[((size_t)j * P + p) * T + t], n;
                sum += q;
                if (sj->lot <= 0.0 || q <= 0.0)
                    continue;
                n = round(q / sj->lot);
                if (fabs(q - n * sj->lot) <= fmax(slack(q), 1e-5 * sj->lot))
                    continue;
                hp_quarter_label(in, (int)t, ql, sizeof ql);
                say(lg,
                    "%s: orders: the plan ships %.6g t of %s from %s in %s, not a whole number of "
                    "its lots of %.6g t (%s:%d)",
                    path, q, in->products[p].id, sj->id, ql, sj->lot, file, sj->line);
                return HP_OUTCOME_INVALID;
            }
            if (sj->min_order <= 0.0 || sum <= 0.0 || sum >= sj->min_order - slack(sj->min_order))
                continue;
            hp_quarter_label(in, (int)t, ql, sizeof ql);
            say(lg,
                "%s: orders: the plan ships %.6g t from %s in %s, below its minimum order of %.6g "
                "t "
                "(%s:%d)",
                path, sum, sj->id, ql, sj->min_order, file, sj->line);
            return HP_OUTCOME_INVALID;
        }
    }
    if (in->max_contracts > 0 && signed_n > in->max_contracts) {
        say(lg, "%s: contracts: the plan signs %d contracts, over max_contracts = %d (%s)", path,
            signed_n, in->max_contracts, file);
        return HP_OUTCOME_INVALID;
    }
    return HP_OUTCOME_OK;
}

/* The plan in root (parsed from path): *x and *z, or NULL on a problem. */
static hp_outcome read_root(const char *path, const hp_instance *in, const json_t *root, double **x,
                            int **z, const hp_plan_opts *lg)
{
    hp_outcome rc = HP_OUTCOME_OK;
    size_t n = (size_t)in->n_suppliers * (size_t)in->n_products * (size_t)in->T;
    if (!json_is_object(root) || !json_is_array(json_object_get(root, "orders"))) {
        rc = bad(lg, path, "orders",
                 "a plan written by `hreeplan plan --format json` has an orders array",
                 json_is_object(root) ? json_object_get(root, "orders") : root);
        goto cleanup;
    }
    *x = calloc(n, sizeof **x);
    *z = calloc((size_t)in->n_suppliers, sizeof **z);
    if (!*x || !*z) {
        say(lg, "hreeplan: out of memory");
        rc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    rc = read_orders(lg, path, in, json_object_get(root, "orders"), *x, NULL);
    if (rc == HP_OUTCOME_OK)
        rc = read_contracts(lg, path, in, json_object_get(root, "contracts"), *x, *z);
    if (rc == HP_OUTCOME_OK)
        rc = check_restrictions(lg, path, in, *x);
    if (rc == HP_OUTCOME_OK)
        rc = check_contract_terms(lg, path, in, *x, *z);
    if (rc == HP_OUTCOME_OK) {
        const json_t *name = json_object_get(json_object_get(root, "instance"), "name");
        if (json_is_string(name) && strcmp(json_string_value(name), in->name) != 0)
            say(lg, "hreeplan: warning: %s was planned for instance \"%s\", not \"%s\"", path,
                json_string_value(name), in->name);
    }
cleanup:
    if (rc != HP_OUTCOME_OK) {
        free(*x);
        free(*z);
        *x = NULL;
        *z = NULL;
    }
    return rc;
}

hp_outcome hp_plan_read_buffer(const char *data, size_t len, const char *path,
                               const hp_instance *in, double **x, int **z, const hp_plan_opts *lg)
{
    json_error_t err;
    json_t *root;
    hp_outcome rc;
    *x = NULL;
    *z = NULL;
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        say(lg, "%s:%d: not a plan JSON: %s", path, err.line, err.text);
        return HP_OUTCOME_INVALID;
    }
    rc = read_root(path, in, root, x, z, lg);
    json_decref(root);
    return rc;
}

hp_outcome hp_plan_read(const char *path, const hp_instance *in, double **x, int **z,
                        const hp_plan_opts *lg)
{
    json_error_t err;
    json_t *root;
    FILE *f;
    hp_outcome rc;
    *x = NULL;
    *z = NULL;
    f = fopen(path, "rb");
    if (!f) {
        say(lg, "%s: cannot read: %s", path, strerror(errno));
        return HP_OUTCOME_FAILED;
    }
    root = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
    fclose(f);
    if (!root) {
        say(lg, "%s:%d: not a plan JSON: %s", path, err.line, err.text);
        return HP_OUTCOME_INVALID;
    }
    rc = read_root(path, in, root, x, z, lg);
    json_decref(root);
    return rc;
}

void hp_prev_plan_free(hp_prev_plan *pp)
{
    if (!pp)
        return;
    free(pp->x);
    free(pp->z);
    free(pp->price);
    free(pp->past);
    free(pp->demand);
    free(pp->stock);
    free(pp);
}

/* The previous plan's balance rows: its first quarter (pp->start), its
 * demand on the quarters of the new horizon and its expected stock at the
 * end of the quarter before the new start. */
static hp_outcome read_balance(const hp_plan_opts *lg, const char *path, const hp_instance *in,
                               const json_t *bal, hp_prev_plan *pp)
{
    size_t i, T = (size_t)in->T;
    const json_t *o;
    char w[64], ql[16];
    int first = 1;
    if (!json_is_array(bal) || json_array_size(bal) == 0)
        return bad(lg, path, "balance",
                   "a plan written by `hreeplan plan --format json` has a balance array", bal);
    json_array_foreach(bal, i, o)
    {
        const json_t *jp = json_object_get(o, "product"), *jt = json_object_get(o, "quarter");
        const json_t *jd = json_object_get(o, "demand"), *ji = json_object_get(o, "inventory");
        int p, t;
        snprintf(w, sizeof w, "balance[%zu].product", i);
        if (!json_is_string(jp) || (p = find_product(in, json_string_value(jp))) < 0)
            return bad(lg, path, w, "unknown product", jp);
        snprintf(w, sizeof w, "balance[%zu].quarter", i);
        if (!json_is_string(jt) || hp_quarter_parse(in, json_string_value(jt), &t) != 0)
            return bad(lg, path, w, "must be a quarter label", jt);
        snprintf(w, sizeof w, "balance[%zu]", i);
        if (!json_is_number(jd) || !json_is_number(ji))
            return bad(lg, path, w, "must have numbers demand and inventory", o);
        if (first || t < pp->start)
            pp->start = t;
        if (first || t > pp->end)
            pp->end = t;
        first = 0;
        if (t >= 0 && (size_t)t < T)
            pp->demand[(size_t)p * T + (size_t)t] = json_number_value(jd);
        if (t == -1)
            pp->stock[p] = json_number_value(ji);
    }
    if (pp->start >= 0) {
        hp_quarter_label(in, pp->start, ql, sizeof ql);
        hp_quarter_label(in, 0, w, sizeof w);
        say(lg,
            "%s: the previous plan starts in %s: the instance must start later (a re-plan "
            "follows its plan), got %s",
            path, ql, w);
        return HP_OUTCOME_INVALID;
    }
    return HP_OUTCOME_OK;
}

hp_outcome hp_plan_read_prev(const char *path, const hp_instance *in, hp_prev_plan **out,
                             const hp_plan_opts *lg)
{
    json_error_t err;
    json_t *root = NULL;
    FILE *f;
    hp_outcome rc = HP_OUTCOME_OK;
    size_t n = (size_t)in->n_suppliers * (size_t)in->n_products * (size_t)in->T;
    size_t np = (size_t)in->n_products;
    hp_prev_plan *pp = NULL;
    *out = NULL;
    f = fopen(path, "rb");
    if (!f) {
        say(lg, "%s: cannot read: %s", path, strerror(errno));
        return HP_OUTCOME_FAILED;
    }
    root = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
    fclose(f);
    if (!root) {
        say(lg, "%s:%d: not a plan JSON: %s", path, err.line, err.text);
        return HP_OUTCOME_INVALID;
    }
    if (!json_is_object(root) || !json_is_array(json_object_get(root, "orders"))) {
        rc = bad(lg, path, "orders",
                 "a plan written by `hreeplan plan --format json` has an orders array",
                 json_is_object(root) ? json_object_get(root, "orders") : root);
        goto cleanup;
    }
    pp = calloc(1, sizeof *pp);
    if (!pp || !(pp->x = calloc(n, sizeof *pp->x)) ||
        !(pp->z = calloc((size_t)in->n_suppliers, sizeof *pp->z)) ||
        !(pp->price = malloc(n * sizeof *pp->price)) ||
        !(pp->demand = malloc(np * (size_t)in->T * sizeof *pp->demand)) ||
        !(pp->stock = malloc(np * sizeof *pp->stock))) {
        say(lg, "hreeplan: out of memory");
        rc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++)
        pp->price[k] = NAN;
    for (size_t k = 0; k < np * (size_t)in->T; k++)
        pp->demand[k] = NAN;
    for (size_t k = 0; k < np; k++)
        pp->stock[k] = NAN;
    rc = read_balance(lg, path, in, json_object_get(root, "balance"), pp);
    if (rc == HP_OUTCOME_OK)
        rc = read_orders(lg, path, in, json_object_get(root, "orders"), pp->x, pp);
    if (rc == HP_OUTCOME_OK)
        rc = read_contracts(lg, path, in, json_object_get(root, "contracts"), pp->x, pp->z);
    if (rc == HP_OUTCOME_OK)
        for (int k = 0; k < pp->n_past; k++)
            if (pp->past[k].ship < pp->start) {
                char w[64];
                snprintf(w, sizeof w, "orders[%d].ship", pp->past[k].index);
                rc = bad(lg, path, w, "is before the plan's first quarter (its balance rows)",
                         json_object_get(json_array_get(json_object_get(root, "orders"),
                                                        (size_t)pp->past[k].index),
                                         "ship"));
                break;
            }
cleanup:
    if (rc == HP_OUTCOME_OK) {
        *out = pp;
        pp = NULL;
    }
    hp_prev_plan_free(pp);
    json_decref(root);
    return rc;
}
