/* hreeplan model layer: the sourcing model in SMPS (export.h).
 *
 * The stages are those of the L-shaped mapping (decompose_int.h,
 * hpi_dc_build): the first stage (orders, lots, contracts, the column `one`
 * fixed at 1 that opens the reserve) with its rows, then the recourse
 * template (spot, unmet, inventory, safety shortfall, reserve releases,
 * take-or-pay shortfalls, terminal shortfall) with its rows.  What differs
 * between scenarios is the technology matrix T_s (the balance rows' order
 * coefficients -a[s,j,t], the reserve rows' entries of `one`) and, when
 * scenarios carry spot prices, the spot columns' costs.
 *
 * The core is scenario 1: its T_1 entries, with an explicit 0 where
 * another scenario has an entry and scenario 1 has none, so that every
 * random entry has a place in the core.  The STOCH file has one SCENARIOS
 * DISCRETE block whose scenario k >= 2 lists the entries and costs where it
 * differs from the core, each with the scenario's probability.  Names are
 * the model's (ids hold no blanks: free MPS reads them); numbers carry 17
 * significant digits, so readers get back the doubles hreeplan holds. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decompose_int.h"
#include "export.h"

/* The periods of the TIME file. */
#define P1 "ORDERS"
#define P2 "RECOURSE"
/* The objective row. */
#define OBJ "TOTAL"

typedef struct ent {
    int col, row; /* core indices */
    double val;
} ent;

static int by_col_row(const void *a, const void *b)
{
    const ent *x = a, *y = b;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The core seen whole: columns [first | second], rows [first | second]. */
typedef struct core {
    const hpi_dc *d;
    int n1, n2, m1, m2;
    ent *e; /* column-major, merged */
    size_t ne;
    ent *pat; /* T pattern (second-stage row, first-stage column), sorted */
    size_t npat;
    int *spot_p, *spot_t;       /* recourse column -> spot (p, t), or -1 */
    int *buy_j, *buy_p, *buy_t; /* first-stage column -> order x[j,p,t], or -1 */
} core;

static const char *col_name(const core *c, int j)
{
    return j < c->n1 ? hp_lp_col_name(c->d->first, j) : hp_lp_col_name(c->d->second, j - c->n1);
}

static const char *row_name(const core *c, int i)
{
    return i < c->m1 ? hp_lp_row_name(c->d->first, i) : hp_lp_row_name(c->d->second, i - c->m1);
}

static void row_bounds(const core *c, int i, double *lb, double *ub)
{
    const hp_lp *lp = i < c->m1 ? c->d->first : c->d->second;
    int r = i < c->m1 ? i : i - c->m1;
    *lb = hp_lp_row_lb(lp, r);
    *ub = hp_lp_row_ub(lp, r);
}

static int is_free(const core *c, int i)
{
    double lb, ub;
    row_bounds(c, i, &lb, &ub);
    return !isfinite(lb) && !isfinite(ub);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Nonzero when the n names are not unique (or one holds a blank). */
static void names_bad(const char **v, int n, int *bad)
{
    *bad = 0;
    for (int k = 0; k < n; k++)
        if (!v[k][0] || strpbrk(v[k], " \t\r\n"))
            *bad = 1;
    qsort(v, (size_t)n, sizeof *v, by_name);
    for (int k = 1; k < n && !*bad; k++)
        *bad = !strcmp(v[k - 1], v[k]);
}

/* Entry k of scenario s in the pattern: its index, or -1. */
static long pat_find(const core *c, int row, int col)
{
    size_t lo = 0, hi = c->npat;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ent *p = &c->pat[mid];
        int cmp = p->col != col ? (p->col < col ? -1 : 1) : (p->row < row ? -1 : p->row > row);
        if (cmp == 0)
            return (long)mid;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Scenario s's T values on the pattern into v (npat). */
static void tech_of(const core *c, int s, double *v)
{
    const hp_lshaped_problem *pb = &c->d->pb;
    for (size_t k = 0; k < c->npat; k++)
        v[k] = 0.0;
    for (size_t k = pb->tech_beg[s]; k < pb->tech_beg[s + 1]; k++) {
        long q = pat_find(c, c->m1 + pb->tech_row[k], pb->tech_col[k]);
        if (q >= 0)
            v[q] += pb->tech_val[k];
    }
}

/* Sorts and merges e[0..n) (duplicates summed); the new count. */
static size_t merge(ent *e, size_t n)
{
    size_t w = 0;
    qsort(e, n, sizeof *e, by_col_row);
    for (size_t k = 0; k < n; k++) {
        if (w > 0 && e[w - 1].col == e[k].col && e[w - 1].row == e[k].row)
            e[w - 1].val += e[k].val;
        else
            e[w++] = e[k];
    }
    return w;
}

static hp_status build_core(core *c)
{
    const hpi_dc *d = c->d;
    const hp_lshaped_problem *pb = &d->pb;
    size_t nf = hp_lp_nnz(d->first), ns = hp_lp_nnz(d->second), nt = pb->tech_beg[pb->n_scen];
    double *v = NULL;
    hp_status st = HP_OK;

    c->pat = malloc((nt ? nt : 1) * sizeof *c->pat);
    if (!c->pat)
        return HP_ENOMEM;
    for (size_t k = 0; k < nt; k++) {
        c->pat[k].col = pb->tech_col[k];
        c->pat[k].row = c->m1 + pb->tech_row[k];
        c->pat[k].val = 0.0;
    }
    c->npat = merge(c->pat, nt);
    c->e = malloc((nf + ns + c->npat + 1) * sizeof *c->e);
    v = malloc((c->npat + 1) * sizeof *v);
    if (!c->e || !v) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    tech_of(c, 0, v);
    for (size_t k = 0; k < nf; k++)
        c->e[c->ne++] = (ent){hp_lp_coef_cols(d->first)[k], hp_lp_coef_rows(d->first)[k],
                              hp_lp_coef_vals(d->first)[k]};
    for (size_t k = 0; k < ns; k++)
        c->e[c->ne++] = (ent){c->n1 + hp_lp_coef_cols(d->second)[k],
                              c->m1 + hp_lp_coef_rows(d->second)[k], hp_lp_coef_vals(d->second)[k]};
    for (size_t k = 0; k < c->npat; k++)
        c->e[c->ne++] = (ent){c->pat[k].col, c->pat[k].row, v[k]};
    c->ne = merge(c->e, c->ne);
cleanup:
    free(v);
    return st;
}

/* The columns whose cost is scenario data: the spot columns of the
 * recourse (scenario spot prices) and the orders (paid on arrival, at the
 * scenario's price factor). */
static hp_status find_random_costs(core *c, const hp_instance *in)
{
    const hp_model *m = c->d->m;
    c->spot_p = malloc(((size_t)c->n2 + 1) * sizeof *c->spot_p);
    c->spot_t = malloc(((size_t)c->n2 + 1) * sizeof *c->spot_t);
    c->buy_j = malloc(((size_t)c->n1 + 1) * sizeof *c->buy_j);
    c->buy_p = malloc(((size_t)c->n1 + 1) * sizeof *c->buy_p);
    c->buy_t = malloc(((size_t)c->n1 + 1) * sizeof *c->buy_t);
    if (!c->spot_p || !c->spot_t || !c->buy_j || !c->buy_p || !c->buy_t)
        return HP_ENOMEM;
    for (int j = 0; j < c->n1; j++)
        c->buy_j[j] = c->buy_p[j] = c->buy_t[j] = -1;
    for (int j = 0; j < in->n_suppliers; j++)
        for (int p = 0; p < in->n_products; p++)
            for (int t = 0; t < in->T; t++) {
                int col = m->x[((size_t)j * (size_t)in->n_products + (size_t)p) * (size_t)in->T +
                               (size_t)t];
                if (col >= 0 && c->d->f_of[col] >= 0 && hp_offer_find(in, j, p)) {
                    c->buy_j[c->d->f_of[col]] = j;
                    c->buy_p[c->d->f_of[col]] = p;
                    c->buy_t[c->d->f_of[col]] = t;
                }
            }
    for (int j = 0; j < c->n2; j++)
        c->spot_p[j] = c->spot_t[j] = -1;
    for (int p = 0; p < in->n_products; p++)
        for (int t = 0; t < in->T; t++) {
            int col = m->y[(size_t)p * (size_t)in->T + (size_t)t];
            if (col >= 0 && c->d->r_of[col] >= 0) {
                c->spot_p[c->d->r_of[col]] = p;
                c->spot_t[c->d->r_of[col]] = t;
            }
        }
    return HP_OK;
}

/* The cost of core column j in scenario s. */
static double cost_of(const core *c, const hp_instance *in, int risk, int j, int s)
{
    if (j < c->n1 && (risk || c->buy_j[j] < 0))
        return hp_lp_obj(c->d->first, j);
    if (j < c->n1) /* MODEL.md: 1000 c[j,p,t] pf[s,j,t] a[s,j,t] x */
        return 1000.0 * hp_offer_find(in, c->buy_j[j], c->buy_p[j])->price[c->buy_t[j]] *
               hp_price_factor(in, s, c->buy_j[j], c->buy_t[j]) *
               hp_avail(in, s, c->buy_j[j], c->buy_t[j]);
    double q = hp_lp_obj(c->d->second, j - c->n1);
    if (!risk && c->spot_p[j - c->n1] >= 0)
        q *= hp_spot_factor(in, s, c->spot_p[j - c->n1], c->spot_t[j - c->n1]);
    return q;
}

static hp_status put_bounds(FILE *f, const char *name, double lb, double ub, int is_int)
{
    hp_status st = HP_OK;
    if (lb == ub)
        return hpi_export_put(f, " FX BND %s %.17g\n", name, lb + 0.0);
    if (!isfinite(lb) && !isfinite(ub))
        return hpi_export_put(f, " FR BND %s\n", name);
    if (!isfinite(lb))
        HP_CALL(hpi_export_put(f, " MI BND %s\n", name));
    else if (lb != 0.0 || is_int)
        HP_CALL(hpi_export_put(f, " LO BND %s %.17g\n", name, lb + 0.0));
    if (isfinite(ub))
        HP_CALL(hpi_export_put(f, " UP BND %s %.17g\n", name, ub + 0.0));
    else if (is_int) /* MPS readers give integer columns [0, 1] unless told */
        HP_CALL(hpi_export_put(f, " PL BND %s\n", name));
cleanup:
    return st;
}

static hp_status write_core(FILE *f, const core *c, const hp_instance *in, int risk)
{
    hp_status st = HP_OK;
    int n = c->n1 + c->n2, m = c->m1 + c->m2, in_int = 0;
    size_t k = 0;
    HP_CALL(hpi_export_put(f,
                           "* hreeplan %s: the sourcing model, two-stage, scenario 1 of %d\n"
                           "* (orders and contracts in period " P1 ", the rest in " P2 ")\n",
                           in->file ? in->file : "instance", in->n_scenarios));
    HP_CALL(hpi_export_put(f, "NAME hreeplan\nROWS\n N " OBJ "\n"));
    for (int i = 0; i < m; i++) {
        double lb, ub;
        row_bounds(c, i, &lb, &ub);
        HP_CALL(hpi_export_put(f, " %s %s\n",
                               is_free(c, i)   ? "N"
                               : lb == ub      ? "E"
                               : !isfinite(lb) ? "L"
                                               : "G",
                               row_name(c, i)));
    }
    HP_CALL(hpi_export_put(f, "COLUMNS\n"));
    for (int j = 0; j < n; j++) {
        int is_int = j < c->n1 && hp_lp_col_is_int(c->d->first, j);
        double q = cost_of(c, in, risk, j, 0);
        if (is_int != in_int) {
            HP_CALL(hpi_export_put(f, " MARKER 'MARKER' '%s'\n", is_int ? "INTORG" : "INTEND"));
            in_int = is_int;
        }
        /* every column has a line, its cost (0 or not) first */
        HP_CALL(hpi_export_put(f, " %s " OBJ " %.17g\n", col_name(c, j), q + 0.0));
        for (; k < c->ne && c->e[k].col == j; k++)
            HP_CALL(hpi_export_put(f, " %s %s %.17g\n", col_name(c, j), row_name(c, c->e[k].row),
                                   c->e[k].val + 0.0));
    }
    if (in_int)
        HP_CALL(hpi_export_put(f, " MARKER 'MARKER' 'INTEND'\n"));
    HP_CALL(hpi_export_put(f, "RHS\n"));
    for (int i = 0; i < m; i++) {
        double lb, ub, rhs;
        if (is_free(c, i))
            continue;
        row_bounds(c, i, &lb, &ub);
        rhs = isfinite(lb) ? lb : ub;
        if (rhs != 0.0)
            HP_CALL(hpi_export_put(f, " RHS %s %.17g\n", row_name(c, i), rhs));
    }
    HP_CALL(hpi_export_put(f, "RANGES\n"));
    for (int i = 0; i < m; i++) {
        double lb, ub;
        row_bounds(c, i, &lb, &ub);
        if (isfinite(lb) && isfinite(ub) && lb != ub)
            HP_CALL(hpi_export_put(f, " RNG %s %.17g\n", row_name(c, i), ub - lb));
    }
    HP_CALL(hpi_export_put(f, "BOUNDS\n"));
    for (int j = 0; j < n; j++) {
        const hp_lp *lp = j < c->n1 ? c->d->first : c->d->second;
        int jj = j < c->n1 ? j : j - c->n1;
        double lb = hp_lp_col_lb(lp, jj), ub = hp_lp_col_ub(lp, jj);
        int is_int = hp_lp_col_is_int(lp, jj);
        if (lb != 0.0 || isfinite(ub) || is_int)
            HP_CALL(put_bounds(f, col_name(c, j), lb, ub, is_int));
    }
    HP_CALL(hpi_export_put(f, "ENDATA\n"));
cleanup:
    return st;
}

/* The first row of a stage the readers keep (not free), or -1. */
static int first_row(const core *c, int from, int to)
{
    for (int i = from; i < to; i++)
        if (!is_free(c, i))
            return i;
    return -1;
}

static hp_status write_time(FILE *f, const core *c)
{
    hp_status st = HP_OK;
    int r1 = first_row(c, 0, c->m1), r2 = first_row(c, c->m1, c->m1 + c->m2);
    if (r1 < 0 || r2 < 0 || c->n1 == 0 || c->n2 == 0)
        return HP_EINTERNAL; /* stage_rows() gives each stage a kept row */
    HP_CALL(hpi_export_put(f, "TIME hreeplan\nPERIODS IMPLICIT\n"));
    HP_CALL(hpi_export_put(f, " %s %s " P1 "\n", col_name(c, 0), row_name(c, r1)));
    HP_CALL(hpi_export_put(f, " %s %s " P2 "\n", col_name(c, c->n1), row_name(c, r2)));
    HP_CALL(hpi_export_put(f, "ENDATA\n"));
cleanup:
    return st;
}

static hp_status write_stoch(FILE *f, const core *c, const hp_instance *in, int risk,
                             const char *const *sc_name)
{
    hp_status st = HP_OK;
    int S = in->n_scenarios;
    double *v0 = malloc((c->npat + 1) * sizeof *v0), *v = malloc((c->npat + 1) * sizeof *v);
    if (!v0 || !v) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    tech_of(c, 0, v0);
    HP_CALL(hpi_export_put(f, "STOCH hreeplan\nSCENARIOS DISCRETE\n"));
    for (int s = 0; s < S; s++) {
        HP_CALL(hpi_export_put(f, " SC %s ROOT %.17g " P2 "\n", sc_name[s],
                               in->scenarios[s].probability));
        if (s == 0)
            continue;
        tech_of(c, s, v);
        for (size_t k = 0; k < c->npat; k++)
            if (v[k] != v0[k])
                HP_CALL(hpi_export_put(f, " %s %s %.17g\n", col_name(c, c->pat[k].col),
                                       row_name(c, c->pat[k].row), v[k] + 0.0));
        for (int j = 0; j < c->n1 + c->n2 && !risk; j++) {
            double q = cost_of(c, in, risk, j, s);
            if (q != cost_of(c, in, risk, j, 0))
                HP_CALL(hpi_export_put(f, " %s " OBJ " %.17g\n", col_name(c, j), q + 0.0));
        }
    }
    HP_CALL(hpi_export_put(f, "ENDATA\n"));
cleanup:
    free(v0);
    free(v);
    return st;
}

/* Every stage needs a row that is not free for the TIME file to name: an
 * empty row 0 >= 0 where a stage has none. */
static hp_status stage_rows(hpi_dc *d)
{
    const hp_lp *lps[2] = {d->first, d->second};
    static const char *const names[2] = {"hreeplan.orders", "hreeplan.recourse"};
    for (int k = 0; k < 2; k++) {
        int kept = 0;
        for (int i = 0; i < hp_lp_nrows(lps[k]) && !kept; i++)
            kept = isfinite(hp_lp_row_lb(lps[k], i)) || isfinite(hp_lp_row_ub(lps[k], i));
        if (!kept && hp_lp_add_row(k ? d->second : d->first, names[k], 0.0, HUGE_VAL) < 0)
            return HP_ENOMEM;
    }
    return HP_OK;
}

/* Column and row names must be unique and blank-free (ids are: this is a
 * guard); scenario names that are not are replaced by S1, S2, ... */
static hp_status check_names(const core *c, const hp_instance *in, int *bad, int *sc_generic)
{
    int n = c->n1 + c->n2, m = c->m1 + c->m2, S = in->n_scenarios;
    int big = n > m + 1 ? n : m + 1;
    const char **v = malloc((size_t)(big > S ? big : S) * sizeof *v);
    int b = 0;
    if (!v)
        return HP_ENOMEM;
    for (int j = 0; j < n; j++)
        v[j] = col_name(c, j);
    names_bad(v, n, bad);
    for (int i = 0; i < m; i++)
        v[i] = row_name(c, i);
    v[m] = OBJ;
    names_bad(v, m + 1, &b);
    *bad |= b;
    for (int s = 0; s < S; s++)
        v[s] = in->scenarios[s].name ? in->scenarios[s].name : "";
    names_bad(v, S, &b);
    for (int s = 0; s < S && !b; s++)
        b = !strcmp(v[s], "ROOT");
    *sc_generic = b;
    free(v);
    return HP_OK;
}

hp_status hp_export_smps(FILE *cor, FILE *tim, FILE *sto, const hp_instance *inst,
                         const hp_model_opts *mo, int risk, char *err, size_t errlen)
{
    hp_instance flat = *inst;
    hpi_dc d;
    core c;
    hp_status st;
    int bad = 0, sc_generic = 0;
    char **sc_name = NULL;

    memset(&c, 0, sizeof c);
    err[0] = '\0';
    /* scenario spot prices are random recourse costs, written by this
     * file; the mapping takes the spot price at factor 1 */
    flat.spot_factor = NULL;
    hpi_dc_spec spec = hpi_dc_plain(risk ? HPI_DC_RISK : HPI_DC_COST);
    st = hpi_dc_build(&d, &flat, mo->measure, mo->alpha, &spec);
    /* an infinite lower bound of the recourse value matters to the
     * L-shaped master, not to the file: the readers find their own */
    if (st == HP_EINVAL && d.tie && !isfinite(d.pb.value_lb))
        st = HP_OK;
    if (st)
        goto cleanup;
    HP_CALL(stage_rows(&d));
    c.d = &d;
    c.n1 = hp_lp_ncols(d.first);
    c.n2 = hp_lp_ncols(d.second);
    c.m1 = hp_lp_nrows(d.first);
    c.m2 = hp_lp_nrows(d.second);
    HP_CALL(build_core(&c));
    HP_CALL(find_random_costs(&c, inst));
    HP_CALL(check_names(&c, inst, &bad, &sc_generic));
    if (bad) {
        snprintf(err, errlen, "%s: the model's names are not unique blank-free MPS names",
                 inst->file ? inst->file : "instance");
        st = HP_EINVAL;
        goto cleanup;
    }
    sc_name = calloc((size_t)inst->n_scenarios + 1, sizeof *sc_name);
    if (!sc_name) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int s = 0; s < inst->n_scenarios; s++) {
        char buf[32];
        snprintf(buf, sizeof buf, "S%d", s + 1);
        if (!(sc_name[s] = strdup(sc_generic ? buf : inst->scenarios[s].name))) {
            st = HP_ENOMEM;
            goto cleanup;
        }
    }
    HP_CALL(write_core(cor, &c, inst, risk));
    HP_CALL(write_time(tim, &c));
    HP_CALL(write_stoch(sto, &c, inst, risk, (const char *const *)sc_name));
cleanup:
    if (st == HP_ENOMEM && !err[0])
        snprintf(err, errlen, "out of memory writing the SMPS files");
    else if (st == HP_EINTERNAL && !err[0])
        snprintf(err, errlen, "internal error mapping the model into stages");
    if (sc_name)
        for (int s = 0; s < inst->n_scenarios; s++)
            free(sc_name[s]);
    free(sc_name);
    free(c.e);
    free(c.pat);
    free(c.spot_p);
    free(c.spot_t);
    free(c.buy_j);
    free(c.buy_p);
    free(c.buy_t);
    hpi_dc_free(&d);
    return st;
}
