/* hreeplan loader: products, suppliers (offers, capacity from ramps) and
 * restrictions (INSTANCE.md "Product", "Supplier", "Restriction").  Names,
 * ids and references between the lists are read by loader_refs.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

static const char *const product_keys[] = {"id",
                                           "name",
                                           "demand",
                                           "shortage_penalty",
                                           "initial_inventory",
                                           "in_transit",
                                           "holding_cost",
                                           "criticality",
                                           "storage_limit",
                                           "safety_stock",
                                           "safety_penalty",
                                           "spot",
                                           "terminal",
                                           "reserve",
                                           NULL};
static const char *const spot_keys[] = {"price", "limit", NULL};
static const char *const supplier_keys[] = {"id",       "name",   "region",       "lead_time",
                                            "contract", "offers", "coproduction", NULL};
static const char *const contract_keys[] = {"fixed_cost", "min_order", "lot", NULL};
static const char *const offer_keys[] = {"product", "price", "capacity",   "nameplate",
                                         "share",   "ramp",  "commitment", NULL};
static const char *const ramp_keys[] = {"start", "full", NULL};
static const char *const restriction_keys[] = {"type",  "name",      "region", "products",
                                               "limit", "max_share", "scope",  NULL};

static void ld_spot(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, hp_product *pr)
{
    char p[256];
    const config_setting_t *m = hpi_ld_member(L, g, gpath, "spot", 0);
    if (!m)
        return;
    hpi_ld_path_key(p, sizeof p, gpath, "spot");
    if (!hpi_ld_group(L, m, p))
        return;
    hpi_ld_check_keys(L, m, p, spot_keys);
    pr->has_spot = 1;
    hpi_ld_series(L, m, p, "price", 1, HPI_LD_GT0, HPI_LD_BIG_PRICE, "USD/kg", 0.0,
                  &pr->spot_price);
    hpi_ld_series(L, m, p, "limit", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", HUGE_VAL, &pr->spot_limit);
}

static void ld_in_transit(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath,
                          hp_product *pr)
{
    char p[256], pe[272], v[96];
    double x;
    int n;
    const config_setting_t *m = hpi_ld_member(L, g, gpath, "in_transit", 0);
    if (L->T > 0) {
        pr->in_transit = hpi_ld_calloc(L, (size_t)L->T, sizeof *pr->in_transit);
        if (!pr->in_transit)
            return;
    }
    if (!m)
        return;
    hpi_ld_path_key(p, sizeof p, gpath, "in_transit");
    if (config_setting_type(m) != CONFIG_TYPE_ARRAY && config_setting_type(m) != CONFIG_TYPE_LIST) {
        hpi_ld_value(m, v, sizeof v);
        hpi_ld_error(L, m, p, "must be an array of numbers, got %s", v);
        return;
    }
    n = config_setting_length(m);
    if (L->T > 0 && n > L->T) {
        hpi_ld_error(L, m, p, "must have at most %d elements (quarters), got %d", L->T, n);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(m, (unsigned)i);
        hpi_ld_path_idx(pe, sizeof pe, p, i);
        if (hpi_ld_number(L, e, pe, &x) &&
            hpi_ld_check(L, e, pe, x, HPI_LD_GE0, HPI_LD_BIG_QTY, "t") && pr->in_transit)
            pr->in_transit[i] = x;
    }
}

static void ld_product(hpi_ld_ctx *L, const config_setting_t *g, const char *path, int i,
                       int *lines)
{
    hp_product *pr = &L->in->products[i];
    double limit = 0.0;
    const config_setting_t *m;

    pr->line = (int)config_setting_source_line(g);
    lines[i] = pr->line;
    pr->criticality = 1.0;
    hpi_ld_check_keys(L, g, path, product_keys);
    hpi_ld_list_id(L, g, path, "id", L->product_ids, lines, i, "product id", &pr->id);
    hpi_ld_name(L, g, path, &pr->name);
    hpi_ld_series(L, g, path, "demand", 1, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", 0.0, &pr->demand);
    hpi_ld_member_number(L, g, path, "shortage_penalty", 1, HPI_LD_GT0, HPI_LD_BIG_COST, "USD",
                         &pr->shortage_penalty);
    hpi_ld_member_number(L, g, path, "initial_inventory", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t",
                         &pr->initial_inventory);
    ld_in_transit(L, g, path, pr);
    hpi_ld_member_number(L, g, path, "holding_cost", 0, HPI_LD_GE0, HPI_LD_BIG_COST, "USD",
                         &pr->holding_cost);
    hpi_ld_member_number(L, g, path, "criticality", 0, HPI_LD_GT0, HPI_LD_BIG_WEIGHT, "",
                         &pr->criticality);
    m = config_setting_get_member(g, "storage_limit");
    if (m && hpi_ld_member_number(L, g, path, "storage_limit", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t",
                                  &limit)) {
        pr->has_storage_limit = 1;
        pr->storage_limit = limit;
    }
    hpi_ld_series(L, g, path, "safety_stock", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", 0.0,
                  &pr->safety_stock);
    hpi_ld_member_number(L, g, path, "safety_penalty", 0, HPI_LD_GE0, HPI_LD_BIG_COST, "USD",
                         &pr->safety_penalty);
    ld_spot(L, g, path, pr);
    hpi_ld_terminal(L, g, path, pr);
    hpi_ld_reserve(L, g, path, pr);
}

void hpi_ld_products(hpi_ld_ctx *L, const config_setting_t *root)
{
    const config_setting_t *list = hpi_ld_member(L, root, "", "products", 1);
    int n, *lines = NULL;
    char p[64];

    if (!list || (n = hpi_ld_list(L, list, "products")) < 0)
        return;
    if (n == 0) {
        hpi_ld_error(L, list, "products", "must list at least one product, got none");
        return;
    }
    if (n > HP_MAX_PRODUCTS) {
        hpi_ld_error(L, list, "products", "too many products (at most %d), got %d", HP_MAX_PRODUCTS,
                     n);
        return;
    }
    L->in->products = hpi_ld_calloc(L, (size_t)n, sizeof *L->in->products);
    L->product_ids = hpi_ld_calloc(L, (size_t)n, sizeof *L->product_ids);
    lines = hpi_ld_calloc(L, (size_t)n, sizeof *lines);
    if (!L->in->products || !L->product_ids || !lines)
        goto cleanup;
    L->in->n_products = n;
    L->n_product_ids = n;
    L->products_known = 1;
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        hpi_ld_path_idx(p, sizeof p, "products", i);
        if (hpi_ld_group(L, g, p))
            ld_product(L, g, p, i, lines);
    }
cleanup:
    free(lines);
}

/* ---- suppliers ---- */

static int ld_region_index(hpi_ld_ctx *L, const char *code)
{
    hp_instance *in = L->in;
    int k = hpi_ld_find((const char *const *)in->regions, in->n_regions, code);
    if (k >= 0)
        return k;
    in->regions[in->n_regions] = hpi_ld_strdup(L, code);
    return in->n_regions++;
}

/* Capacity from nameplate, share and ramp (MODEL.md "Data"). */
static void ld_nameplate(hpi_ld_ctx *L, const config_setting_t *g, const char *path, hp_offer *of)
{
    char p[256], pr[272], v[96], lab[16];
    double nameplate = 0.0, share = 1.0;
    int ok = 1, s_abs = 0, f_abs = 0, have_ramp = 0;
    const config_setting_t *ramp;

    ok &= hpi_ld_member_number(L, g, path, "nameplate", 1, HPI_LD_GE0, HPI_LD_BIG_QTY, "t",
                               &nameplate);
    ok &= hpi_ld_member_number(L, g, path, "share", 0, HPI_LD_UNIT, 0.0, NULL, &share);
    ramp = hpi_ld_member(L, g, path, "ramp", 0);
    if (ramp) {
        const config_setting_t *ms, *mf;
        int sok = 0, fok = 0;
        hpi_ld_path_key(p, sizeof p, path, "ramp");
        if (!hpi_ld_group(L, ramp, p))
            return;
        hpi_ld_check_keys(L, ramp, p, ramp_keys);
        ms = hpi_ld_member(L, ramp, p, "start", 1);
        mf = hpi_ld_member(L, ramp, p, "full", 1);
        hpi_ld_path_key(pr, sizeof pr, p, "start");
        if (ms)
            sok = hpi_ld_quarter(L, ms, pr, &s_abs);
        hpi_ld_path_key(pr, sizeof pr, p, "full");
        if (mf)
            fok = hpi_ld_quarter(L, mf, pr, &f_abs);
        if (sok && fok && f_abs < s_abs) {
            hpi_ld_value(mf, v, sizeof v);
            snprintf(lab, sizeof lab, "%dQ%d", s_abs / 4, s_abs % 4 + 1);
            hpi_ld_error(L, mf, pr, "must not be before start (%s), got %s", lab, v);
            ok = 0;
        }
        ok &= sok && fok;
        have_ramp = 1;
    }
    if (!ok || L->T <= 0 || !L->start_ok)
        return;
    of->capacity = hpi_ld_calloc(L, (size_t)L->T, sizeof *of->capacity);
    if (!of->capacity)
        return;
    for (int t = 0; t < L->T; t++) {
        double factor = 1.0;
        if (have_ramp) {
            int s = s_abs - L->start_abs, f = f_abs - L->start_abs;
            if (t < s)
                factor = 0.0;
            else if (t >= f)
                factor = 1.0;
            else
                factor = (double)(t - s + 1) / (double)(f - s + 1);
        }
        of->capacity[t] = share * nameplate * factor;
    }
}

static void ld_offer(hpi_ld_ctx *L, const config_setting_t *g, const char *path, hp_supplier *su,
                     int k)
{
    hp_offer *of = &su->offers[k];
    const config_setting_t *m, *cap, *np;
    char p[256], v[96];

    of->line = (int)config_setting_source_line(g);
    of->product = -1;
    hpi_ld_check_keys(L, g, path, offer_keys);
    m = hpi_ld_member(L, g, path, "product", 1);
    if (m) {
        hpi_ld_path_key(p, sizeof p, path, "product");
        of->product = hpi_ld_product_ref(L, m, p);
        for (int q = 0; q < k && of->product >= 0; q++) {
            if (su->offers[q].product == of->product) {
                hpi_ld_value(m, v, sizeof v);
                hpi_ld_error(L, m, p, "duplicate offer for this product (first at line %d), got %s",
                             su->offers[q].line, v);
                break;
            }
        }
    }
    hpi_ld_series(L, g, path, "price", 1, HPI_LD_GT0, HPI_LD_BIG_PRICE, "USD/kg", 0.0, &of->price);
    cap = config_setting_get_member(g, "capacity");
    np = config_setting_get_member(g, "nameplate");
    if (cap && np) {
        hpi_ld_error(L, g, path, "give either capacity or nameplate, not both");
    } else if (!cap && !np) {
        hpi_ld_error(L, g, path, "needs capacity (a series) or nameplate (a number)");
    } else if (cap) {
        hpi_ld_series(L, g, path, "capacity", 1, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", 0.0,
                      &of->capacity);
        for (int w = 0; w < 2; w++) {
            const char *key = w ? "ramp" : "share";
            m = config_setting_get_member(g, key);
            if (m) {
                hpi_ld_path_key(p, sizeof p, path, key);
                hpi_ld_error(L, m, p, "only allowed with nameplate, not with capacity");
            }
        }
    } else {
        ld_nameplate(L, g, path, of);
    }
    hpi_ld_commitment(L, g, path, of);
}

static void ld_contract(hpi_ld_ctx *L, const config_setting_t *g, const char *path, hp_supplier *su)
{
    char p[256];
    const config_setting_t *m = hpi_ld_member(L, g, path, "contract", 0);
    if (!m)
        return;
    hpi_ld_path_key(p, sizeof p, path, "contract");
    if (!hpi_ld_group(L, m, p))
        return;
    hpi_ld_check_keys(L, m, p, contract_keys);
    su->has_contract = 1;
    hpi_ld_member_number(L, m, p, "fixed_cost", 0, HPI_LD_GE0, HPI_LD_BIG_COST, "USD",
                         &su->fixed_cost);
    hpi_ld_member_number(L, m, p, "min_order", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", &su->min_order);
    hpi_ld_member_number(L, m, p, "lot", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", &su->lot);
}

static void ld_supplier(hpi_ld_ctx *L, const config_setting_t *g, const char *path, int j,
                        int *lines)
{
    hp_supplier *su = &L->in->suppliers[j];
    const config_setting_t *m;
    char p[256], po[288];
    const char *code;
    long lt;
    int n;

    su->line = (int)config_setting_source_line(g);
    lines[j] = su->line;
    su->region_idx = -1;
    hpi_ld_check_keys(L, g, path, supplier_keys);
    hpi_ld_list_id(L, g, path, "id", L->supplier_ids, lines, j, "supplier id", &su->id);
    hpi_ld_name(L, g, path, &su->name);
    m = hpi_ld_member(L, g, path, "region", 1);
    hpi_ld_path_key(p, sizeof p, path, "region");
    if (m && hpi_ld_id(L, m, p, &code)) {
        su->region = hpi_ld_strdup(L, code);
        if (su->region)
            su->region_idx = ld_region_index(L, code);
    }
    m = hpi_ld_member(L, g, path, "lead_time", 0);
    hpi_ld_path_key(p, sizeof p, path, "lead_time");
    if (m && hpi_ld_int(L, m, p, &lt)) {
        if (L->T > 0 && (lt < 0 || lt >= L->T))
            hpi_ld_error(L, m, p, "must be in 0..%d (less than quarters), got %ld", L->T - 1, lt);
        else if (lt < 0 || lt >= HP_MAX_QUARTERS)
            hpi_ld_error(L, m, p, "must be in 0..%d, got %ld", HP_MAX_QUARTERS - 1, lt);
        else
            su->lead_time = (int)lt;
    }
    ld_contract(L, g, path, su);
    m = hpi_ld_member(L, g, path, "offers", 1);
    hpi_ld_path_key(p, sizeof p, path, "offers");
    if (!m || (n = hpi_ld_list(L, m, p)) < 0)
        return;
    if (n == 0) {
        hpi_ld_error(L, m, p, "must list at least one offer, got none");
        return;
    }
    if (n > HP_MAX_PRODUCTS) {
        hpi_ld_error(L, m, p, "too many offers (at most %d, one per product), got %d",
                     HP_MAX_PRODUCTS, n);
        return;
    }
    su->offers = hpi_ld_calloc(L, (size_t)n, sizeof *su->offers);
    if (!su->offers)
        return;
    su->n_offers = n;
    for (int k = 0; k < n; k++) {
        const config_setting_t *og = config_setting_get_elem(m, (unsigned)k);
        su->offers[k].product = -1;
        hpi_ld_path_idx(po, sizeof po, p, k);
        if (hpi_ld_group(L, og, po))
            ld_offer(L, og, po, su, k);
    }
    hpi_ld_coproduction(L, g, path, su);
}

void hpi_ld_suppliers(hpi_ld_ctx *L, const config_setting_t *root)
{
    hp_instance *in = L->in;
    const config_setting_t *list = hpi_ld_member(L, root, "", "suppliers", 1);
    int n, *lines = NULL;
    char p[64];

    if (!list || (n = hpi_ld_list(L, list, "suppliers")) < 0)
        return;
    if (n == 0) {
        hpi_ld_error(L, list, "suppliers", "must list at least one supplier, got none");
        return;
    }
    if (n > HP_MAX_SUPPLIERS) {
        hpi_ld_error(L, list, "suppliers", "too many suppliers (at most %d), got %d",
                     HP_MAX_SUPPLIERS, n);
        return;
    }
    in->suppliers = hpi_ld_calloc(L, (size_t)n, sizeof *in->suppliers);
    in->regions = hpi_ld_calloc(L, (size_t)n, sizeof *in->regions);
    L->supplier_ids = hpi_ld_calloc(L, (size_t)n, sizeof *L->supplier_ids);
    lines = hpi_ld_calloc(L, (size_t)n, sizeof *lines);
    if (!in->suppliers || !in->regions || !L->supplier_ids || !lines)
        goto cleanup;
    in->n_suppliers = n;
    L->n_supplier_ids = n;
    L->suppliers_known = 1;
    for (int j = 0; j < n; j++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)j);
        hpi_ld_path_idx(p, sizeof p, "suppliers", j);
        if (hpi_ld_group(L, g, p))
            ld_supplier(L, g, p, j, lines);
    }
cleanup:
    free(lines);
}

/* ---- restrictions ---- */

static void ld_restriction_products(hpi_ld_ctx *L, const config_setting_t *g, const char *path,
                                    hp_restriction *r)
{
    char p[256], pe[272], v[96];
    const config_setting_t *m = hpi_ld_member(L, g, path, "products", 0);
    int n = 0;

    if (m) {
        hpi_ld_path_key(p, sizeof p, path, "products");
        if (config_setting_type(m) != CONFIG_TYPE_ARRAY &&
            config_setting_type(m) != CONFIG_TYPE_LIST) {
            hpi_ld_value(m, v, sizeof v);
            hpi_ld_error(L, m, p, "must be an array of product ids, got %s", v);
            return;
        }
        n = config_setting_length(m);
    }
    if (n > HP_MAX_PRODUCTS) {
        hpi_ld_error(L, m, p, "too many products (at most %d), got %d", HP_MAX_PRODUCTS, n);
        return;
    }
    if (n == 0) {
        /* no products named: the restriction counts every product */
        r->products = hpi_ld_calloc(L, (size_t)L->in->n_products, sizeof *r->products);
        if (!r->products)
            return;
        r->n_products = L->in->n_products;
        for (int q = 0; q < r->n_products; q++)
            r->products[q] = q;
        return;
    }
    r->products = hpi_ld_calloc(L, (size_t)n, sizeof *r->products);
    if (!r->products)
        return;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(m, (unsigned)i);
        int q;
        hpi_ld_path_idx(pe, sizeof pe, p, i);
        q = hpi_ld_product_ref(L, e, pe);
        if (q < 0)
            continue;
        for (int k = 0; k < r->n_products; k++) {
            if (r->products[k] == q) {
                hpi_ld_value(e, v, sizeof v);
                hpi_ld_error(L, e, pe, "product listed twice, got %s", v);
                q = -1;
                break;
            }
        }
        if (q >= 0)
            r->products[r->n_products++] = q;
    }
}

static void ld_restriction(hpi_ld_ctx *L, const config_setting_t *g, const char *path,
                           hp_restriction *r)
{
    char p[256], v[96];
    const char *str;
    const config_setting_t *m, *limit, *share;
    int type = -1;

    r->line = (int)config_setting_source_line(g);
    r->region_idx = -1;
    hpi_ld_check_keys(L, g, path, restriction_keys);
    m = hpi_ld_member(L, g, path, "type", 1);
    hpi_ld_path_key(p, sizeof p, path, "type");
    if (m && hpi_ld_string(L, m, p, &str)) {
        if (!strcmp(str, "quota"))
            type = HP_QUOTA;
        else if (!strcmp(str, "share"))
            type = HP_SHARE;
        else {
            hpi_ld_value(m, v, sizeof v);
            hpi_ld_error(L, m, p, "must be \"quota\" or \"share\", got %s", v);
        }
    }
    r->type = type == HP_SHARE ? HP_SHARE : HP_QUOTA;
    hpi_ld_name(L, g, path, &r->name);
    m = hpi_ld_member(L, g, path, "region", 1);
    hpi_ld_path_key(p, sizeof p, path, "region");
    if (m)
        r->region_idx = hpi_ld_region_ref(L, m, p);
    ld_restriction_products(L, g, path, r);

    limit = config_setting_get_member(g, "limit");
    share = config_setting_get_member(g, "max_share");
    if (type == HP_SHARE && limit) {
        hpi_ld_path_key(p, sizeof p, path, "limit");
        hpi_ld_error(L, limit, p, "only allowed for type \"quota\"");
    } else if (type == HP_QUOTA && !limit) {
        hpi_ld_path_key(p, sizeof p, path, "limit");
        hpi_ld_error(L, g, p, "required setting is missing (a quota needs a limit)");
    } else if (limit) {
        hpi_ld_series(L, g, path, "limit", 1, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", 0.0, &r->limit);
    }
    if (type == HP_QUOTA && share) {
        hpi_ld_path_key(p, sizeof p, path, "max_share");
        hpi_ld_error(L, share, p, "only allowed for type \"share\"");
    } else if (type == HP_SHARE && !share) {
        hpi_ld_path_key(p, sizeof p, path, "max_share");
        hpi_ld_error(L, g, p, "required setting is missing (a share cap needs max_share)");
    } else if (share) {
        hpi_ld_member_number(L, g, path, "max_share", 1, HPI_LD_UNIT, 0.0, NULL, &r->max_share);
    }
    m = hpi_ld_member(L, g, path, "scope", 0);
    hpi_ld_path_key(p, sizeof p, path, "scope");
    if (m && hpi_ld_string(L, m, p, &str)) {
        hpi_ld_value(m, v, sizeof v);
        if (!strcmp(str, "quarter"))
            r->scope = HP_SCOPE_QUARTER;
        else if (!strcmp(str, "horizon") && type != HP_QUOTA)
            r->scope = HP_SCOPE_HORIZON;
        else if (!strcmp(str, "horizon"))
            hpi_ld_error(L, m, p, "only \"quarter\" applies to a quota, got %s", v);
        else
            hpi_ld_error(L, m, p, "must be \"quarter\" or \"horizon\", got %s", v);
    }
}

void hpi_ld_restrictions(hpi_ld_ctx *L, const config_setting_t *root)
{
    hp_instance *in = L->in;
    const config_setting_t *list = hpi_ld_member(L, root, "", "restrictions", 0);
    int n;
    char p[64];

    if (!list || (n = hpi_ld_list(L, list, "restrictions")) <= 0)
        return;
    if (n > HPI_LD_MAX_RESTRICTIONS) {
        hpi_ld_error(L, list, "restrictions", "too many restrictions (at most %d), got %d",
                     HPI_LD_MAX_RESTRICTIONS, n);
        return;
    }
    in->restrictions = hpi_ld_calloc(L, (size_t)n, sizeof *in->restrictions);
    if (!in->restrictions)
        return;
    in->n_restrictions = n;
    for (int r = 0; r < n; r++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)r);
        hpi_ld_path_idx(p, sizeof p, "restrictions", r);
        if (hpi_ld_group(L, g, p))
            ld_restriction(L, g, p, &in->restrictions[r]);
    }
}
