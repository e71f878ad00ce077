#!/usr/bin/env python3
"""xrun-near.py SLOW_LOG SAFEPOINT_LOG [WINDOW_MS]  (issue 12: what the xruns sit beside)

Sets each xrun Sonora's driver counted (the "xrun N" lines of the slow-block log a soak writes,
-Dsonora.slowBlockLog) beside the JVM's safepoints (-Xlog:safepoint with the utctime decorator,
as bench/soak.sh writes it). Prints how many xruns fall within WINDOW_MS (default 10) after a
safepoint began, and how many would by chance: the same count for instants spread evenly over
the same span. Also the slow blocks the same way.
"""
import bisect, datetime, re, sys

def utc(s):
    s = s.rstrip('Z')
    if '+' in s[10:]: s = s[:s.rindex('+')]
    head, _, frac = s.partition('.')
    t = datetime.datetime.strptime(head, '%Y-%m-%dT%H:%M:%S').replace(tzinfo=datetime.timezone.utc).timestamp()
    return t + (float('0.' + frac) if frac else 0.0)

slow_log, sp_log = sys.argv[1], sys.argv[2]
window = float(sys.argv[3]) / 1000 if len(sys.argv) > 3 else 0.010
xruns, slow = [], []
for line in open(slow_log):
    f = line.split()
    if len(f) >= 3 and f[1] == 'xrun': xruns.append(utc(f[0]))
    elif len(f) >= 3 and f[1] == 'took': slow.append(utc(f[0]))
starts = []  # safepoint begin = logged end - total
for line in open(sp_log):
    m = re.match(r'\[([0-9T:.\-+]+)\].*Total: (\d+) ns', line)
    if m: starts.append(utc(m.group(1)) - int(m.group(2)) / 1e9)
starts.sort()
if not xruns or not starts:
    print('xrun-near: %d xruns, %d safepoints: nothing to set side by side' % (len(xruns), len(starts))); sys.exit(0)

def near(instants):
    n = 0
    for t in instants:
        i = bisect.bisect_right(starts, t) - 1
        if i >= 0 and t - starts[i] <= window: n += 1
    return n

lo, hi = min(xruns[0], starts[0]), max(xruns[-1], starts[-1])
even = [lo + (hi - lo) * (k + 0.5) / 2000 for k in range(2000)]
chance = near(even) / len(even)
print('xruns %d, %d within %.0f ms after a safepoint began (by chance: %.1f); slow blocks %d, %d within it (by chance %.1f); %d safepoints over %.0f s'
      % (len(xruns), near(xruns), window * 1000, chance * len(xruns), len(slow), near(slow), chance * len(slow), len(starts), hi - lo))
