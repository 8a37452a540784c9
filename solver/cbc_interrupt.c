/* hreeplan solver layer: stopping CBC and CLP solves on an interrupt; see
 * cbc_int.h for why a MIP solve runs in a child process. */
#include "cbc_dl.h"
#include "cbc_int.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "status.h"

#define POLL_MS 50

/* Writes all len bytes; 0 or -1. */
static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

/* The child: solve, send the result, leave without running the parent's
 * exit handlers (its stdio buffers were flushed before the fork). */
static void child(int fd, pid_t parent, hpi_cbc_mip_fn fn, void *arg, int n)
{
    hpi_cbc_mip_out out;
    double *x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
    int code = 1;
#ifdef __linux__
    /* never outlive the parent (killed with SIGKILL, it cannot kill us) */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
#else
    (void)parent;
#endif
    /* a Ctrl-C at the terminal reaches the whole process group: the parent
     * decides, and kills this process */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_DFL);
    {
        /* the parent blocks SIGTERM for its waiting thread (cli/main.c):
         * here it keeps its default action */
        sigset_t term;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        sigprocmask(SIG_UNBLOCK, &term, NULL);
    }
    if (x) {
        memset(&out, 0, sizeof out);
        fn(arg, &out, x);
        if (write_all(fd, &out, sizeof out) == 0 &&
            (!out.has_sol || write_all(fd, x, (size_t)n * sizeof *x) == 0))
            code = 0;
    }
    free(x);
    fflush(stdout);
    fflush(stderr);
    _exit(code);
}

/* Reads into buf[*got..len) what is there; 1 at end of file, 0 for more,
 * -1 on error. */
static int read_some(int fd, char *buf, size_t len, size_t *got)
{
    char sink[4096];
    ssize_t k;
    if (*got < len)
        k = read(fd, buf + *got, len - *got);
    else
        k = read(fd, sink, sizeof sink); /* more than expected: drain */
    if (k < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : -1;
    if (k == 0)
        return 1;
    if (*got < len)
        *got += (size_t)k;
    return 0;
}

int hpi_cbc_run_forked(hpi_cbc_mip_fn fn, void *arg, int n, const volatile int *interrupt,
                       hpi_cbc_mip_out *out, double *x)
{
    int fds[2], rc = -2, status = 0, eof = 0;
    size_t head = sizeof *out, len = head + (size_t)n * sizeof *x, got = 0;
    char *buf = malloc(len);
    pid_t parent = getpid(), pid;
    if (!buf)
        return -1;
    if (pipe(fds) != 0) {
        free(buf);
        return -1;
    }
    fflush(NULL); /* or the child's exit would write the parent's buffers again */
    pid = fork();
    if (pid < 0) {
        hp_log(3, "CBC: cannot start a solve process (%s): the solve cannot be interrupted",
               strerror(errno));
        close(fds[0]);
        close(fds[1]);
        free(buf);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        free(buf); /* the parent's; a leak in the child's own exit check otherwise */
        child(fds[1], parent, fn, arg, n);
    }
    close(fds[1]);
    while (!eof) {
        struct pollfd p = {fds[0], POLLIN, 0};
        int k;
        if (*interrupt) {
            kill(pid, SIGKILL);
            rc = 1;
            break;
        }
        k = poll(&p, 1, POLL_MS);
        if (k < 0 && errno != EINTR)
            break;
        if (k > 0) {
            int r = read_some(fds[0], buf, len, &got);
            if (r < 0)
                break;
            eof = r;
        }
    }
    if (rc != 1 && !eof)
        kill(pid, SIGKILL); /* a failed read: do not wait for a solve we cannot use */
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (rc != 1 && eof && WIFEXITED(status) && WEXITSTATUS(status) == 0 && got >= head) {
        memcpy(out, buf, head);
        if (!out->has_sol || got == len) {
            if (out->has_sol)
                memcpy(x, buf + head, (size_t)n * sizeof *x);
            rc = 0;
        }
    }
    if (rc == -2)
        hp_log(1, "CBC's solve process ended without a result (%s %d)",
               WIFSIGNALED(status) ? "signal" : "exit status",
               WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    free(buf);
    return rc;
}

/* ---- CLP ----------------------------------------------------------- */

static void *watch_main(void *arg)
{
    hpi_clp_watch *w = arg;
    pthread_mutex_lock(&w->mu);
    while (!w->done) {
        struct timespec ts;
        if (*w->interrupt) {
            /* what CLP's own SIGINT handler does: stop at the next
             * iteration */
            hpi_cbc.Clp_setMaximumIterations(w->m, 0);
            w->stopped = 1;
            break;
        }
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += POLL_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->cv, &w->mu, &ts);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

int hpi_clp_watch_start(hpi_clp_watch *w, Clp_Simplex *m, const volatile int *interrupt)
{
    memset(w, 0, sizeof *w);
    w->m = m;
    w->interrupt = interrupt;
    w->saved_iter = hpi_cbc.maximumIterations(m);
    if (pthread_mutex_init(&w->mu, NULL) != 0)
        return -1;
    if (pthread_cond_init(&w->cv, NULL) != 0) {
        pthread_mutex_destroy(&w->mu);
        return -1;
    }
    if (pthread_create(&w->thread, NULL, watch_main, w) != 0) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        return -1;
    }
    return 0;
}

int hpi_clp_watch_stop(hpi_clp_watch *w)
{
    int stopped;
    pthread_mutex_lock(&w->mu);
    w->done = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    stopped = w->stopped;
    if (stopped)
        hpi_cbc.Clp_setMaximumIterations(w->m, w->saved_iter);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    return stopped;
}

void hpi_clp_forward_sigint(void)
{
    hp_log(3, "CLP: the solve was stopped by SIGINT (CLP's handler): passed on");
    kill(getpid(), SIGINT); /* to the process: taken by whichever thread waits for it */
}
