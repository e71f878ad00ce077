// wake-probe.c -- how late this VM wakes a real-time thread (issue 12: what the xruns are)
//   gcc -O2 -o /tmp/wake-probe bench/wake-probe.c
//   /tmp/wake-probe CPU SECONDS PRIORITY > probe-CPU.txt   (e.g. one per CPU, at the same time)
// Pinned to CPU, at SCHED_FIFO PRIORITY (0: normal), it sleeps to a 1 ms grid for SECONDS and
// prints one line for every wake more than 1 ms past its due time: the wall time (UTC seconds),
// the CPU and how late. bench/wake-stalls.py turns two such files into stalls and overlaps.
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double wall_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: wake-probe CPU SECONDS PRIORITY\n");
        return 2;
    }
    int cpu = atoi(argv[1]);
    long ticks = (long) (atof(argv[2]) * 1000);
    int priority = atoi(argv[3]);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) perror("wake-probe: affinity");
    struct sched_param param = {.sched_priority = priority};
    if (priority > 0 && sched_setscheduler(0, SCHED_FIFO, &param) != 0) perror("wake-probe: SCHED_FIFO");
    struct timespec due;
    clock_gettime(CLOCK_MONOTONIC, &due);
    for (long i = 0; i < ticks; i++) {
        due.tv_nsec += 1000000;
        if (due.tv_nsec >= 1000000000) {
            due.tv_nsec -= 1000000000;
            due.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double late_ms = (now.tv_sec - due.tv_sec) * 1e3 + (now.tv_nsec - due.tv_nsec) / 1e6;
        if (late_ms > 1.0) printf("%.6f cpu%d late %.2f ms\n", wall_seconds(), cpu, late_ms);
    }
    return 0;
}
