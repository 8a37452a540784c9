/* hreeplan solver layer: internals of the SMPS reader and solver shared by
 * smps_read.c (core and time), smps_stoch.c (stochastic data and
 * scenarios) and smps_solve.c (extensive form and L-shaped mapping).  Not
 * installed; not part of the API. */
#ifndef HP_SMPS_INT_H
#define HP_SMPS_INT_H

#include <stddef.h>

#include "smps.h"

/* Names to indices: open addressing, grows at half load. */
typedef struct hpi_names {
    char **name; /* by index, owned */
    int n, cap;
    int *slot; /* hash slots: index or -1 */
    size_t nslot;
} hpi_names;

int hpi_names_find(const hpi_names *h, const char *s);
/* Adds s (copied); its index, or -1 when out of memory. */
int hpi_names_add(hpi_names *h, const char *s);
void hpi_names_free(hpi_names *h);

/* Kinds of random elements. */
enum { HPI_SE_RHS = 0, HPI_SE_COEF, HPI_SE_COST, HPI_SE_LO, HPI_SE_UP };

typedef struct hpi_smps_elem {
    int kind;
    int idx;    /* RHS: row; COEF: triplet; COST, LO, UP: column */
    int factor; /* the independent part it belongs to */
} hpi_smps_elem;

typedef struct hpi_smps_mod {
    int elem;
    double val;
} hpi_smps_mod;

/* One independent part: an INDEP element, a block, or the SCENARIOS set. */
typedef struct hpi_smps_factor {
    int n_out, cap_out;
    double *prob; /* n_out */
    size_t *beg;  /* n_out + 1 offsets into mods */
    hpi_smps_mod *mods;
    size_t n_mods, cap_mods;
    char *name;      /* block or element description, owned */
    int line;        /* where it started */
    char **out_name; /* SCENARIOS: names of the scenarios (n_out), else NULL */
    int kind;        /* 0 INDEP element, 1 block, 2 SCENARIOS */
} hpi_smps_factor;

/* Core rows: 'E', 'L', 'G' (N rows other than the objective are dropped). */
struct hp_smps {
    char *core_file, *stoch_file;
    hpi_names cols, rows;
    char *obj_name;
    double sense; /* 1 minimise, -1 maximise (costs negated when read) */
    double obj_const;
    /* columns */
    double *lb, *ub, *cost;
    unsigned char *is_int;
    size_t *col_beg; /* ncols + 1 offsets into the triplets (column-major) */
    /* rows */
    char *type;
    double *rhs, *range;
    unsigned char *has_range;
    /* triplets, column-major as read */
    int *t_row;
    double *t_val;
    int *t_line;
    size_t nnz, cap_nnz;
    int n1, m1;      /* first-stage columns [0, n1), rows [0, m1) */
    char *period[2]; /* names of the periods (TIME) */
    /* stochastic data */
    hpi_smps_elem *elem;
    int n_elem, cap_elem;
    hpi_smps_factor *fac;
    int n_fac, cap_fac;
};

/* Reading helpers shared by the readers. */
typedef struct hpi_smps_rd {
    const char *file;
    int line;
    char *err;
    size_t errlen;
    char *buf;
    size_t cap;
    void *f; /* FILE * */
} hpi_smps_rd;

/* Opens a file; HP_EIO with err on failure. */
hp_status hpi_smps_open(hpi_smps_rd *r, const char *file, char *err, size_t errlen);
void hpi_smps_close(hpi_smps_rd *r);
/* Next line that is neither blank nor a comment, split into at most `max`
 * blank-separated fields; *header is set when the line starts a section
 * (no leading blank).  Returns the number of fields, 0 at end of file, -1
 * after an error (message in err).  More than `max` fields is an error. */
int hpi_smps_next(hpi_smps_rd *r, char **tok, int max, int *header);
/* Formats "file:line: ..." into err; returns HP_EINVAL. */
hp_status hpi_smps_fail(hpi_smps_rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A finite number, or an error naming what. */
hp_status hpi_smps_num(hpi_smps_rd *r, const char *s, const char *what, double *v);

/* smps_read.c: the core and the time file into p (smps_util.c: names and lines). */
hp_status hpi_smps_read_core(hp_smps *p, const char *file, char *err, size_t errlen);
hp_status hpi_smps_read_time(hp_smps *p, const char *file, char *err, size_t errlen);
/* Bounds [lb, ub] of core row i for right-hand side rhs. */
void hpi_smps_row_bounds(const hp_smps *p, int i, double rhs, double *lb, double *ub);

/* smps_stoch.c */
hp_status hpi_smps_read_stoch(hp_smps *p, const char *file, char *err, size_t errlen);

/* smps_scen.c.  A set of scenarios: for each, the outcome of every factor and its
 * probability. */
typedef struct hpi_smps_scen {
    long n;
    int nf;
    int *out; /* n * nf */
    double *prob;
} hpi_smps_scen;
/* Enumerates every scenario (sample <= 0) or samples `sample` of them.
 * HP_EINVAL with err when there are too many to enumerate. */
hp_status hpi_smps_scenarios(const hp_smps *p, long sample, unsigned long seed, hpi_smps_scen *s,
                             char *err, size_t errlen);
void hpi_smps_scen_free(hpi_smps_scen *s);

/* The data of one scenario: core copies with the scenario's values; apply
 * sets them, reset puts the core values back. */
typedef struct hpi_smps_view {
    double *rhs, *tval, *cost, *lb, *ub;
} hpi_smps_view;
hp_status hpi_smps_view_init(const hp_smps *p, hpi_smps_view *v);
void hpi_smps_view_apply(const hp_smps *p, const hpi_smps_scen *s, long k, hpi_smps_view *v);
void hpi_smps_view_reset(const hp_smps *p, const hpi_smps_scen *s, long k, hpi_smps_view *v);
void hpi_smps_view_free(hpi_smps_view *v);

#endif
