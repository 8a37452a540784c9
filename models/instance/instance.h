/* hreeplan model layer: a validated instance in memory (../shared/INSTANCE.md).
 *
 * Every array is owned by the instance and freed by hp_instance_free().
 * Quarters are 0-based here (t = 0..T-1 is MODEL.md's 1..T).  Series are
 * expanded to T values at load.  Quarter labels outside the horizon are kept
 * as offsets relative to the start (may be negative or >= T). */
#ifndef HP_INSTANCE_H
#define HP_INSTANCE_H

#include <stddef.h>

#include "../../solver/status.h"

#define HP_ID_MAX        64
#define HP_MAX_QUARTERS  400
#define HP_MAX_PRODUCTS  64
#define HP_MAX_SUPPLIERS 256
#define HP_MAX_SCENARIOS 100000
#define HP_MAX_EVENTS    1024

typedef enum hp_measure {
    HP_MEASURE_SHORTAGE = 0,
    HP_MEASURE_CVAR,
    HP_MEASURE_EXPOSURE
} hp_measure;
const char *hp_measure_str(hp_measure m);
/** Parses "shortage" | "cvar" | "exposure"; -1 when unknown. */
int hp_measure_parse(const char *s);

typedef struct hp_product {
    char *id;
    char *name;               /**< NULL when not given */
    double *demand;           /**< T values */
    double shortage_penalty;  /**< M, USD/t */
    double initial_inventory; /**< I0 */
    double *in_transit;       /**< T values, 0 beyond the given array (R) */
    double holding_cost;      /**< h, USD/t/quarter */
    double criticality;       /**< weight in shortage and CVaR, default 1 */
    int has_storage_limit;
    double storage_limit;  /**< Imax when has_storage_limit */
    double *safety_stock;  /**< T values (SS), 0 by default */
    double safety_penalty; /**< w */
    int has_spot;
    double *spot_price; /**< T values, USD/kg (when has_spot) */
    double *spot_limit; /**< T values, HUGE_VAL = unlimited (when has_spot) */
    /* terminal stock (MODEL.md "Terminal stock"), when has_terminal */
    int has_terminal;
    double terminal_target;  /**< IT, t (0: none) */
    double terminal_penalty; /**< wT, USD per t short of IT */
    double terminal_value;   /**< cT, USD/kg credited per t left at the end */
    /* strategic reserve (MODEL.md "Strategic reserve"), when has_reserve */
    int has_reserve;
    double reserve_stock;  /**< G, t */
    int reserve_region;    /**< index into hp_instance.regions */
    double reserve_below;  /**< theta: open where the region's smallest a < theta */
    double *reserve_limit; /**< T values, Rmax, HUGE_VAL = no limit beyond G */
    double reserve_price;  /**< USD/kg */
    int line;              /**< source line of the group */
} hp_product;

typedef struct hp_offer {
    int product;      /**< index into products */
    double *price;    /**< T values, USD/kg */
    double *capacity; /**< T values: K[j,p,t], ramps already applied */
    /** firm offtake Cmin[j,p,t] (T values, a fraction already applied to
     *  capacity), or NULL when the offer has no commitment */
    double *commit_min;
    int commit_hard;    /**< no take_or_pay given: x >= Cmin */
    double take_or_pay; /**< tp, USD/kg not taken (when !commit_hard) */
    double yield;       /**< beta[j,p] when the supplier co-produces, else 0 */
    int line;
} hp_offer;

typedef struct hp_supplier {
    char *id;
    char *name;     /**< NULL when not given */
    char *region;   /**< code, e.g. "CN" */
    int region_idx; /**< index into hp_instance.regions */
    int lead_time;  /**< L[j], 0 <= L < T */
    int has_contract;
    double fixed_cost; /**< F[j], USD */
    double min_order;  /**< m[j], t per quarter, 0 = none */
    double lot;        /**< lot[j], t, 0 = none */
    int n_offers;
    hp_offer *offers;
    int has_coproduction; /**< x[j,p,t] = yield * b[j,t] for every offer */
    int line;
} hp_supplier;

typedef enum hp_restriction_type { HP_QUOTA = 0, HP_SHARE } hp_restriction_type;
typedef enum hp_scope { HP_SCOPE_QUARTER = 0, HP_SCOPE_HORIZON } hp_scope;

typedef struct hp_restriction {
    hp_restriction_type type;
    char *name; /**< NULL when not given */
    int region_idx;
    int n_products;   /**< all products when the file names none */
    int *products;    /**< indices */
    double *limit;    /**< T values (quota) or NULL */
    double max_share; /**< share cap (share) */
    hp_scope scope;
    int line;
} hp_restriction;

/** One event of a scenario: hits a supplier or a whole region. */
typedef struct hp_event {
    int supplier;   /**< index, or -1 when by region */
    int region_idx; /**< index, or -1 when by supplier */
    int from, to;   /**< quarter offsets, inclusive (may lie outside 0..T-1) */
    double factor;
    double price_factor; /**< on the contract price of what ships, default 1 */
} hp_event;

/** A spot price factor of a scenario (INSTANCE.md `spot_prices`). */
typedef struct hp_spot_event {
    int product;
    int from, to; /**< quarter offsets, inclusive */
    double factor;
} hp_spot_event;

typedef struct hp_scenario {
    char *name;
    double probability;
    int n_events;
    hp_event *events;
    int n_spot;
    hp_spot_event *spot; /**< spot price factors, or NULL */
} hp_scenario;

/** One event of the random disruption process. */
typedef struct hp_devent {
    char *name;
    int supplier;   /**< index, or -1 when by region */
    int region_idx; /**< index, or -1 when by supplier */
    double probability;
    int dmin, dmax; /**< duration range, quarters */
    double factor;
    int from, to; /**< quarter offsets in which it may start */
} hp_devent;

typedef struct hp_instance {
    char *name;
    char *file;     /**< path it was loaded from */
    int start_year; /**< e.g. 2026 */
    int start_q;    /**< 1..4 */
    int T;          /**< quarters */
    int n_products;
    hp_product *products;
    int n_suppliers;
    hp_supplier *suppliers;
    int n_regions; /**< distinct supplier regions, in order of first use */
    char **regions;
    int n_restrictions;
    hp_restriction *restrictions;
    int n_scenarios; /**< >= 1: "nominal" with probability 1 when none given */
    hp_scenario *scenarios;
    int scenarios_given; /**< 0 when the nominal scenario was made up */
    /** a[s,j,t] = avail[(s * n_suppliers + j) * T + t]: the product of the
     *  factors of the events of s covering (j,t).  Sampled scenarios replace
     *  this array and the probabilities. */
    double *avail;
    /** pf[s,j,t] at the same index as avail, the product of the price
     *  factors of the events covering (j,t); NULL when every one is 1 */
    double *price_factor;
    /** spot price factor [(s * n_products + p) * T + t]; NULL: all 1 */
    double *spot_factor;
    hp_measure measure; /**< risk.measure, default cvar */
    double alpha;       /**< risk.alpha, default 0.9 */
    int max_contracts;  /**< 0: no limit */
    int n_devents;
    hp_devent *devents;
    /** n_devents^2 row-major, or NULL (identity); positive definite (its
     *  Cholesky factor: hp_instance_cholesky() in sample.h) */
    double *correlation;
    /** SHA-256 (64 hex digits) of the bytes the instance was parsed from,
     *  read once; with overrides (hp_load_opts.set), of those bytes
     *  followed by one line "--set PATH=VALUE\n" per override. */
    char sha256[65];
} hp_instance;

/** Diagnostics collected while loading: one line per error, already in the
 *  form "FILE:LINE: path: what is wrong, got VALUE". */
typedef struct hp_diag {
    int n;
    int cap;       /**< stop recording after this many (default 50) */
    int truncated; /**< more errors were found than recorded */
    char **msgs;
} hp_diag;

void hp_diag_init(hp_diag *d);
void hp_diag_free(hp_diag *d);
/** Records one message (printf-style); returns HP_ENOMEM on failure. */
hp_status hp_diag_add(hp_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Loads and validates an instance file.  On HP_EINVAL, diag holds every
 *  error found (up to its cap) and *out is NULL.  The caller frees the
 *  instance with hp_instance_free(). */
hp_status hp_instance_load(const char *path, hp_instance **out, hp_diag *diag);

/** Same, from a string (fuzzing, tests); `path` is used in messages. */
hp_status hp_instance_load_string(const char *text, const char *path, hp_instance **out,
                                  hp_diag *diag);

/** Options of a load (docs/instance.md "How the loader reads a file"). */
typedef struct hp_load_opts {
    /** refuse a file whose parse would need more memory than this, in MB
     *  (<= 0: 4096, the default of --max-memory) */
    double max_memory_mb;
    /** overrides "PATH=VALUE" (CLI.md --set), applied in order to the
     *  parsed tree before validation; borrowed for the call */
    const char *const *set;
    int n_set;
} hp_load_opts;

/** hp_instance_load() with options; o may be NULL (the defaults).  The
 *  file is read once, whatever it is (a pipe from `<(...)` too), at most
 *  256 MiB; the instance's sha256 is of those bytes.  `@include` is
 *  refused.  The caller frees *out with hp_instance_free(). */
hp_status hp_instance_load_opts(const char *path, const hp_load_opts *o, hp_instance **out,
                                hp_diag *diag);
/** hp_instance_load_string() with options. */
hp_status hp_instance_load_string_opts(const char *text, const char *path, const hp_load_opts *o,
                                       hp_instance **out, hp_diag *diag);

void hp_instance_free(hp_instance *inst);

/** a[s,j,t]. */
static inline double hp_avail(const hp_instance *in, int s, int j, int t)
{
    return in->avail[((size_t)s * (size_t)in->n_suppliers + (size_t)j) * (size_t)in->T + (size_t)t];
}

/** abar[j,t] = sum_s pi_s a[s,j,t]. */
double hp_avail_mean(const hp_instance *in, int j, int t);

/** pf[s,j,t] (1 without price scenarios). */
static inline double hp_price_factor(const hp_instance *in, int s, int j, int t)
{
    return in->price_factor ? in->price_factor[((size_t)s * (size_t)in->n_suppliers + (size_t)j) *
                                                   (size_t)in->T +
                                               (size_t)t]
                            : 1.0;
}

/** Spot price factor of scenario s, product p, quarter t (1 by default). */
static inline double hp_spot_factor(const hp_instance *in, int s, int p, int t)
{
    return in->spot_factor
               ? in->spot_factor[((size_t)s * (size_t)in->n_products + (size_t)p) * (size_t)in->T +
                                 (size_t)t]
               : 1.0;
}

/** sum_s pi_s pf[s,j,t] a[s,j,t]: the expected price factor times the
 *  expected share that arrives (purchases are paid on what arrives). */
double hp_paid_mean(const hp_instance *in, int j, int t);

/** Whether reserve of product p may be released in scenario s, quarter t:
 *  the smallest a[s,j,t] over the suppliers of its region < below. */
int hp_reserve_open(const hp_instance *in, int s, int p, int t);

/** Whether the instance uses a mechanism of MODEL.md's second edition
 *  (terminal stock, reserve, commitment, price scenarios, co-production). */
int hp_instance_second_edition(const hp_instance *in);

/** Writes the label of quarter offset t ("2026Q3") into buf (>= 12 bytes). */
void hp_quarter_label(const hp_instance *in, int t, char *buf, size_t len);

/** Parses "YYYYQn" into a quarter offset relative to the instance start.
 *  Returns 0 on success, -1 when malformed. */
int hp_quarter_parse(const hp_instance *in, const char *label, int *offset);

/** Offer of supplier j for product p, or NULL. */
const hp_offer *hp_offer_find(const hp_instance *in, int j, int p);

/** Replaces the scenarios by n equally likely ones with availability avail
 *  (n * n_suppliers * T values, taken over by the instance); names are
 *  "sample1".."sampleN".  Events of the old scenarios are dropped. */
hp_status hp_instance_set_scenarios(hp_instance *in, int n, double *avail);

#endif
