/* hreeplan model layer: sampling the disruption process of an instance
 * (../shared/MODEL.md "Sampled scenarios and simulation").
 *
 * Generator.  Every path has its own stream of 64-bit words: splitmix64
 * (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014) started at a state that is itself a splitmix64 hash of
 * (seed, path index).  Path k therefore depends only on (seed, k): the same
 * numbers whichever block, order, thread or process produces it.  A word w
 * becomes the uniform u = (floor(w / 2^11) + 1/2) / 2^53, strictly inside
 * (0, 1).  Standard normals come from the ziggurat method of Marsaglia and
 * Tsang (J. Stat. Software 5(8), 2000; 128 layers), with the layer index
 * and the value taken from different bits of the word (Doornik's fix of the
 * original's correlation); a rejection consumes further words of the same
 * stream.  About 99 % of normals cost one word and one multiplication,
 * which is what makes 10^6 correlated paths a second's work.
 *
 * Order of the draws within a path, for t = 0..T-1: first, for each event
 * of the process in the order listed (whether or not it can start, so that
 * the stream's layout never depends on which events run), one draw: a
 * uniform u_e for an event that is independent of all others (a zero row
 * and column off the diagonal of the Cholesky factor C, or no correlation
 * matrix at all), a standard normal n_e (ziggurat) for a correlated one;
 * then, for each event that starts at t (in order), one uniform for its
 * duration D = dmin + floor(u (dmax - dmin + 1)).
 *
 * Start test.  Phi(g_e) < p_e with g = C n is evaluated as g_e < Phi^-1(p_e)
 * (the same test, Phi being increasing).  For an independent event g_e = n_e
 * is a standard normal on its own, and Phi(n_e) is uniform: its test is
 * drawn directly as u_e < p_e, the same distribution without a normal. */
#ifndef HP_SAMPLE_H
#define HP_SAMPLE_H

#include <stdint.h>

#include "instance.h"

/** Fills avail[(k * J + j) * T + t] (k = 0..n-1, J = in->n_suppliers) with
 *  a[path, j, t] for the paths first..first+n-1 of the instance's
 *  disruption process: the product of the factors of the events running
 *  at ship quarter t that hit j (by supplier or by region), 1 where none.
 *  An instance without a process gives all ones.  The caller allocates
 *  avail (n * J * T doubles).  Thread-safe.  HP_EINVAL when first < 0 or
 *  n < 0; HP_ENOMEM. */
hp_status hp_sample_avail(const hp_instance *in, unsigned long seed, long first, long n,
                          double *avail);

/** Like hp_sample_avail, and also records which events run: when running is
 *  not NULL, running[(k * E + e) * T + t] = 1 if event e runs at t on path
 *  first + k, else 0 (E = in->n_devents); starts likewise marks the
 *  quarters in which an event starts (may be NULL).  For tests and
 *  diagnostics. */
hp_status hp_sample_paths(const hp_instance *in, unsigned long seed, long first, long n,
                          double *avail, unsigned char *running, unsigned char *starts);

/** Most continuations one call of hp_sample_continue() gives. */
#define HP_SAMPLE_MAX_CONTINUE (1L << 24)

/** n continuations of the disruption process from quarter `from` (0..T),
 *  for a planner who knows which events run but not for how long: event e
 *  has run the last ran[e] quarters through from - 1 (0: it did not run
 *  then).  Its remaining duration is drawn from its duration law given that
 *  it lasts at least ran[e] quarters (D uniform on max(dmin, ran[e])..dmax,
 *  ran[e] drawn first, in event order, for the running events), then
 *  quarters from..T-1 follow the process as in hp_sample_avail.  Fills
 *  avail[(k * J + j) * T + t] for t >= from and sets the quarters before
 *  `from` to 1 (the caller puts the known history there).  Continuation k
 *  depends only on (seed, key, from, k): its own stream, clear of the paths'
 *  (key is usually the path index).  HP_EINVAL for from outside 0..T, a
 *  negative key, n outside 0..HP_SAMPLE_MAX_CONTINUE or ran[e] outside
 *  0..dmax; HP_ENOMEM. */
hp_status hp_sample_continue(const hp_instance *in, unsigned long seed, long key, int from,
                             const int *ran, long n, double *avail);

/** A uniform in (0, 1) that depends only on (seed, path, stream), from a
 *  stream independent of the path's disruption draws (stream >= 1 picks
 *  one).  Used to pick an instance scenario for a path ("mixed" paths). */
double hp_sample_uniform(unsigned long seed, long path, uint64_t stream);

/** n standard normals (the ziggurat of the paths) from the stream that
 *  depends only on (seed, path, stream); stream >= 2 keeps clear of the
 *  streams used for paths.  For tests of the generator. */
hp_status hp_sample_normals(unsigned long seed, long path, uint64_t stream, long n, double *out);

/** Phi^-1(p), the standard normal quantile (AS 241); -HUGE_VAL for p <= 0,
 *  HUGE_VAL for p >= 1. */
double hp_norm_quantile(double p);

/** Phi(x), the standard normal distribution function. */
double hp_norm_cdf(double x);

#endif
