/* hreeplan solver layer: work spread over processes (MPI ranks).  Knows
 * nothing of what the work is: items 0..n-1 of a fixed size, split into
 * contiguous ranges, one per rank, and gathered back so that every rank
 * holds every item's result in item order.  A result therefore never
 * depends on the rank count: each item is computed the same way whichever
 * rank computes it, and whatever is summed over items is summed by the
 * caller, in item order, after the gather.
 *
 * Every rank runs the same program on the same input; only the parallel
 * sections differ.  A rank whose item fails makes every rank's call fail
 * with the same status, and the message of the failing item (logged on its
 * rank, captured there by hp_par_note_error) is logged once, on rank 0.
 *
 * Built with Open MPI when HP_WITH_MPI is defined (the Makefile does so
 * when Open MPI's development files are present).  libmpi is not linked:
 * hp_par_init() loads it (dlopen) only when the process was started by
 * mpirun (OMPI_COMM_WORLD_SIZE in the environment), so a run without
 * mpirun, and the start-up of every command, pays nothing for MPI.
 * Without MPI (or without mpirun) there is one rank and every call below
 * is a plain local operation. */
#ifndef HP_PAR_H
#define HP_PAR_H

#include <stddef.h>

#include "status.h"

/** Joins the ranks when started by mpirun (built with MPI); otherwise one
 *  rank.  Call once, first thing in main.  HP_EIO when libmpi cannot be
 *  loaded or MPI_Init fails (the message is logged). */
hp_status hp_par_init(int *argc, char ***argv);

/** Leaves MPI (when joined).  Call once, last thing in main. */
void hp_par_finalize(void);

/** This process's rank, 0..hp_par_size()-1 (0 without MPI). */
int hp_par_rank(void);

/** Ranks in the run (1 without MPI). */
int hp_par_size(void);

/** Ranks on this machine (OMPI_COMM_WORLD_LOCAL_SIZE; 1 without MPI): the
 *  default thread counts divide the cores among them. */
int hp_par_local_size(void);

/** Nonzero when built with MPI support (whether or not mpirun started us). */
int hp_par_built(void);

/** The contiguous range [*lo, *hi) of items 0..n-1 that rank r computes. */
void hp_par_range(long n, int r, long *lo, long *hi);

/** Item computation of hp_par_map: writes item i's result (rec_bytes) to
 *  rec.  Must not depend on which rank runs it. */
typedef hp_status (*hp_par_item_fn)(void *ctx, long i, void *rec);

/** Runs fn on this rank's range of items 0..n-1 (in order), then gathers
 *  so that out (n * rec_bytes, caller-allocated, on every rank) holds every
 *  item's record.  When an item fails on some rank, every rank returns the
 *  status of the lowest failing item (its message logged once, on rank 0)
 *  and out is undefined.  The test hook HREEPLAN_TEST_FAIL_RANK=R makes
 *  rank R's first item fail (HP_EINTERNAL): see hp_par_test_fail(). */
hp_status hp_par_map(long n, size_t rec_bytes, hp_par_item_fn fn, void *ctx, void *out);

/** Gathers in place: buf holds n items of item_bytes each; this rank's
 *  range (hp_par_range) is filled; afterwards every rank holds all n. */
hp_status hp_par_allgather(void *buf, long n, size_t item_bytes);

/** Rank root's bytes to every rank. */
hp_status hp_par_bcast(void *buf, size_t bytes, int root);

/** Agreement on a failure: every rank passes its local status; every rank
 *  gets the first non-OK status by rank order (HP_OK when none), and the
 *  message captured on that rank is logged on rank 0.  Use it after a
 *  section whose ranks may fail apart. */
hp_status hp_par_agree(hp_status local);

/** Logical OR of flag over the ranks (e.g. an interrupt seen by one). */
int hp_par_any(int flag);

/** Sum of v over the ranks (counters such as solves). */
long hp_par_sum_long(long v);

/** Records msg (the first since the last hp_par_agree) as this rank's
 *  error message, for rank 0 to log when this rank's failure is agreed on.
 *  The command line's log hook calls it on ranks other than 0, which print
 *  nothing themselves. */
void hp_par_note_error(const char *msg);

/** The test hook: nonzero when HREEPLAN_TEST_FAIL_RANK names this rank
 *  (then this rank's share of a parallel section fails, so that the tests
 *  can see one rank stop the run).  Logs why at level 0. */
int hp_par_test_fail(void);

/** Stops every rank at once (MPI_Abort) with exit code; exit() without MPI. */
void hp_par_abort(int code);

#endif
