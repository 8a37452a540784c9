"""Times whole processes, interleaved (used by bench/latency.sh and
bench/plan_vs_glpsol.sh; run with /usr/bin/python3).

    interleave.py RUNS LABEL=COMMAND [LABEL=COMMAND ...]

Runs each COMMAND (split like a shell line, no shell in between) RUNS times,
one of each in turn, stdout discarded, and prints one line per LABEL:

    LABEL<TAB>median wall s<TAB>median CPU s<TAB>every wall time, space-separated

Wall time spans spawn to exit; CPU time is user + system of that child
alone (os.wait4), which other jobs on the machine disturb less.  A command
that exits non-zero stops the run (exit 1)."""
import os
import shlex
import statistics
import sys
import time


def main():
    runs = int(sys.argv[1])
    jobs = []
    for arg in sys.argv[2:]:
        label, _, cmd = arg.partition("=")
        jobs.append((label, shlex.split(cmd), [], []))
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1)]
    for _ in range(runs):
        for label, argv, walls, cpus in jobs:
            t = time.perf_counter()
            pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
            _, status, ru = os.wait4(pid, 0)
            walls.append(time.perf_counter() - t)
            cpus.append(ru.ru_utime + ru.ru_stime)
            if status != 0:
                sys.stderr.write("%s: exit status %d: %s\n" % (label, status, " ".join(argv)))
                sys.exit(1)
    for label, _, walls, cpus in jobs:
        print("%s\t%.6f\t%.6f\t%s" % (label, statistics.median(walls), statistics.median(cpus),
                                      " ".join("%.6f" % w for w in walls)))


main()
