/* hreeplan: status codes shared by every layer.
 *
 * The *call* status (hp_status) says whether a function did its job; the
 * *model* status of a solve (hp_sol_status in solver/backend.h) says what the
 * solver found.  They are kept apart, as in the HiGHS C API. */
#ifndef HP_STATUS_H
#define HP_STATUS_H

typedef enum hp_status {
    HP_OK = 0,
    HP_ENOMEM,      /**< allocation failed */
    HP_EIO,         /**< a read or write failed */
    HP_EINVAL,      /**< invalid input (instance or argument) */
    HP_EINFEASIBLE, /**< the model admits no solution */
    HP_ESOLVER,     /**< the solver stopped without a usable solution */
    HP_EINTERNAL    /**< a bug or a misuse caught before it hurt */
} hp_status;

/** A short English name for a status; never NULL. */
const char *hp_status_str(hp_status st);

/** Propagate a failing call (the SCIP_CALL habit); needs a `st` variable
 *  and a `cleanup` label in the calling function. */
#define HP_CALL(expr)                                                                              \
    do {                                                                                           \
        st = (expr);                                                                               \
        if (st != HP_OK)                                                                           \
            goto cleanup;                                                                          \
    } while (0)

/** Logging hook: the library never prints; it hands messages here.
 *  level: 0 error, 1 warning, 2 info, 3 solver chatter. */
typedef void (*hp_log_fn)(void *ctx, int level, const char *msg);

void hp_set_log(hp_log_fn fn, void *ctx);
void hp_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Seconds on a monotonic clock, for timings (only differences mean
 *  anything). */
double hp_seconds(void);

#endif
