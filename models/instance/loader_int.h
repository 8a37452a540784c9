/* hreeplan model layer: internals of the instance loader (loader*.c).
 * Private to models/; not installed as part of the API contract.
 *
 * The loader walks the libconfig tree once, filling an hp_instance as it
 * goes and recording every error it meets (it never stops at the first).
 * Messages are sorted by line before they reach the caller's hp_diag, so
 * they read top to bottom like the file. */
#ifndef HP_LOADER_INT_H
#define HP_LOADER_INT_H

#include <libconfig.h>

#include "instance.h"

/* Limits beyond those of instance.h. */
#define HPI_LD_MAX_RESTRICTIONS 1024
#define HPI_LD_MAX_NAME         256          /**< bytes of a free-text name */
#define HPI_LD_MAX_AVAIL        50000000.0   /**< S * J * T availabilities (400 MB) */
#define HPI_LD_MAX_ERRORS       10000        /**< errors kept before sorting */
#define HPI_LD_MAX_FILE         (256L << 20) /**< bytes of an instance file */

/* Magnitudes beyond which the solver's numerics suffer. */
#define HPI_LD_TINY       1e-6 /**< smallest nonzero number the solver is given */
#define HPI_LD_BIG_PRICE  1e6  /**< USD/kg */
#define HPI_LD_BIG_QTY    1e7  /**< t */
#define HPI_LD_BIG_COST   1e12 /**< USD */
#define HPI_LD_BIG_WEIGHT 1e6  /**< criticality */

typedef struct hpi_ld_err {
    unsigned line;
    int seq;
    char *msg;
} hpi_ld_err;

typedef struct hpi_ld_ctx {
    const char *file; /**< path for messages */
    hp_instance *in;
    int T;         /**< horizon, or -1 when `quarters` is invalid */
    int start_abs; /**< year * 4 + q - 1 of `start` */
    int start_ok;
    hpi_ld_err *errs;
    int n_err, cap_err;
    long dropped;
    int nomem;
    /* raw ids seen, for references (kept even when the id itself is bad, so
     * one bad id does not cascade into "unknown" errors elsewhere) */
    const char **product_ids;
    int n_product_ids;
    const char **supplier_ids;
    int n_supplier_ids;
    /* 0 when the list itself is unusable: references to it are then not
     * checked (its own error says what is wrong) */
    int products_known, suppliers_known;
} hpi_ld_ctx;

/** Numeric rules (see hpi_ld_check). */
typedef enum hpi_ld_rule {
    HPI_LD_ANY = 0, /**< finite */
    HPI_LD_GE0,     /**< >= 0 */
    HPI_LD_GT0,     /**< > 0 */
    HPI_LD_UNIT,    /**< [0,1] */
    HPI_LD_OPEN,    /**< (0,1) */
    HPI_LD_PROB,    /**< (0,1] */
    HPI_LD_CORR     /**< [-1,1] */
} hpi_ld_rule;

/* ---- loader_util.c ---- */
void hpi_ld_error(hpi_ld_ctx *L, const config_setting_t *s, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/** Same, at an explicit line. */
void hpi_ld_error_at(hpi_ld_ctx *L, unsigned line, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/** An error of the override `set` ("PATH=VALUE" of --set), not tied to a
 *  setting of the file: "FILE: --set PATH=VALUE: what". */
void hpi_ld_error_set(hpi_ld_ctx *L, const char *set, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** Human form of a setting's value for "got ...". */
void hpi_ld_value(const config_setting_t *s, char *buf, size_t len);
/** Child path "parent.key" / "parent[i]" into buf. */
void hpi_ld_path_key(char *buf, size_t len, const char *parent, const char *key);
void hpi_ld_path_idx(char *buf, size_t len, const char *parent, int i);
/** Reports every member of group not in allowed (NULL-terminated). */
void hpi_ld_check_keys(hpi_ld_ctx *L, const config_setting_t *group, const char *path,
                       const char *const *allowed);
/** Closest of the candidates within edit distance 2, or NULL. */
const char *hpi_ld_suggest(const char *word, const char *const *cands, int n);

/** A number (int, int64 or float), finite.  1 when *out was set. */
int hpi_ld_number(hpi_ld_ctx *L, const config_setting_t *s, const char *path, double *out);
/** Range and magnitude check; big <= 0 means no magnitude cap. */
int hpi_ld_check(hpi_ld_ctx *L, const config_setting_t *s, const char *path, double v,
                 hpi_ld_rule rule, double big, const char *unit);
/** Optional/required number member with rule; *out keeps its default when absent. */
int hpi_ld_member_number(hpi_ld_ctx *L, const config_setting_t *group, const char *gpath,
                         const char *key, int required, hpi_ld_rule rule, double big,
                         const char *unit, double *out);
/** An integer (integral floats accepted).  1 when *out was set. */
int hpi_ld_int(hpi_ld_ctx *L, const config_setting_t *s, const char *path, long *out);
/** A string.  1 when *out was set (points into the tree). */
int hpi_ld_string(hpi_ld_ctx *L, const config_setting_t *s, const char *path, const char **out);
/** A string matching the id rule ([A-Za-z0-9_.-]+, < HP_ID_MAX bytes). */
int hpi_ld_id(hpi_ld_ctx *L, const config_setting_t *s, const char *path, const char **out);
/** Member lookup with the "missing" error when required. */
const config_setting_t *hpi_ld_member(hpi_ld_ctx *L, const config_setting_t *group,
                                      const char *gpath, const char *key, int required);
/** A member that must be a group; NULL (with an error) otherwise. */
const config_setting_t *hpi_ld_group(hpi_ld_ctx *L, const config_setting_t *s, const char *path);
/** A list of groups (an empty array counts as an empty list).  Returns the
 *  length, or -1 after an error. */
int hpi_ld_list(hpi_ld_ctx *L, const config_setting_t *s, const char *path);
/** A series: one number or `T` numbers.  Fills *out (T values, allocated)
 *  when T is known.  Absent: default `def` when !required. */
int hpi_ld_series(hpi_ld_ctx *L, const config_setting_t *group, const char *gpath, const char *key,
                  int required, hpi_ld_rule rule, double big, const char *unit, double def,
                  double **out);
/** A quarter label; *abs = year * 4 + q - 1. */
int hpi_ld_quarter(hpi_ld_ctx *L, const config_setting_t *s, const char *path, int *abs);
/** Copies a string; records out-of-memory. */
char *hpi_ld_strdup(hpi_ld_ctx *L, const char *s);
/** Zeroed allocation of n elements; records out-of-memory. */
void *hpi_ld_calloc(hpi_ld_ctx *L, size_t n, size_t size);
/** Index of id in ids, or -1. */
int hpi_ld_find(const char *const *ids, int n, const char *id);

/* ---- loader_text.c ---- */
/** Reports decimal integer literals that libconfig 1.5 would wrap; 1 if any. */
int hpi_ld_scan_ints(hpi_ld_ctx *L, const char *text);
/** A copy of text with every string that stands where a setting name
 *  belongs replaced by '!' and blanks (lines kept); NULL when out of memory. */
char *hpi_ld_defuse_strings(const char *text);
/** Reports every '@' directive (@include) outside strings and comments,
 *  one error per line; 1 if any.  Nothing is read from another file. */
int hpi_ld_scan_include(hpi_ld_ctx *L, const char *text);
/** Estimated peak memory, in MB, of parsing text with libconfig 1.5. */
double hpi_ld_parse_mb(const char *text);

/* ---- loader_set.c ---- */
/** Applies the overrides of o (--set PATH=VALUE) to the parsed tree: each
 *  replaced or added setting carries its PATH=VALUE as libconfig hook, so
 *  validation errors on it name --set.  1 when an override could not be
 *  applied (errors recorded). */
int hpi_ld_apply_sets(hpi_ld_ctx *L, config_t *cfg, const hp_load_opts *o);

/* ---- loader_parts.c ---- */
void hpi_ld_products(hpi_ld_ctx *L, const config_setting_t *root);
void hpi_ld_suppliers(hpi_ld_ctx *L, const config_setting_t *root);
void hpi_ld_restrictions(hpi_ld_ctx *L, const config_setting_t *root);

/* ---- loader_refs.c ---- */
/** The optional free-text member `name` of g, copied into *out. */
void hpi_ld_name(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, char **out);
/** The id member `key` of list element i, checked against the ids before it
 *  (lines: where each was defined); the raw string is kept in ids[i] even
 *  when malformed, to avoid cascades; *out (may be NULL) gets a copy. */
void hpi_ld_list_id(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, const char *key,
                    const char **ids, const int *lines, int i, const char *what, char **out);
/** A product reference: index into the products, or -1 (error reported). */
int hpi_ld_product_ref(hpi_ld_ctx *L, const config_setting_t *m, const char *path);
/** A region reference: index into in->regions, or -1 (error reported). */
int hpi_ld_region_ref(hpi_ld_ctx *L, const config_setting_t *m, const char *path);

/* ---- loader_second.c (MODEL.md second edition) ---- */
/** products[i].terminal, .reserve (region resolved by hpi_ld_second_checks) */
void hpi_ld_terminal(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, hp_product *pr);
void hpi_ld_reserve(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, hp_product *pr);
/** offers[k].commitment, read after the offer's capacity */
void hpi_ld_commitment(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, hp_offer *of);
/** suppliers[j].coproduction, read after the supplier's offers */
void hpi_ld_coproduction(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath,
                         hp_supplier *su);
/** Checks across lists, after the scenarios are read. */
void hpi_ld_second_checks(hpi_ld_ctx *L, const config_setting_t *root);
/** Price and spot factor arrays of the scenarios (after a clean load). */
hp_status hpi_ld_price_factors(hp_instance *in);

/* ---- loader_scen.c ---- */
void hpi_ld_scenarios(hpi_ld_ctx *L, const config_setting_t *root);
void hpi_ld_disruptions(hpi_ld_ctx *L, const config_setting_t *root);
/** Availability array of the scenarios (after a clean load). */
hp_status hpi_ld_avail(hp_instance *in);

#endif
