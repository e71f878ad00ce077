#!/usr/bin/env python3
"""steal-split.py STAT_SAMPLES JACK_LOG  (issue 12: whose xruns are the host's)

On a virtual machine the hypervisor can take a vCPU away while the guest wants to run it: the
guest's /proc/stat counts that time as "steal". A JACK client woken while its vCPU is stolen
misses the period whatever it does, so a soak's xrun counts mean little until they are set
beside the steal in the same seconds.

STAT_SAMPLES: lines "EPOCH cpu user nice system idle iowait irq softirq steal ..." (the first
line of /proc/stat, stamped, about once a second, as bench/soak.sh writes them while it
records). JACK_LOG: jackd's output with each line stamped "EPOCH text" (bench/soak.sh does
that). Prints one line: the steal over the samples' span (mean, and the worst second), then the
seconds sorted by their steal into four bands (under 1 %, 1-3 %, 3-10 %, 10 % and more) and, for
each band, how many seconds fell in it and jackd's xruns a second in them. Two runs compare fairly
band by band: a run that caught more steal has more xruns whatever its client does.
"""
import bisect, sys

BANDS = ((0, 1), (1, 3), (3, 10), (10, 101))  # steal in a second, percent of both CPUs' time


def samples(path):
    out = []
    for line in open(path):
        f = line.split()
        if len(f) >= 10 and f[1] == 'cpu':
            out.append((float(f[0]), [int(x) for x in f[2:]]))
    return out


def main():
    stat, log = sys.argv[1], sys.argv[2]
    rows = samples(stat)
    if len(rows) < 2:
        print('steal ? (no samples)')
        return
    starts, steals, stolen_total, all_total = [], [], 0, 0
    for (ta, a), (tb, b) in zip(rows, rows[1:]):
        d = [y - x for x, y in zip(a, b)]
        total = sum(d[:8]) or 1  # user nice system idle iowait irq softirq steal
        starts.append(ta)
        steals.append(100.0 * d[7] / total)
        stolen_total += d[7]
        all_total += total
    end = rows[-1][0]
    xruns = []
    for line in open(log):
        head, _, text = line.partition(' ')
        try:
            t = float(head)
        except ValueError:
            continue
        if 'XRun' in text and starts[0] <= t < end:
            xruns.append(t)
    counts = [0] * len(steals)
    for t in xruns:
        counts[bisect.bisect_right(starts, t) - 1] += 1
    bands = []
    for lo, hi in BANDS:
        seconds = [i for i, s in enumerate(steals) if lo <= s < hi]
        rate = '%.2f' % (sum(counts[i] for i in seconds) / len(seconds)) if seconds else '-'
        bands.append('%s%% %d s %s/s' % ('%d-%d' % (lo, hi) if hi <= 100 else '>=%d' % lo, len(seconds), rate))
    print('steal %.1f%% (worst second %.0f%%); xruns by the second\'s steal: %s' % (
        100.0 * stolen_total / (all_total or 1), max(steals), ', '.join(bands)))

if __name__ == '__main__':
    main()
