/* hreeplan reports: charts drawn by gnuplot's SVG terminal.
 *
 * hreeplan never writes SVG by hand: it writes a gnuplot script and its data
 * files into a temporary directory, runs `gnuplot`, checks its exit status,
 * and moves the SVG into place atomically (a failed chart leaves no file and
 * leaves an existing file untouched).  Text in charts is drawn with
 * `noenhanced`, so ids such as "lynas_my" print as written.
 *
 * Charts:
 *   hp_chart_front   the cost-risk front: cost (USD m) against risk, the front
 *                    points joined in order, weakly dominated points apart,
 *                    the knee marked.  Series titles: "front", "dominated"
 *                    (only when there are any), "knee" (only when there is one).
 *   hp_chart_supply  one SVG, one panel per instance and product (gnuplot
 *                    multiplot: a row per instance, a column per product):
 *                    stacked bars of the expected arrivals per quarter by
 *                    source (each supplier, then "in transit" and "spot"),
 *                    and the demand as a line (series title "demand").  A
 *                    supplier keeps its colour in every panel.
 * Every argument is borrowed; err (errlen bytes) is the caller's buffer. */
#ifndef HP_CHART_H
#define HP_CHART_H

#include <stddef.h>

#include "../plan/plan.h"

/** A data file for a chart script: written as `name` in the directory where
 *  gnuplot runs, so the script refers to it by that bare name. */
typedef struct hp_chart_file {
    const char *name; /**< bare file name, e.g. "front.dat" */
    const char *data; /**< contents */
    size_t len;       /**< bytes of data */
} hp_chart_file;

/** Runs gnuplot on `script` and writes the SVG to svg_path.  The script must
 *  not set the terminal or the output: the runner prepends
 *  `set terminal svg size WIDTH,HEIGHT dynamic noenhanced` and `set output`.
 *  Returns 0, or 1 with a one-line reason in err (gnuplot missing, its
 *  first error line, or an I/O error). */
int hp_chart_run(const char *svg_path, int width, int height, const char *script,
                 const hp_chart_file *files, int n_files, char *err, size_t errlen);

/** One point of a front chart. */
typedef struct hp_chart_point {
    double cost;  /**< USD */
    double risk;  /**< in the measure's unit */
    int on_front; /**< 0: dominated or duplicate (duplicates are not drawn) */
    int dominated;
    int knee;
} hp_chart_point;

/** What the front chart says besides its points. */
typedef struct hp_chart_front_opts {
    const char *title;       /**< printed as given */
    const char *subtitle;    /**< a second title line (the span), or NULL */
    const char *risk_label;  /**< the x axis, with its unit */
    const char *value_label; /**< the y axis, with its unit */
    int zero_based;          /**< nonzero: the y axis starts at 0 */
    int has_mark;            /**< nonzero: draw mark (the expected-cost plan) */
    hp_chart_point mark;     /**< its cost (y value, USD) and risk */
    const char *mark_label;  /**< its legend entry */
} hp_chart_front_opts;

/** The front chart.  Returns 0 or 1 with err set. */
int hp_chart_front(const char *svg_path, const hp_chart_front_opts *o, const hp_chart_point *pts,
                   int n, char *err, size_t errlen);

/** The supply chart of n plans; names[k] labels plan k (e.g. the instance
 *  name).  Returns 0 or 1 with err set. */
int hp_chart_supply(const char *svg_path, const hp_plan *const *plans, const char *const *names,
                    int n, char *err, size_t errlen);

#endif
