#!/usr/bin/env python3
"""wake-stalls.py A.txt B.txt -- two bench/wake-probe.c outputs (one per CPU, same time) as stalls.

A stall is one late wake and the catch-up wakes right after it (its start: the wake's time less
its lateness). Prints each CPU's stalls (count, longest), how many of A's overlap one of B's (the
whole VM stopped, not one CPU), and how many gaps between A's stalls lie on a 512 ms grid (a
period seen on this VM while Sonora played: docs/performance.md).
"""
import sys

def stalls(path):
    out = []
    for line in open(path):
        t, _, _, late, _ = line.split()
        t, late = float(t), float(late)
        start = t - late / 1000
        if out and start - out[-1][1] < 0.003:
            out[-1] = (out[-1][0], max(out[-1][1], t), max(out[-1][2], late))
        else:
            out.append((start, t, late))
    return out

a, b = stalls(sys.argv[1]), stalls(sys.argv[2])
both = sum(1 for s, e, _ in a if any(s2 <= e + 0.001 and e2 >= s - 0.001 for s2, e2, _ in b))
gaps = [(y[0] - x[0]) * 1000 for x, y in zip(a, a[1:])]
gaps = [g for g in gaps if g > 100]
grid = sum(1 for g in gaps if min(g % 512, 512 - g % 512) < 8)
print('A: %d stalls (longest %.1f ms); B: %d (longest %.1f ms); overlapping %d; A\'s gaps over 100 ms on a 512 ms grid: %d of %d'
      % (len(a), max([x[2] for x in a] or [0]), len(b), max([x[2] for x in b] or [0]), both, grid, len(gaps)))
