/* hreeplan solver layer, intra-room: stopping CBC and CLP solves on an
 * interrupt (solver/cbc_interrupt.c), for solver/cbc_backend.c.
 *
 * CBC 2.10's C interface has no event handler and no callback that can end
 * a branch and bound, and it solves a copy of the model it is given, so
 * nothing set from outside reaches a running search.  An interruptible MIP
 * solve therefore runs in a child process that the parent kills when the
 * interrupt flag goes up (polled every 50 ms), and the result comes back
 * through a pipe.  A CLP solve is stopped the way CLP's own SIGINT handler
 * stops it, by setting its iteration limit to 0, here from a watcher thread
 * that polls the flag. */
#ifndef HP_CBC_INT_H
#define HP_CBC_INT_H

#include <coin/Clp_C_Interface.h>
#include <pthread.h>

/** What a CBC solve leaves (Cbc_status, Cbc_secondaryStatus, ...). */
typedef struct hpi_cbc_mip_out {
    int st, sec, infeasible, unbounded;
    int has_sol;  /**< the solution vector was filled */
    double obj;   /**< Cbc_getObjValue (without the model's constant) */
    double bound; /**< Cbc_getBestPossibleObjValue (same) */
    long iterations;
} hpi_cbc_mip_out;

/** One CBC solve: fills out and, when out->has_sol, x (n values). */
typedef void (*hpi_cbc_mip_fn)(void *arg, hpi_cbc_mip_out *out, double *x);

/** Runs fn(arg, out, x) in a child process and waits for it, polling
 *  *interrupt every 50 ms.  Returns 0 when out (and x when out->has_sol)
 *  hold the child's result; 1 when the interrupt came first (the child is
 *  killed and reaped, out and x untouched); -1 when no child could be
 *  started (the caller solves in its own process); -2 when the child ended
 *  without a result (logged). */
int hpi_cbc_run_forked(hpi_cbc_mip_fn fn, void *arg, int n, const volatile int *interrupt,
                       hpi_cbc_mip_out *out, double *x);

/** A thread that stops a running CLP solve when *interrupt goes up. */
typedef struct hpi_clp_watch {
    Clp_Simplex *m;
    const volatile int *interrupt;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done;       /**< the solve returned: the thread ends */
    int stopped;    /**< the thread set the iteration limit to 0 */
    int saved_iter; /**< the iteration limit before, restored by _stop */
} hpi_clp_watch;

/** Starts watching m's next solves.  0, or -1 when no thread could be
 *  started (the solve then runs unwatched). */
int hpi_clp_watch_start(hpi_clp_watch *w, Clp_Simplex *m, const volatile int *interrupt);

/** Ends the watch (joins the thread), restores m's iteration limit and
 *  returns 1 when the watcher stopped the solve, else 0. */
int hpi_clp_watch_stop(hpi_clp_watch *w);

/** After a CLP solve that stopped with status 3 although no limit was hit:
 *  CLP's own SIGINT handler (installed by ClpSimplex::initialSolve while it
 *  runs) took a Ctrl-C meant for the program.  Gives it back by raising
 *  SIGINT now that the program's handler is in place again. */
void hpi_clp_forward_sigint(void);

#endif
