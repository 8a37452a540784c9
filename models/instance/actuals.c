/* Reading an actuals file (actuals.h) with the loader's typed readers, so
 * that its messages read like an instance's: "FILE:LINE: path: what is
 * wrong, got VALUE", every error found, sorted by line. */
#include "actuals.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

static const char *const top_keys[] = {"quarter", "stock", "in_transit", "events", NULL};
static const char *const transit_keys[] = {"supplier", "product", "arrive", "quantity", NULL};
static const char *const event_keys[] = {"supplier", "region", "from", "to", "factor", NULL};

#define ACT_MAX_FILE (16L << 20)

void hp_actuals_free(hp_actuals *a)
{
    if (!a)
        return;
    free(a->file);
    free(a->stock);
    free(a->transit);
    free(a->events);
    free(a->event_lines);
    free(a);
}

static int supplier_ref(hpi_ld_ctx *L, const config_setting_t *m, const char *path)
{
    char v[96];
    const char *str, *hint;
    int k;
    if (!hpi_ld_string(L, m, path, &str))
        return -1;
    k = hpi_ld_find(L->supplier_ids, L->n_supplier_ids, str);
    if (k >= 0)
        return k;
    hpi_ld_value(m, v, sizeof v);
    hint = hpi_ld_suggest(str, L->supplier_ids, L->n_supplier_ids);
    if (hint)
        hpi_ld_error(L, m, path, "unknown supplier, got %s (did you mean \"%s\"?)", v, hint);
    else
        hpi_ld_error(L, m, path, "unknown supplier, got %s", v);
    return -1;
}

/* A quarter label as an offset from the instance start; 1 when set. */
static int quarter_off(hpi_ld_ctx *L, const config_setting_t *s, const char *path, int *off)
{
    int abs;
    if (!hpi_ld_quarter(L, s, path, &abs))
        return 0;
    *off = abs - L->start_abs;
    return 1;
}

static void read_quarter(hpi_ld_ctx *L, const config_setting_t *root)
{
    const config_setting_t *s = config_setting_get_member(root, "quarter");
    char start[16], v[96];
    int off;
    if (!s || !quarter_off(L, s, "quarter", &off) || off == 0)
        return;
    hp_quarter_label(L->in, 0, start, sizeof start);
    hpi_ld_value(s, v, sizeof v);
    hpi_ld_error(L, s, "quarter",
                 "the actuals must describe the start of the instance (%s), got %s", start, v);
}

static void read_stock(hpi_ld_ctx *L, const config_setting_t *root, hp_actuals *a)
{
    const config_setting_t *g = config_setting_get_member(root, "stock");
    if (!g)
        return;
    if (!hpi_ld_group(L, g, "stock"))
        return;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        char path[HP_ID_MAX + 16];
        double q;
        int p = name ? hpi_ld_find(L->product_ids, L->n_product_ids, name) : -1;
        hpi_ld_path_key(path, sizeof path, "stock", name ? name : "?");
        if (p < 0) {
            const char *hint = name ? hpi_ld_suggest(name, L->product_ids, L->n_product_ids) : 0;
            if (hint)
                hpi_ld_error(L, m, path, "unknown product, got \"%s\" (did you mean \"%s\"?)",
                             name ? name : "?", hint);
            else
                hpi_ld_error(L, m, path, "unknown product, got \"%s\"", name ? name : "?");
            continue;
        }
        if (hpi_ld_number(L, m, path, &q) &&
            hpi_ld_check(L, m, path, q, HPI_LD_GE0, HPI_LD_BIG_QTY, "t"))
            a->stock[p] = q;
    }
}

static void read_transit(hpi_ld_ctx *L, const config_setting_t *root, hp_actuals *a)
{
    const config_setting_t *l = config_setting_get_member(root, "in_transit");
    int n;
    if (!l || (n = hpi_ld_list(L, l, "in_transit")) <= 0)
        return;
    a->transit = hpi_ld_calloc(L, (size_t)n, sizeof *a->transit);
    if (!a->transit)
        return;
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i), *m;
        char path[64], mp[96], v[96], first[16], last[16];
        hp_actual_transit tr = {-1, -1, -1, 0.0, (int)config_setting_source_line(g)};
        int ok = 1;
        hpi_ld_path_idx(path, sizeof path, "in_transit", i);
        if (!hpi_ld_group(L, g, path))
            continue;
        hpi_ld_check_keys(L, g, path, transit_keys);
        if ((m = hpi_ld_member(L, g, path, "supplier", 1))) {
            hpi_ld_path_key(mp, sizeof mp, path, "supplier");
            tr.supplier = supplier_ref(L, m, mp);
        }
        if ((m = hpi_ld_member(L, g, path, "product", 1))) {
            hpi_ld_path_key(mp, sizeof mp, path, "product");
            tr.product = hpi_ld_product_ref(L, m, mp);
            if (tr.product >= 0 && tr.supplier >= 0 &&
                !hp_offer_find(L->in, tr.supplier, tr.product)) {
                hpi_ld_value(m, v, sizeof v);
                hpi_ld_error(L, m, mp, "supplier %s makes no offer for this product, got %s",
                             L->in->suppliers[tr.supplier].id, v);
                ok = 0;
            }
        }
        if ((m = hpi_ld_member(L, g, path, "arrive", 1))) {
            hpi_ld_path_key(mp, sizeof mp, path, "arrive");
            if (quarter_off(L, m, mp, &tr.arrive) && (tr.arrive < 0 || tr.arrive >= L->T)) {
                hp_quarter_label(L->in, 0, first, sizeof first);
                hp_quarter_label(L->in, L->T - 1, last, sizeof last);
                hpi_ld_value(m, v, sizeof v);
                hpi_ld_error(L, m, mp,
                             "must be a quarter of the horizon (%s..%s; what has arrived "
                             "belongs in stock), got %s",
                             first, last, v);
                tr.arrive = -1;
            }
        }
        if (!hpi_ld_member_number(L, g, path, "quantity", 1, HPI_LD_GE0, HPI_LD_BIG_QTY, "t",
                                  &tr.quantity))
            ok = 0;
        if (!ok || tr.supplier < 0 || tr.product < 0 || tr.arrive < 0)
            continue;
        for (int k = 0; k < a->n_transit; k++) {
            const hp_actual_transit *o = &a->transit[k];
            if (o->supplier == tr.supplier && o->product == tr.product && o->arrive == tr.arrive) {
                hpi_ld_error(L, g, path,
                             "duplicate shipment (same supplier, product and arrival as the "
                             "entry of line %d), got %s %s",
                             o->line, L->in->suppliers[tr.supplier].id,
                             L->in->products[tr.product].id);
                ok = 0;
                break;
            }
        }
        if (ok)
            a->transit[a->n_transit++] = tr;
    }
}

static void read_events(hpi_ld_ctx *L, const config_setting_t *root, hp_actuals *a)
{
    const config_setting_t *l = config_setting_get_member(root, "events");
    int n;
    if (!l || (n = hpi_ld_list(L, l, "events")) <= 0)
        return;
    a->events = hpi_ld_calloc(L, (size_t)n, sizeof *a->events);
    a->event_lines = hpi_ld_calloc(L, (size_t)n, sizeof *a->event_lines);
    if (!a->events || !a->event_lines)
        return;
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i), *ms, *mr, *m;
        char path[64], mp[96], v[96];
        hp_event e = {-1, -1, 0, 0, 1.0, 1.0};
        int ok = 1;
        hpi_ld_path_idx(path, sizeof path, "events", i);
        if (!hpi_ld_group(L, g, path))
            continue;
        hpi_ld_check_keys(L, g, path, event_keys);
        ms = config_setting_get_member(g, "supplier");
        mr = config_setting_get_member(g, "region");
        if ((ms != NULL) == (mr != NULL)) {
            hpi_ld_error(L, g, path, "give exactly one of supplier and region, got %s",
                         ms ? "both" : "neither");
            ok = 0;
        } else if (ms) {
            hpi_ld_path_key(mp, sizeof mp, path, "supplier");
            ok = (e.supplier = supplier_ref(L, ms, mp)) >= 0;
        } else {
            hpi_ld_path_key(mp, sizeof mp, path, "region");
            ok = (e.region_idx = hpi_ld_region_ref(L, mr, mp)) >= 0;
        }
        if ((m = hpi_ld_member(L, g, path, "from", 1))) {
            hpi_ld_path_key(mp, sizeof mp, path, "from");
            ok &= quarter_off(L, m, mp, &e.from);
        } else {
            ok = 0;
        }
        e.to = e.from;
        if ((m = config_setting_get_member(g, "to"))) {
            hpi_ld_path_key(mp, sizeof mp, path, "to");
            if (quarter_off(L, m, mp, &e.to) && ok && e.to < e.from) {
                hpi_ld_value(m, v, sizeof v);
                hpi_ld_error(L, m, mp, "must not be before from, got %s", v);
                ok = 0;
            }
        }
        if (!hpi_ld_member_number(L, g, path, "factor", 1, HPI_LD_UNIT, 0.0, "", &e.factor))
            ok = 0;
        if (ok) {
            a->event_lines[a->n_events] = (int)config_setting_source_line(g);
            a->events[a->n_events++] = e;
        }
    }
}

static int err_cmp(const void *x, const void *y)
{
    const hpi_ld_err *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

hp_status hp_actuals_load_string(const char *text, const char *path, const hp_instance *in,
                                 hp_actuals **out, hp_diag *diag)
{
    hp_status st = HP_OK;
    config_t cfg;
    hpi_ld_ctx L;
    hp_actuals *a = NULL;
    char *defused = NULL;
    const char **pids = NULL, **sids = NULL;

    memset(&L, 0, sizeof L);
    config_init(&cfg);
    *out = NULL;
    L.file = path ? path : "<string>";
    /* the loader's readers take a mutable instance; nothing here writes it */
    L.in = (hp_instance *)(uintptr_t)in;
    L.T = in->T;
    L.start_abs = in->start_year * 4 + in->start_q - 1;
    L.start_ok = 1;
    L.products_known = L.suppliers_known = 1;
    a = calloc(1, sizeof *a);
    pids = calloc((size_t)in->n_products, sizeof *pids);
    sids = calloc((size_t)in->n_suppliers, sizeof *sids);
    if (!a || !pids || !sids || !(a->file = strdup(L.file)) ||
        !(a->stock = malloc((size_t)in->n_products * sizeof *a->stock))) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int p = 0; p < in->n_products; p++) {
        a->stock[p] = NAN;
        pids[p] = in->products[p].id;
    }
    for (int j = 0; j < in->n_suppliers; j++)
        sids[j] = in->suppliers[j].id;
    L.product_ids = pids;
    L.n_product_ids = in->n_products;
    L.supplier_ids = sids;
    L.n_supplier_ids = in->n_suppliers;
    pids = sids = NULL; /* L owns them now */
    config_set_options(&cfg, CONFIG_OPTION_AUTOCONVERT);
    config_set_include_dir(&cfg, "/dev/null");
    if (hpi_ld_scan_include(&L, text))
        goto report;
    if (!(defused = hpi_ld_defuse_strings(text))) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (!config_read_string(&cfg, defused)) {
        hpi_ld_error_at(&L, (unsigned)config_error_line(&cfg), NULL, "%s",
                        config_error_text(&cfg) ? config_error_text(&cfg) : "parse error");
        goto report;
    }
    if (hpi_ld_scan_ints(&L, text))
        goto report;
    {
        const config_setting_t *root = config_root_setting(&cfg);
        hpi_ld_check_keys(&L, root, "", top_keys);
        read_quarter(&L, root);
        read_stock(&L, root, a);
        read_transit(&L, root, a);
        read_events(&L, root, a);
    }
report:
    if (L.nomem) {
        st = HP_ENOMEM;
    } else if (L.n_err > 0) {
        st = HP_EINVAL;
        qsort(L.errs, (size_t)L.n_err, sizeof *L.errs, err_cmp);
        for (int k = 0; k < L.n_err && diag; k++)
            if (hp_diag_add(diag, "%s", L.errs[k].msg) != HP_OK) {
                st = HP_ENOMEM;
                break;
            }
    }
cleanup:
    if (st == HP_OK) {
        *out = a;
        a = NULL;
    }
    hp_actuals_free(a);
    for (int k = 0; k < L.n_err; k++)
        free(L.errs[k].msg);
    free(L.errs);
    free((void *)(uintptr_t)L.product_ids);
    free((void *)(uintptr_t)L.supplier_ids);
    free(pids);
    free(sids);
    free(defused);
    config_destroy(&cfg);
    return st;
}

hp_status hp_actuals_load(const char *path, const hp_instance *in, hp_actuals **out, hp_diag *diag)
{
    hp_status st = HP_OK;
    FILE *f = NULL;
    char *buf = NULL;
    size_t len;

    *out = NULL;
    f = fopen(path, "rb");
    if (!f) {
        st = hp_diag_add(diag, "%s: cannot read: %s", path, strerror(errno)) ? HP_ENOMEM : HP_EIO;
        goto cleanup;
    }
    buf = malloc((size_t)ACT_MAX_FILE + 1);
    if (!buf) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    len = fread(buf, 1, (size_t)ACT_MAX_FILE + 1, f);
    if (ferror(f)) {
        st = hp_diag_add(diag, "%s: cannot read: %s", path, strerror(errno)) ? HP_ENOMEM : HP_EIO;
        goto cleanup;
    }
    if (len > (size_t)ACT_MAX_FILE || memchr(buf, '\0', len)) {
        st = hp_diag_add(diag, "%s: not an actuals file (a text file of at most %ld MiB)", path,
                         ACT_MAX_FILE >> 20)
                 ? HP_ENOMEM
                 : HP_EINVAL;
        goto cleanup;
    }
    buf[len] = '\0';
    st = hp_actuals_load_string(buf, path, in, out, diag);
cleanup:
    if (f)
        fclose(f);
    free(buf);
    return st;
}

static int event_hits(const hp_event *e, const hp_instance *in, int j, int t)
{
    if (t < e->from || t > e->to)
        return 0;
    return e->supplier >= 0 ? e->supplier == j : in->suppliers[j].region_idx == e->region_idx;
}

double hp_actuals_factor(const hp_actuals *a, const hp_instance *in, int j, int t)
{
    double f = 1.0;
    for (int k = 0; a && k < a->n_events; k++)
        if (event_hits(&a->events[k], in, j, t))
            f *= a->events[k].factor;
    return f;
}

void hp_actuals_apply_events(const hp_actuals *a, hp_instance *in)
{
    size_t J = (size_t)in->n_suppliers, T = (size_t)in->T;
    if (!a || a->n_events == 0)
        return;
    for (int s = 0; s < in->n_scenarios; s++)
        for (size_t j = 0; j < J; j++)
            for (size_t t = 0; t < T; t++)
                in->avail[((size_t)s * J + j) * T + t] *= hp_actuals_factor(a, in, (int)j, (int)t);
}
