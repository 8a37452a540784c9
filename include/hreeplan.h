/* hreeplan: quarterly procurement plans for heavy rare earths, as a library.
 *
 * The one public header of libhreeplan (installed by `make install` with
 * hreeplan.pc; compile and link with
 *   cc prog.c $(pkg-config --cflags --libs --static hreeplan)).
 * Everything else in the source tree is internal and may change.
 *
 * A program loads an instance (the libconfig format of docs/instance.md),
 * solves a plan or a cost-risk front with the pipeline the command line
 * uses, simulates a plan on disruption paths, and writes the reports of
 * docs/cli.md:
 *
 *   hp_options o;
 *   hp_instance *inst = NULL;
 *   hp_plan *plan = NULL;
 *   hp_options_default(&o);
 *   o.objective = "risk";
 *   if (hp_read_instance("base.cfg", &o, &inst) == HP_OUTCOME_OK &&
 *       hp_make_plan(inst, &o, &plan) == HP_OUTCOME_OK)
 *       hp_write_plan(stdout, plan, "json", "base.cfg");
 *   hp_plan_free(plan);
 *   hp_instance_free(inst);
 *
 * Conventions: handles are opaque; every object has a free function that
 * accepts NULL; inputs are const and borrowed (never kept past the call
 * unless said); the library never prints or exits: what a user must read
 * goes to the log hook of hp_options, one message per call, and every call
 * returns an hp_outcome. */
#ifndef HREEPLAN_H
#define HREEPLAN_H

#include <stdio.h>

#define HP_VERSION "0.2.0"

/** "0.2.0": the version of the library linked (HP_VERSION of its build). */
const char *hp_version(void);

/** What a call came to.  The command line maps these to its exit codes:
 *  OK 0, FAILED 1, INVALID 2, INFEASIBLE 3, STOPPED 4, INTERRUPTED 1. */
typedef enum hp_outcome {
    HP_OUTCOME_OK = 0,     /**< done: a plan, front, simulation or report */
    HP_OUTCOME_INVALID,    /**< invalid options, instance or model size */
    HP_OUTCOME_FAILED,     /**< I/O, memory or internal failure */
    HP_OUTCOME_INFEASIBLE, /**< no plan satisfies the hard constraints */
    HP_OUTCOME_STOPPED,    /**< the solver stopped (limit, numerical trouble) without a plan */
    HP_OUTCOME_INTERRUPTED /**< the interrupt flag was raised; nothing produced */
} hp_outcome;

/** "ok", "invalid", "failed", "infeasible", "stopped", "interrupted". */
const char *hp_outcome_str(hp_outcome o);

/** A loaded and validated instance.  Free with hp_instance_free(). */
typedef struct hp_instance hp_instance;
/** A solved plan; it refers to its instance, which must outlive it.  Free
 *  with hp_plan_free(). */
typedef struct hp_plan hp_plan;
/** A cost-risk front with the plan of every point; refers to its instance.
 *  Free with hp_front_free(). */
typedef struct hp_front hp_front;
/** A plan simulated on disruption paths.  Free with hp_simulation_free(). */
typedef struct hp_simulation hp_simulation;

/** A message a user must see (no trailing newline). */
typedef void (*hp_message_fn)(void *ctx, const char *msg);

/** Options of every call, with the command line's names and defaults
 *  (docs/cli.md).  Fill with hp_options_default(), then change fields.
 *  Strings are borrowed for the duration of each call. */
typedef struct hp_options {
    const char *objective;         /**< "cost" (default) or "risk" */
    const char *measure;           /**< "shortage", "cvar", "exposure"; NULL: the instance's */
    double alpha;                  /**< CVaR level in (0, 1); <= 0: the instance's */
    const char *backend;           /**< "glpk" (default, NULL means the same) or "cbc" */
    const char *method;            /**< "extensive", "lshaped", "auto" (default, NULL) */
    const char *information;       /**< "tree" (default, NULL) or "two-stage" */
    double time_limit;             /**< seconds per solve; <= 0: none */
    double mip_gap;                /**< relative MIP gap (default 0) */
    double tolerance;              /**< L-shaped relative gap (default 1e-6) */
    int cut_groups;                /**< L-shaped cut groups (default 100) */
    int threads;                   /**< worker threads; 0: all cores (default) */
    double max_memory_mb;          /**< refuse larger models (default 4096) */
    int points;                    /**< points of a front, ends included (default 11) */
    int sample_scenarios;          /**< > 0: replace the scenarios by this many paths */
    unsigned long seed;            /**< seed of sampled paths and simulations (default 1) */
    long samples;                  /**< simulation paths (default 10000) */
    const volatile int *interrupt; /**< polled during solves; nonzero stops (NULL: never) */
    hp_message_fn log;             /**< messages (NULL: dropped) */
    void *log_ctx;                 /**< passed to log */
} hp_options;

/** The defaults listed with each field of hp_options. */
void hp_options_default(hp_options *o);

/** Reads and validates the instance file at path; sampled scenarios
 *  (o->sample_scenarios) replace its own.  Every error goes to the log as
 *  "FILE:LINE: setting: what is wrong".  On HP_OUTCOME_OK the caller frees
 *  *out with hp_instance_free(); otherwise *out is NULL (INVALID: the
 *  instance or an option is wrong; FAILED: unreadable or out of memory). */
hp_outcome hp_read_instance(const char *path, const hp_options *o, hp_instance **out);
/** Frees an instance; NULL is allowed.  Free its plans and fronts first. */
void hp_instance_free(hp_instance *inst);

/** Solves the plan o->objective asks for, with the tie-breaks, MIP polish
 *  and method choice of docs/model.md.  On HP_OUTCOME_OK the caller frees
 *  *out with hp_plan_free(); otherwise *out is NULL and the log says why
 *  (INFEASIBLE names the conflicting constraints). */
hp_outcome hp_make_plan(const hp_instance *inst, const hp_options *o, hp_plan **out);
/** Frees a plan; NULL is allowed. */
void hp_plan_free(hp_plan *p);

/** The plan's expected cost (USD), its risk in the measure it was solved
 *  with (t), and the share (0..1) of what it ships from region code
 *  `region` (-1 when the instance has no such region). */
double hp_plan_expected_cost(const hp_plan *p);
double hp_plan_risk(const hp_plan *p);
double hp_plan_region_share(const hp_plan *p, const char *region);

/** Solves the cost-risk front of o->points points.  On HP_OUTCOME_OK the
 *  caller frees *out with hp_front_free(); otherwise *out is NULL. */
hp_outcome hp_make_front(const hp_instance *inst, const hp_options *o, hp_front **out);
/** Frees a front and its plans; NULL is allowed. */
void hp_front_free(hp_front *f);
/** Number of points of the front (repeated and dominated ones included). */
int hp_front_size(const hp_front *f);
/** Cost (USD) and risk of point k (0-based, in order of decreasing risk);
 *  HP_OUTCOME_INVALID when k is out of range or the point has no plan. */
hp_outcome hp_front_point(const hp_front *f, int k, double *cost, double *risk);

/** Simulates the plan's orders on o->samples paths of the instance's
 *  disruption process (seed o->seed, the greedy recourse rule).  On
 *  HP_OUTCOME_OK the caller frees *out with hp_simulation_free(). */
hp_outcome hp_simulate_plan(const hp_plan *p, const hp_options *o, hp_simulation **out);
/** Frees a simulation; NULL is allowed. */
void hp_simulation_free(hp_simulation *s);
/** Mean cost over the paths (USD) and its standard error. */
double hp_simulation_mean_cost(const hp_simulation *s, double *se);

/** Writes the report of a plan, front or simulation to f in format "text",
 *  "csv" or "json" (docs/cli.md).  instance_path names the instance in the
 *  report (its SHA-256 is the one computed when it was read).  f is flushed,
 *  not closed.  HP_OUTCOME_INVALID for an unknown format, FAILED when a
 *  write fails. */
hp_outcome hp_write_plan(FILE *f, const hp_plan *p, const char *format, const char *instance_path);
hp_outcome hp_write_front(FILE *f, const hp_front *fr, const char *format,
                          const char *instance_path);
hp_outcome hp_write_simulation(FILE *f, const hp_simulation *s, const char *format,
                               const char *instance_path);

#endif
