#!/usr/bin/env python3
"""dropouts.py WAV [MIN_ZEROS=32]: audible gaps in a recording of a sound that never stops on
its own: runs of at least MIN_ZEROS zero samples (on every channel) between the first and the
last sound. Prints 'dropouts N total_ms longest_ms seconds'. Reads 16-bit PCM or 32-bit float WAV."""
import struct
import sys


def frames(path):
    d = open(path, 'rb').read()
    i = 12
    fmt = None
    while i + 8 <= len(d):
        cid, size = d[i:i + 4], struct.unpack('<I', d[i + 4:i + 8])[0]
        body = d[i + 8:i + 8 + size]
        if cid == b'fmt ':
            tag, ch, rate = struct.unpack('<HHI', body[:8])
            bits = struct.unpack('<H', body[14:16])[0]
            fmt = (tag, ch, rate, bits)
        elif cid == b'data':
            tag, ch, rate, bits = fmt
            if bits == 16:
                samples = struct.unpack('<%dh' % (len(body) // 2), body[:len(body) // 2 * 2])
            elif bits == 32 and tag in (3, 0xFFFE):
                samples = struct.unpack('<%df' % (len(body) // 4), body[:len(body) // 4 * 4])
            elif bits == 32:
                samples = struct.unpack('<%di' % (len(body) // 4), body[:len(body) // 4 * 4])
            else:
                raise SystemExit('unsupported WAV: %d bits' % bits)
            return ch, rate, samples
        i += 8 + size + (size & 1)
    raise SystemExit('no data in ' + path)


def main():
    path = sys.argv[1]
    min_zeros = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    ch, rate, s = frames(path)
    n = len(s) // ch
    silent = [all(s[f * ch + c] == 0 for c in range(ch)) for f in range(n)]
    first = next((f for f in range(n) if not silent[f]), n)
    last = next((f for f in range(n - 1, -1, -1) if not silent[f]), -1)
    gaps, total, longest, run = 0, 0, 0, 0
    for f in range(first, last + 1):
        if silent[f]:
            run += 1
        else:
            if run >= min_zeros:
                gaps += 1
                total += run
                longest = max(longest, run)
            run = 0
    print('dropouts %d total_ms %.1f longest_ms %.1f seconds %.1f' % (gaps, total * 1000.0 / rate, longest * 1000.0 / rate, n / rate))


if __name__ == '__main__':
    main()
