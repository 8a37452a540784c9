/* hreeplan loader: scenarios with their events, the random disruption
 * process (events, correlation and its Cholesky factor), and the
 * availability array a[s,j,t] (MODEL.md "Data", "Sampled scenarios"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

static const char *const scenario_keys[] = {"name", "probability", "events", "spot_prices", NULL};
static const char *const event_keys[] = {"supplier", "region",       "from", "to",
                                         "factor",   "price_factor", NULL};
static const char *const spot_price_keys[] = {"product", "from", "to", "factor", NULL};
static const char *const disruption_keys[] = {"events", "correlation", NULL};
static const char *const devent_keys[] = {"name",   "supplier", "region", "probability", "duration",
                                          "factor", "from",     "to",     NULL};

#define HPI_LD_MAX_DURATION 100000

static int ld_supplier_ref(hpi_ld_ctx *L, const config_setting_t *m, const char *path)
{
    char v[96];
    const char *str, *hint;
    int k;
    if (!hpi_ld_string(L, m, path, &str))
        return -1;
    k = hpi_ld_find(L->supplier_ids, L->n_supplier_ids, str);
    if (k >= 0 || !L->suppliers_known)
        return k;
    hpi_ld_value(m, v, sizeof v);
    hint = hpi_ld_suggest(str, L->supplier_ids, L->n_supplier_ids);
    if (hint)
        hpi_ld_error(L, m, path, "unknown supplier, got %s (did you mean \"%s\"?)", v, hint);
    else
        hpi_ld_error(L, m, path, "unknown supplier, got %s", v);
    return -1;
}

/* `supplier` or `region`, exactly one. */
static void ld_target(hpi_ld_ctx *L, const config_setting_t *g, const char *path, int *supplier,
                      int *region)
{
    char p[256];
    const config_setting_t *ms = config_setting_get_member(g, "supplier");
    const config_setting_t *mr = config_setting_get_member(g, "region");
    *supplier = -1;
    *region = -1;
    if (ms && mr) {
        hpi_ld_error(L, g, path, "give either supplier or region, not both");
    } else if (!ms && !mr) {
        hpi_ld_error(L, g, path, "needs supplier or region (what the event hits)");
    } else if (ms) {
        hpi_ld_path_key(p, sizeof p, path, "supplier");
        *supplier = ld_supplier_ref(L, ms, p);
    } else {
        hpi_ld_path_key(p, sizeof p, path, "region");
        *region = hpi_ld_region_ref(L, mr, p);
    }
}

/* `from` and `to` labels as offsets; default the whole horizon. */
static void ld_window(hpi_ld_ctx *L, const config_setting_t *g, const char *path, int *from,
                      int *to)
{
    char p[256], v[96];
    int fa = 0, ta = 0, fok = 0, tok = 0;
    const config_setting_t *mf = config_setting_get_member(g, "from");
    const config_setting_t *mt = config_setting_get_member(g, "to");
    *from = 0;
    *to = L->T > 0 ? L->T - 1 : 0;
    if (mf) {
        hpi_ld_path_key(p, sizeof p, path, "from");
        if ((fok = hpi_ld_quarter(L, mf, p, &fa)) != 0)
            *from = fa - L->start_abs;
    }
    if (mt) {
        hpi_ld_path_key(p, sizeof p, path, "to");
        if ((tok = hpi_ld_quarter(L, mt, p, &ta)) != 0)
            *to = ta - L->start_abs;
    }
    if (fok && tok && ta < fa) {
        hpi_ld_value(mt, v, sizeof v);
        hpi_ld_error(L, mt, p, "must not be before from (%dQ%d), got %s", fa / 4, fa % 4 + 1, v);
    }
}

static void ld_events(hpi_ld_ctx *L, const config_setting_t *g, const char *path, hp_scenario *sc)
{
    char p[256], pe[288];
    const config_setting_t *list = hpi_ld_member(L, g, path, "events", 0);
    int n;
    hpi_ld_path_key(p, sizeof p, path, "events");
    if (!list || (n = hpi_ld_list(L, list, p)) <= 0)
        return;
    if (n > HP_MAX_EVENTS) {
        hpi_ld_error(L, list, p, "too many events (at most %d), got %d", HP_MAX_EVENTS, n);
        return;
    }
    sc->events = hpi_ld_calloc(L, (size_t)n, sizeof *sc->events);
    if (!sc->events)
        return;
    sc->n_events = n;
    for (int e = 0; e < n; e++) {
        const config_setting_t *eg = config_setting_get_elem(list, (unsigned)e);
        hp_event *ev = &sc->events[e];
        ev->supplier = ev->region_idx = -1;
        hpi_ld_path_idx(pe, sizeof pe, p, e);
        if (!hpi_ld_group(L, eg, pe))
            continue;
        hpi_ld_check_keys(L, eg, pe, event_keys);
        ld_target(L, eg, pe, &ev->supplier, &ev->region_idx);
        ld_window(L, eg, pe, &ev->from, &ev->to);
        hpi_ld_member_number(L, eg, pe, "factor", 1, HPI_LD_UNIT, 0.0, NULL, &ev->factor);
        ev->price_factor = 1.0;
        hpi_ld_member_number(L, eg, pe, "price_factor", 0, HPI_LD_GT0, HPI_LD_BIG_WEIGHT, NULL,
                             &ev->price_factor);
    }
}

/* spot_prices: { product, from, to, factor > 0 } per product with a spot
 * market (MODEL.md "Price scenarios"). */
static void ld_spot_prices(hpi_ld_ctx *L, const config_setting_t *g, const char *path,
                           hp_scenario *sc)
{
    char p[256], pe[288], pk[320];
    const config_setting_t *list = hpi_ld_member(L, g, path, "spot_prices", 0), *m;
    int n;
    hpi_ld_path_key(p, sizeof p, path, "spot_prices");
    if (!list || (n = hpi_ld_list(L, list, p)) <= 0)
        return;
    if (n > HP_MAX_EVENTS) {
        hpi_ld_error(L, list, p, "too many spot price factors (at most %d), got %d", HP_MAX_EVENTS,
                     n);
        return;
    }
    sc->spot = hpi_ld_calloc(L, (size_t)n, sizeof *sc->spot);
    if (!sc->spot)
        return;
    sc->n_spot = n;
    for (int e = 0; e < n; e++) {
        const config_setting_t *eg = config_setting_get_elem(list, (unsigned)e);
        hp_spot_event *se = &sc->spot[e];
        se->product = -1;
        se->factor = 1.0;
        hpi_ld_path_idx(pe, sizeof pe, p, e);
        if (!hpi_ld_group(L, eg, pe))
            continue;
        hpi_ld_check_keys(L, eg, pe, spot_price_keys);
        m = hpi_ld_member(L, eg, pe, "product", 1);
        if (m) {
            hpi_ld_path_key(pk, sizeof pk, pe, "product");
            se->product = hpi_ld_product_ref(L, m, pk);
            if (se->product >= 0 && L->in->products && se->product < L->in->n_products &&
                !L->in->products[se->product].has_spot) {
                hpi_ld_error(L, m, pk, "this product has no spot market, got \"%s\"",
                             L->product_ids[se->product]);
                se->product = -1;
            }
        }
        ld_window(L, eg, pe, &se->from, &se->to);
        hpi_ld_member_number(L, eg, pe, "factor", 1, HPI_LD_GT0, HPI_LD_BIG_WEIGHT, NULL,
                             &se->factor);
    }
}

typedef struct ld_named {
    const char *name;
    int idx;
    const config_setting_t *set;
} ld_named;

static int ld_named_cmp(const void *a, const void *b)
{
    const ld_named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Duplicate scenario names by sorting (there may be 100,000 scenarios);
 * each repeat is reported against the first use. */
static void ld_scenario_dups(hpi_ld_ctx *L, ld_named *nm, int n, const int *lines)
{
    char pn[96], v[96];
    qsort(nm, (size_t)n, sizeof *nm, ld_named_cmp);
    for (int k = 1, first = 0; k < n; k++) {
        if (strcmp(nm[k].name, nm[first].name) != 0) {
            first = k;
            continue;
        }
        snprintf(pn, sizeof pn, "scenarios[%d].name", nm[k].idx);
        hpi_ld_value(nm[k].set, v, sizeof v);
        hpi_ld_error(L, nm[k].set, pn, "duplicate scenario name (first used at line %d), got %s",
                     lines[nm[first].idx], v);
        free(L->in->scenarios[nm[k].idx].name);
        L->in->scenarios[nm[k].idx].name = NULL;
    }
}

void hpi_ld_scenarios(hpi_ld_ctx *L, const config_setting_t *root)
{
    hp_instance *in = L->in;
    const config_setting_t *list = hpi_ld_member(L, root, "", "scenarios", 0);
    ld_named *names = NULL;
    int n, n_names = 0, *lines = NULL, sum_ok = 1;
    double sum = 0.0;
    char p[64], pn[96];

    if (!list || (n = hpi_ld_list(L, list, "scenarios")) <= 0)
        return; /* none: the nominal scenario is made at the end */
    if (n > HP_MAX_SCENARIOS) {
        hpi_ld_error(L, list, "scenarios", "too many scenarios (at most %d), got %d",
                     HP_MAX_SCENARIOS, n);
        return;
    }
    if (L->T > 0 && (double)n * in->n_suppliers * L->T > HPI_LD_MAX_AVAIL) {
        hpi_ld_error(L, list, "scenarios",
                     "too many scenarios for %d suppliers and %d quarters (at most %.0f "
                     "scenario-supplier-quarters), got %d",
                     in->n_suppliers, L->T, HPI_LD_MAX_AVAIL, n);
        return;
    }
    in->scenarios = hpi_ld_calloc(L, (size_t)n, sizeof *in->scenarios);
    names = hpi_ld_calloc(L, (size_t)n, sizeof *names);
    lines = hpi_ld_calloc(L, (size_t)n, sizeof *lines);
    if (!in->scenarios || !names || !lines)
        goto cleanup;
    in->n_scenarios = n;
    in->scenarios_given = 1;
    for (int s = 0; s < n; s++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)s), *m;
        hp_scenario *sc = &in->scenarios[s];
        const char *str;
        hpi_ld_path_idx(p, sizeof p, "scenarios", s);
        if (!hpi_ld_group(L, g, p)) {
            sum_ok = 0;
            continue;
        }
        lines[s] = (int)config_setting_source_line(g);
        hpi_ld_check_keys(L, g, p, scenario_keys);
        m = hpi_ld_member(L, g, p, "name", 1);
        hpi_ld_path_key(pn, sizeof pn, p, "name");
        if (m && hpi_ld_id(L, m, pn, &str)) {
            names[n_names].name = str;
            names[n_names].idx = s;
            names[n_names++].set = m;
            sc->name = hpi_ld_strdup(L, str);
        }
        if (!hpi_ld_member_number(L, g, p, "probability", 1, HPI_LD_PROB, 0.0, NULL,
                                  &sc->probability))
            sum_ok = 0;
        sum += sc->probability;
        ld_events(L, g, p, sc);
        ld_spot_prices(L, g, p, sc);
    }
    ld_scenario_dups(L, names, n_names, lines);
    if (sum_ok && fabs(sum - 1.0) > 1e-6)
        hpi_ld_error(L, list, "scenarios", "probabilities must sum to 1 (within 1e-6), got %.10g",
                     sum);
cleanup:
    free(names);
    free(lines);
}

/* ---- disruption process ---- */

static void ld_duration(hpi_ld_ctx *L, const config_setting_t *g, const char *path, hp_devent *de)
{
    char p[256], pe[272], v[96];
    long d[2] = {0, 0};
    int ok = 1;
    const config_setting_t *m = hpi_ld_member(L, g, path, "duration", 1);
    if (!m)
        return;
    hpi_ld_path_key(p, sizeof p, path, "duration");
    if (config_setting_type(m) != CONFIG_TYPE_ARRAY && config_setting_type(m) != CONFIG_TYPE_LIST) {
        hpi_ld_value(m, v, sizeof v);
        hpi_ld_error(L, m, p, "must be an array [min, max] of integers, got %s", v);
        return;
    }
    if (config_setting_length(m) != 2) {
        hpi_ld_error(L, m, p, "must have 2 elements [min, max], got %d", config_setting_length(m));
        return;
    }
    for (int i = 0; i < 2; i++) {
        const config_setting_t *e = config_setting_get_elem(m, (unsigned)i);
        hpi_ld_path_idx(pe, sizeof pe, p, i);
        if (!hpi_ld_int(L, e, pe, &d[i])) {
            ok = 0;
        } else if (d[i] < 1) {
            hpi_ld_error(L, e, pe, "must be >= 1, got %ld", d[i]);
            ok = 0;
        } else if (d[i] > HPI_LD_MAX_DURATION) {
            hpi_ld_error(L, e, pe, "must be at most %d quarters, got %ld", HPI_LD_MAX_DURATION,
                         d[i]);
            ok = 0;
        } else if (i == 1 && ok && d[1] < d[0]) {
            hpi_ld_error(L, e, pe, "must be >= min (%ld), got %ld", d[0], d[1]);
            ok = 0;
        }
    }
    if (ok) {
        de->dmin = (int)d[0];
        de->dmax = (int)d[1];
    }
}

/* One row of the correlation matrix into corr[i * n ...]; 1 when valid. */
static int ld_corr_row(hpi_ld_ctx *L, const config_setting_t *row, const char *path, int n,
                       double *corr, int i)
{
    char pe[288], v[96];
    int ok = 1;
    if (config_setting_type(row) != CONFIG_TYPE_ARRAY &&
        config_setting_type(row) != CONFIG_TYPE_LIST) {
        hpi_ld_value(row, v, sizeof v);
        hpi_ld_error(L, row, path, "must be an array of numbers, got %s", v);
        return 0;
    }
    if (config_setting_length(row) != n) {
        hpi_ld_error(L, row, path, "must have %d elements (one per event), got %d", n,
                     config_setting_length(row));
        return 0;
    }
    for (int k = 0; k < n; k++) {
        const config_setting_t *e = config_setting_get_elem(row, (unsigned)k);
        double x;
        hpi_ld_path_idx(pe, sizeof pe, path, k);
        if (!hpi_ld_number(L, e, pe, &x) || !hpi_ld_check(L, e, pe, x, HPI_LD_CORR, 0.0, NULL)) {
            ok = 0;
            continue;
        }
        if (k == i && fabs(x - 1.0) > 1e-9) {
            hpi_ld_error(L, e, pe, "must be 1 (the diagonal), got %.10g", x);
            ok = 0;
        }
        corr[(size_t)i * (size_t)n + (size_t)k] = k == i ? 1.0 : x;
    }
    return ok;
}

/* The order of the first leading block of the n x n symmetric matrix a
 * (row-major) that is not positive definite, 0 when a is; -1 when out of
 * memory.  The test LAPACK's dpotrf makes (a pivot that is not > 0) on a
 * plain Cholesky-Crout factorisation of the lower triangle.  The factor is
 * not kept: sampling computes it with LAPACK itself (hp_instance_cholesky),
 * so that loading an instance never loads OpenBLAS. */
static int not_pd_order(const double *a, int n)
{
    double *l = calloc((size_t)n * (size_t)n, sizeof *l);
    int bad = 0;
    if (!l)
        return -1;
    for (int j = 0; j < n && !bad; j++) {
        double d = a[(size_t)j * (size_t)n + (size_t)j];
        for (int k = 0; k < j; k++)
            d -= l[(size_t)j * (size_t)n + (size_t)k] * l[(size_t)j * (size_t)n + (size_t)k];
        if (!(d > 0.0)) { /* also NaN */
            bad = j + 1;
            break;
        }
        d = sqrt(d);
        l[(size_t)j * (size_t)n + (size_t)j] = d;
        for (int i = j + 1; i < n; i++) {
            double x = a[(size_t)i * (size_t)n + (size_t)j];
            for (int k = 0; k < j; k++)
                x -= l[(size_t)i * (size_t)n + (size_t)k] * l[(size_t)j * (size_t)n + (size_t)k];
            l[(size_t)i * (size_t)n + (size_t)j] = x / d;
        }
    }
    free(l);
    return bad;
}

static void ld_correlation(hpi_ld_ctx *L, const config_setting_t *g, int n)
{
    hp_instance *in = L->in;
    const char *path = "disruptions.correlation";
    char pr[64], v[96];
    int ok = 1, info;
    const config_setting_t *m = config_setting_get_member(g, "correlation");

    if (!m)
        return;
    if (config_setting_type(m) != CONFIG_TYPE_ARRAY && config_setting_type(m) != CONFIG_TYPE_LIST) {
        hpi_ld_value(m, v, sizeof v);
        hpi_ld_error(L, m, path, "must be a list of rows ( [ ... ], ... ), got %s", v);
        return;
    }
    if (n <= 0)
        return; /* the events are wrong; their errors say so */
    if (config_setting_length(m) != n) {
        hpi_ld_error(L, m, path, "must have %d rows (one per event), got %d", n,
                     config_setting_length(m));
        return;
    }
    in->correlation = hpi_ld_calloc(L, (size_t)n * (size_t)n, sizeof *in->correlation);
    if (!in->correlation)
        return;
    for (int i = 0; i < n; i++) {
        hpi_ld_path_idx(pr, sizeof pr, path, i);
        ok &= ld_corr_row(L, config_setting_get_elem(m, (unsigned)i), pr, n, in->correlation, i);
    }
    if (!ok)
        return;
    for (int i = 1; i < n; i++) {
        for (int k = 0; k < i; k++) {
            double a = in->correlation[(size_t)i * (size_t)n + (size_t)k];
            double b = in->correlation[(size_t)k * (size_t)n + (size_t)i];
            if (fabs(a - b) > 1e-9) {
                char pe[96];
                snprintf(pe, sizeof pe, "%s[%d][%d]", path, i, k);
                hpi_ld_error(
                    L,
                    config_setting_get_elem(config_setting_get_elem(m, (unsigned)i), (unsigned)k),
                    pe, "must equal correlation[%d][%d] = %.10g (symmetric), got %.10g", k, i, b,
                    a);
                ok = 0;
            }
        }
    }
    if (!ok)
        return;
    info = not_pd_order(in->correlation, n);
    if (info > 0) {
        hpi_ld_error(L, m, path,
                     "must be positive definite, got a matrix whose leading %dx%d block is not",
                     info, info);
        return;
    }
    if (info < 0)
        L->nomem = 1;
}

void hpi_ld_disruptions(hpi_ld_ctx *L, const config_setting_t *root)
{
    hp_instance *in = L->in;
    const config_setting_t *g = hpi_ld_member(L, root, "", "disruptions", 0), *list;
    const char **names = NULL;
    int n, *lines = NULL;
    char p[64], pn[96], v[96];

    if (!g || !hpi_ld_group(L, g, "disruptions"))
        return;
    hpi_ld_check_keys(L, g, "disruptions", disruption_keys);
    list = hpi_ld_member(L, g, "disruptions", "events", 1);
    if (!list || (n = hpi_ld_list(L, list, "disruptions.events")) < 0) {
        ld_correlation(L, g, -1);
        return;
    }
    if (n == 0) {
        hpi_ld_error(L, list, "disruptions.events", "must list at least one event, got none");
        return;
    }
    if (n > HP_MAX_EVENTS) {
        hpi_ld_error(L, list, "disruptions.events", "too many events (at most %d), got %d",
                     HP_MAX_EVENTS, n);
        return;
    }
    in->devents = hpi_ld_calloc(L, (size_t)n, sizeof *in->devents);
    names = hpi_ld_calloc(L, (size_t)n, sizeof *names);
    lines = hpi_ld_calloc(L, (size_t)n, sizeof *lines);
    if (!in->devents || !names || !lines)
        goto cleanup;
    in->n_devents = n;
    for (int e = 0; e < n; e++) {
        const config_setting_t *eg = config_setting_get_elem(list, (unsigned)e), *m;
        hp_devent *de = &in->devents[e];
        const char *str;
        de->supplier = de->region_idx = -1;
        hpi_ld_path_idx(p, sizeof p, "disruptions.events", e);
        if (!hpi_ld_group(L, eg, p))
            continue;
        lines[e] = (int)config_setting_source_line(eg);
        hpi_ld_check_keys(L, eg, p, devent_keys);
        m = hpi_ld_member(L, eg, p, "name", 1);
        hpi_ld_path_key(pn, sizeof pn, p, "name");
        if (m && hpi_ld_id(L, m, pn, &str)) {
            int k = hpi_ld_find(names, e, str);
            names[e] = str;
            if (k >= 0) {
                hpi_ld_value(m, v, sizeof v);
                hpi_ld_error(L, m, pn, "duplicate event name (first used at line %d), got %s",
                             lines[k], v);
            } else {
                de->name = hpi_ld_strdup(L, str);
            }
        }
        ld_target(L, eg, p, &de->supplier, &de->region_idx);
        hpi_ld_member_number(L, eg, p, "probability", 1, HPI_LD_UNIT, 0.0, NULL, &de->probability);
        ld_duration(L, eg, p, de);
        hpi_ld_member_number(L, eg, p, "factor", 1, HPI_LD_UNIT, 0.0, NULL, &de->factor);
        ld_window(L, eg, p, &de->from, &de->to);
    }
    ld_correlation(L, g, n);
cleanup:
    free(names);
    free(lines);
}

hp_status hpi_ld_avail(hp_instance *in)
{
    size_t J = (size_t)in->n_suppliers, T = (size_t)in->T;
    size_t size = (size_t)in->n_scenarios * J * T;
    in->avail = malloc(size * sizeof *in->avail);
    if (!in->avail)
        return HP_ENOMEM;
    for (size_t k = 0; k < size; k++)
        in->avail[k] = 1.0;
    for (int s = 0; s < in->n_scenarios; s++) {
        const hp_scenario *sc = &in->scenarios[s];
        for (int e = 0; e < sc->n_events; e++) {
            const hp_event *ev = &sc->events[e];
            int t0 = ev->from < 0 ? 0 : ev->from;
            int t1 = ev->to >= in->T ? in->T - 1 : ev->to;
            for (int j = 0; j < in->n_suppliers; j++) {
                if (ev->supplier >= 0 ? j != ev->supplier
                                      : in->suppliers[j].region_idx != ev->region_idx)
                    continue;
                for (int t = t0; t <= t1; t++)
                    in->avail[((size_t)s * J + (size_t)j) * T + (size_t)t] *= ev->factor;
            }
        }
    }
    return hpi_ld_price_factors(in);
}
