/* hreeplan solver layer: the SMPS stochastic file (INDEP, BLOCKS and
 * SCENARIOS sections, DISCRETE distributions) into the random elements and
 * independent parts of smps_int.h. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "smps_int.h"

enum { M_REPLACE, M_ADD, M_MULTIPLY };

static double core_value(const hp_smps *p, const hpi_smps_elem *e)
{
    switch (e->kind) {
    case HPI_SE_RHS:
        return p->rhs[e->idx];
    case HPI_SE_COEF:
        return p->t_val[e->idx];
    case HPI_SE_COST:
        return p->cost[e->idx];
    case HPI_SE_LO:
        return p->lb[e->idx];
    default:
        return p->ub[e->idx];
    }
}

static int find_elem(const hp_smps *p, int kind, int idx)
{
    for (int k = 0; k < p->n_elem; k++)
        if (p->elem[k].kind == kind && p->elem[k].idx == idx)
            return k;
    return -1;
}

/* Inserts an explicit zero entry (column j, row i) into the core so that a
 * random entry absent from the core has a place; its triplet index. */
static int insert_entry(hp_smps *p, int j, int i, int line)
{
    size_t pos = p->col_beg[j + 1], c1 = p->cap_nnz, c2 = p->cap_nnz;
    if (p->nnz + 1 > p->cap_nnz) {
        size_t nc = p->cap_nnz ? 2 * p->cap_nnz : 64;
        int *a = realloc(p->t_row, nc * sizeof *a);
        if (a)
            p->t_row = a;
        double *b = a ? realloc(p->t_val, nc * sizeof *b) : NULL;
        if (b)
            p->t_val = b;
        int *c = b ? realloc(p->t_line, nc * sizeof *c) : NULL;
        if (!c)
            return -1;
        p->t_line = c;
        p->cap_nnz = nc;
    }
    (void)c1;
    (void)c2;
    memmove(p->t_row + pos + 1, p->t_row + pos, (p->nnz - pos) * sizeof *p->t_row);
    memmove(p->t_val + pos + 1, p->t_val + pos, (p->nnz - pos) * sizeof *p->t_val);
    memmove(p->t_line + pos + 1, p->t_line + pos, (p->nnz - pos) * sizeof *p->t_line);
    p->t_row[pos] = i;
    p->t_val[pos] = 0.0;
    p->t_line[pos] = line;
    p->nnz++;
    for (int q = j + 1; q <= p->cols.n; q++)
        p->col_beg[q]++;
    for (int k = 0; k < p->n_elem; k++)
        if (p->elem[k].kind == HPI_SE_COEF && (size_t)p->elem[k].idx >= pos)
            p->elem[k].idx++;
    return (int)pos;
}

static int new_elem(hp_smps *p, int kind, int idx)
{
    int k = find_elem(p, kind, idx);
    if (k >= 0)
        return k;
    if (p->n_elem == p->cap_elem) {
        int nc = p->cap_elem ? 2 * p->cap_elem : 32;
        hpi_smps_elem *ne = realloc(p->elem, (size_t)nc * sizeof *ne);
        if (!ne)
            return -1;
        p->elem = ne;
        p->cap_elem = nc;
    }
    p->elem[p->n_elem].kind = kind;
    p->elem[p->n_elem].idx = idx;
    p->elem[p->n_elem].factor = -1;
    return p->n_elem++;
}

/* The random element(s) of fields [BTYPE] A B: ids[0..return), or -1
 * after an error (HP_ENOMEM: *nomem set). */
static int elements(hp_smps *p, hpi_smps_rd *r, const char *btype, const char *a, const char *b,
                    int ids[2], int *nomem)
{
    int j, i, n = 0;
    if (btype) { /* BTYPE BOUNDSET COLUMN */
        int lo = !strcmp(btype, "LO") || !strcmp(btype, "FX"),
            up = !strcmp(btype, "UP") || !strcmp(btype, "FX");
        if (!lo && !up) {
            hpi_smps_fail(r, "random bound type '%s': expected UP, LO or FX", btype);
            return -1;
        }
        if ((j = hpi_names_find(&p->cols, b)) < 0) {
            hpi_smps_fail(r, "unknown column '%s'", b);
            return -1;
        }
        if (j < p->n1) {
            hpi_smps_fail(r,
                          "column '%s' belongs to the first stage (%s): its bounds cannot be "
                          "random",
                          b, p->period[0]);
            return -1;
        }
        if (lo)
            ids[n++] = new_elem(p, HPI_SE_LO, j);
        if (up)
            ids[n++] = new_elem(p, HPI_SE_UP, j);
        for (int k = 0; k < n; k++)
            if (ids[k] < 0)
                return *nomem = 1, -1;
        return n;
    }
    if ((j = hpi_names_find(&p->cols, a)) >= 0) {
        if (p->obj_name && !strcmp(b, p->obj_name)) {
            ids[0] = new_elem(p, HPI_SE_COST, j);
        } else {
            int t = -1;
            if ((i = hpi_names_find(&p->rows, b)) < 0) {
                hpi_smps_fail(r, "unknown row '%s'", b);
                return -1;
            }
            if (i < p->m1) {
                hpi_smps_fail(r,
                              "row '%s' belongs to the first stage (%s): its entries cannot "
                              "be random",
                              b, p->period[0]);
                return -1;
            }
            for (size_t k = p->col_beg[j]; k < p->col_beg[j + 1]; k++)
                if (p->t_row[k] == i)
                    t = (int)k;
            if (t < 0 && (t = insert_entry(p, j, i, r->line)) < 0)
                return *nomem = 1, -1;
            ids[0] = new_elem(p, HPI_SE_COEF, t);
        }
    } else if ((i = hpi_names_find(&p->rows, b)) >= 0) {
        if (i < p->m1) {
            hpi_smps_fail(r,
                          "row '%s' belongs to the first stage (%s): its right-hand side cannot be "
                          "random",
                          b, p->period[0]);
            return -1;
        }
        ids[0] = new_elem(p, HPI_SE_RHS, i);
    } else if (p->obj_name && !strcmp(b, p->obj_name)) {
        hpi_smps_fail(r, "a random objective constant is not supported");
        return -1;
    } else {
        hpi_smps_fail(r, "'%s %s': no column '%s' and no row '%s'", a, b, a, b);
        return -1;
    }
    if (ids[0] < 0)
        return *nomem = 1, -1;
    return 1;
}

static hpi_smps_factor *new_factor(hp_smps *p, const char *name, int kind, int line)
{
    hpi_smps_factor *f;
    if (p->n_fac == p->cap_fac) {
        int nc = p->cap_fac ? 2 * p->cap_fac : 16;
        hpi_smps_factor *nf = realloc(p->fac, (size_t)nc * sizeof *nf);
        if (!nf)
            return NULL;
        p->fac = nf;
        p->cap_fac = nc;
    }
    f = &p->fac[p->n_fac];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->line = line;
    if (!(f->name = strdup(name)))
        return NULL;
    p->n_fac++;
    return f;
}

/* A new outcome of f with probability prob (name kept for SCENARIOS). */
static int new_outcome(hpi_smps_factor *f, double prob, const char *name)
{
    if (f->n_out + 1 >= f->cap_out) {
        int nc = f->cap_out ? 2 * f->cap_out : 8;
        double *np = realloc(f->prob, (size_t)nc * sizeof *np);
        if (np)
            f->prob = np;
        size_t *nb = np ? realloc(f->beg, (size_t)(nc + 1) * sizeof *nb) : NULL;
        if (nb)
            f->beg = nb;
        if (!nb)
            return -1;
        if (f->kind == 2) {
            char **nn = realloc(f->out_name, (size_t)nc * sizeof *nn);
            if (!nn)
                return -1;
            f->out_name = nn;
        }
        f->cap_out = nc;
    }
    f->prob[f->n_out] = prob;
    f->beg[f->n_out] = f->n_mods;
    f->beg[f->n_out + 1] = f->n_mods;
    if (f->kind == 2 && !(f->out_name[f->n_out] = strdup(name)))
        return -1;
    f->n_out++;
    return 0;
}

/* Sets elem to v in f's last outcome (replacing an earlier setting). */
static int set_mod(hpi_smps_factor *f, int elem, double v)
{
    size_t b = f->beg[f->n_out - 1];
    for (size_t k = b; k < f->n_mods; k++)
        if (f->mods[k].elem == elem) {
            f->mods[k].val = v;
            return 0;
        }
    if (f->n_mods == f->cap_mods) {
        size_t nc = f->cap_mods ? 2 * f->cap_mods : 16;
        hpi_smps_mod *nm = realloc(f->mods, nc * sizeof *nm);
        if (!nm)
            return -1;
        f->mods = nm;
        f->cap_mods = nc;
    }
    f->mods[f->n_mods].elem = elem;
    f->mods[f->n_mods].val = v;
    f->n_mods++;
    f->beg[f->n_out] = f->n_mods;
    return 0;
}

typedef struct sctx {
    hp_smps *p;
    hpi_smps_rd *r;
    int mode;
    int nomem;
    int cur; /* the block or SCENARIOS factor being read, -1 none */
} sctx;

/* [BTYPE] A B VALUE: a value in the current outcome of factor fi (-1: the
 * INDEP factor of the element, a new outcome of probability prob). */
static hp_status value_line(sctx *c, char **tok, int n, int fi, double prob)
{
    hp_smps *p = c->p;
    int ids[2], ne, bt = n == 4 || n == 6, k;
    double v;
    hp_status st;
    ne = elements(p, c->r, bt ? tok[0] : NULL, tok[bt], tok[bt + 1], ids, &c->nomem);
    if (ne < 0)
        return c->nomem ? HP_ENOMEM : HP_EINVAL;
    if ((st = hpi_smps_num(c->r, tok[bt + 2], "value", &v)))
        return st;
    if (fi < 0) {
        fi = p->elem[ids[0]].factor;
        if (fi >= 0 && p->fac[fi].kind != 0)
            return hpi_smps_fail(c->r, "%s %s is already random in %s%s (line %d)", tok[bt],
                                 tok[bt + 1], p->fac[fi].kind == 1 ? "block " : "", p->fac[fi].name,
                                 p->fac[fi].line);
        if (fi < 0) {
            char name[256];
            snprintf(name, sizeof name, "%s %s", tok[bt], tok[bt + 1]);
            if (!new_factor(p, name, 0, c->r->line))
                return HP_ENOMEM;
            fi = p->n_fac - 1;
        }
        if (new_outcome(&p->fac[fi], prob, NULL))
            return HP_ENOMEM;
    }
    for (k = 0; k < ne; k++) {
        hpi_smps_elem *e = &p->elem[ids[k]];
        double cv = core_value(p, e), x = v;
        if (e->factor >= 0 && e->factor != fi)
            return hpi_smps_fail(c->r, "%s %s is already random in %s%s (line %d)", tok[bt],
                                 tok[bt + 1], p->fac[e->factor].kind == 1 ? "block " : "",
                                 p->fac[e->factor].name, p->fac[e->factor].line);
        e->factor = fi;
        if (e->kind == HPI_SE_COST)
            x *= p->sense; /* costs of a MAX core are stored negated */
        if (c->mode == M_ADD)
            x = cv + x;
        else if (c->mode == M_MULTIPLY)
            x = cv * (e->kind == HPI_SE_COST ? x * p->sense : x);
        if (!isfinite(x) && e->kind != HPI_SE_LO && e->kind != HPI_SE_UP)
            return hpi_smps_fail(c->r, "%s %s: an infinite value", tok[bt], tok[bt + 1]);
        if (set_mod(&p->fac[fi], ids[k], x))
            return HP_ENOMEM;
    }
    return HP_OK;
}

static hp_status period_ok(sctx *c, const char *per)
{
    if (!strcmp(per, c->p->period[1]))
        return HP_OK;
    if (!strcmp(per, c->p->period[0]))
        return hpi_smps_fail(c->r, "period %s is the first stage: random data belong to %s", per,
                             c->p->period[1]);
    return hpi_smps_fail(c->r, "unknown period '%s' (the TIME file names %s and %s)", per,
                         c->p->period[0], c->p->period[1]);
}

static hp_status prob_of(sctx *c, const char *s, double *pr)
{
    hp_status st = hpi_smps_num(c->r, s, "probability", pr);
    if (!st && !(*pr > 0.0 && *pr <= 1.0 + 1e-9))
        return hpi_smps_fail(c->r, "probability %s: expected a number in (0, 1]", s);
    return st;
}

enum { T_NONE, T_STOCH, T_INDEP, T_BLOCKS, T_SCEN, T_END };

/* A section header: INDEP|BLOCKS|SCENARIOS [DISCRETE] [REPLACE|ADD|MULTIPLY]. */
static hp_status header(sctx *c, char **tok, int n, int *sec)
{
    int s = !strcmp(tok[0], "INDEP")       ? T_INDEP
            : !strcmp(tok[0], "BLOCKS")    ? T_BLOCKS
            : !strcmp(tok[0], "SCENARIOS") ? T_SCEN
            : !strcmp(tok[0], "ENDATA")    ? T_END
            : !strcmp(tok[0], "STOCH")     ? T_STOCH
                                           : -1;
    if (s < 0)
        return hpi_smps_fail(c->r, "unknown section '%s'", tok[0]);
    if ((s == T_STOCH) != (*sec == T_NONE))
        return hpi_smps_fail(c->r, *sec == T_NONE ? "expected STOCH first" : "STOCH twice");
    *sec = s;
    c->mode = M_REPLACE;
    c->cur = -1;
    if (s == T_STOCH || s == T_END)
        return n <= 2 || s == T_STOCH ? HP_OK : hpi_smps_fail(c->r, "unexpected text after ENDATA");
    for (int k = 1; k < n; k++) {
        if (!strcmp(tok[k], "DISCRETE") && k == 1)
            continue;
        if (!strcmp(tok[k], "REPLACE") && s != T_SCEN)
            c->mode = M_REPLACE;
        else if (!strcmp(tok[k], "ADD") && s != T_SCEN)
            c->mode = M_ADD;
        else if (!strcmp(tok[k], "MULTIPLY") && s != T_SCEN)
            c->mode = M_MULTIPLY;
        else if (k == 1 && s != T_SCEN)
            return hpi_smps_fail(c->r, "%s %s: only DISCRETE distributions are supported", tok[0],
                                 tok[k]);
        else
            return hpi_smps_fail(c->r, "%s: unexpected '%s'", tok[0], tok[k]);
    }
    return HP_OK;
}

static hp_status data(sctx *c, char **tok, int n, int sec)
{
    hp_smps *p = c->p;
    hp_status st;
    double pr;
    if (sec == T_INDEP) {
        if (n != 5 && n != 6)
            return hpi_smps_fail(c->r, "expected [BOUND] COLUMN ROW VALUE PERIOD PROBABILITY");
        if ((st = period_ok(c, tok[n - 2])) || (st = prob_of(c, tok[n - 1], &pr)))
            return st;
        return value_line(c, tok, n - 2, -1, pr);
    }
    if ((sec == T_BLOCKS && !strcmp(tok[0], "BL")) || (sec == T_SCEN && !strcmp(tok[0], "SC"))) {
        if (sec == T_BLOCKS ? n != 4 : n != 5 && n != 4)
            return hpi_smps_fail(c->r, sec == T_BLOCKS ? "expected BL BLOCK PERIOD PROBABILITY"
                                                       : "expected SC SCENARIO PARENT PROBABILITY "
                                                         "PERIOD");
        if (sec == T_BLOCKS) {
            int f = -1;
            if ((st = period_ok(c, tok[2])) || (st = prob_of(c, tok[3], &pr)))
                return st;
            for (int k = 0; k < p->n_fac; k++)
                if (p->fac[k].kind == 1 && !strcmp(p->fac[k].name, tok[1]))
                    f = k;
            if (f < 0 && !new_factor(p, tok[1], 1, c->r->line))
                return HP_ENOMEM;
            c->cur = f < 0 ? p->n_fac - 1 : f;
            return new_outcome(&p->fac[c->cur], pr, NULL) ? HP_ENOMEM : HP_OK;
        }
        if ((n == 5 && (st = period_ok(c, tok[4]))) || (st = prob_of(c, tok[3], &pr)))
            return st;
        if (c->cur < 0) {
            int f = -1;
            for (int k = 0; k < p->n_fac; k++)
                if (p->fac[k].kind == 2)
                    f = k;
            if (f < 0 && !new_factor(p, "SCENARIOS", 2, c->r->line))
                return HP_ENOMEM;
            c->cur = f < 0 ? p->n_fac - 1 : f;
        }
        hpi_smps_factor *f = &p->fac[c->cur];
        int parent = -1;
        for (int k = 0; k < f->n_out; k++)
            if (!strcmp(f->out_name[k], tok[1]))
                return hpi_smps_fail(c->r, "scenario '%s' given twice", tok[1]);
        if (strcasecmp(tok[2], "ROOT")) {
            for (int k = 0; k < f->n_out; k++)
                if (!strcmp(f->out_name[k], tok[2]))
                    parent = k;
            if (parent < 0)
                return hpi_smps_fail(c->r, "unknown parent scenario '%s'", tok[2]);
        }
        if (new_outcome(f, pr, tok[1]))
            return HP_ENOMEM;
        if (parent >= 0)
            for (size_t k = f->beg[parent]; k < f->beg[parent + 1]; k++)
                if (set_mod(f, f->mods[k].elem, f->mods[k].val))
                    return HP_ENOMEM;
        return HP_OK;
    }
    if (n != 3 && n != 4)
        return hpi_smps_fail(c->r, "expected [BOUND] COLUMN ROW VALUE");
    if (c->cur < 0)
        return hpi_smps_fail(c->r, "a value before the first %s line",
                             sec == T_BLOCKS ? "BL" : "SC");
    return value_line(c, tok, n, c->cur, 0.0);
}

/* Probabilities sum to one; block outcomes after the first take the first
 * outcome's values for the elements they leave out (SMPS). */
static hp_status finish(hp_smps *p, const char *file, char *err, size_t errlen)
{
    for (int fi = 0; fi < p->n_fac; fi++) {
        hpi_smps_factor *f = &p->fac[fi];
        double sum = 0.0;
        for (int k = 0; k < f->n_out; k++)
            sum += f->prob[k];
        if (fabs(sum - 1.0) > 1e-6) {
            snprintf(err, errlen, "%s:%d: the probabilities of %s%s sum to %.10g, not 1", file,
                     f->line, f->kind == 1 ? "block " : "", f->name, sum);
            return HP_EINVAL;
        }
        if (f->kind != 1)
            continue;
        /* rebuild the mods with the first outcome's values filled in */
        for (int k = 1; k < f->n_out; k++)
            for (size_t a = f->beg[0]; a < f->beg[1]; a++) {
                int found = 0;
                for (size_t b = f->beg[k]; b < f->beg[k + 1]; b++)
                    found |= f->mods[b].elem == f->mods[a].elem;
                if (found)
                    continue;
                /* insert at the end of outcome k */
                if (f->n_mods == f->cap_mods) {
                    size_t nc = 2 * f->cap_mods + 16;
                    hpi_smps_mod *nm = realloc(f->mods, nc * sizeof *nm);
                    if (!nm)
                        return HP_ENOMEM;
                    f->mods = nm;
                    f->cap_mods = nc;
                }
                size_t at = f->beg[k + 1];
                memmove(f->mods + at + 1, f->mods + at, (f->n_mods - at) * sizeof *f->mods);
                f->mods[at] = f->mods[a];
                f->n_mods++;
                for (int q = k + 1; q <= f->n_out; q++)
                    f->beg[q]++;
            }
    }
    return HP_OK;
}

hp_status hpi_smps_read_stoch(hp_smps *p, const char *file, char *err, size_t errlen)
{
    hpi_smps_rd r;
    sctx c;
    char *tok[8];
    int n, hdr, sec = T_NONE;
    hp_status st = hpi_smps_open(&r, file, err, errlen);
    if (st)
        return st;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.r = &r;
    c.cur = -1;
    while ((n = hpi_smps_next(&r, tok, 8, &hdr)) > 0) {
        if (hdr)
            st = header(&c, tok, n, &sec);
        else if (sec == T_NONE || sec == T_STOCH)
            st = hpi_smps_fail(&r, "data outside a section");
        else
            st = data(&c, tok, n, sec);
        if (st || sec == T_END)
            break;
    }
    if (!st && n < 0)
        st = HP_EINVAL;
    if (!st && sec != T_END) {
        r.line = 0;
        st = hpi_smps_fail(&r, "no ENDATA (the file ends early)");
    }
    if (!st)
        st = finish(p, file, err, errlen);
    if (st == HP_ENOMEM)
        snprintf(err, errlen, "%s: out of memory", file);
    hpi_smps_close(&r);
    return st;
}

double hp_smps_scenario_count(const hp_smps *p)
{
    double n = 1.0;
    for (int f = 0; f < p->n_fac; f++)
        n *= p->fac[f].n_out;
    return n;
}

int hp_smps_random_recourse(const hp_smps *p)
{
    for (int k = 0; k < p->n_elem; k++) {
        const hpi_smps_elem *e = &p->elem[k];
        if (e->kind == HPI_SE_COST && e->idx >= p->n1)
            return 1;
        if (e->kind == HPI_SE_COEF) {
            /* the column of the triplet */
            int j = 0;
            while (p->col_beg[j + 1] <= (size_t)e->idx)
                j++;
            if (j >= p->n1)
                return 1;
        }
    }
    return 0;
}
