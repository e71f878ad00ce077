#!/usr/bin/env python3
"""osc-replay.py SCORE PORT: plays the time-0 messages of a scsynth NRT score (/d_recv, /g_new,
/s_new ...) to a live scsynth on 127.0.0.1:PORT over UDP, in order, so a live server holds
exactly the voices the offline workload starts with. Waits after each /d_recv (asynchronous
on the server) by asking /sync and waiting for /synced."""
import socket
import struct
import sys


def messages_at_zero(path):
    data = open(path, 'rb').read()
    i = 0
    while i < len(data):
        (size,) = struct.unpack('>i', data[i:i + 4])
        bundle = data[i + 4:i + 4 + size]
        i += 4 + size
        (tt,) = struct.unpack('>Q', bundle[8:16])
        if tt != 0:
            return
        j = 16
        while j < len(bundle):
            (n,) = struct.unpack('>i', bundle[j:j + 4])
            yield bundle[j + 4:j + 4 + n]
            j += 4 + n


def osc_string(s):
    b = s.encode() + b'\0'
    return b + b'\0' * (-len(b) % 4)


def main():
    score, port = sys.argv[1], int(sys.argv[2])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(10)
    target = ('127.0.0.1', port)
    sent = 0
    for m in messages_at_zero(score):
        sock.sendto(m, target)
        sent += 1
        if m.startswith(b'/d_recv'):
            sync = osc_string('/sync') + osc_string(',i') + struct.pack('>i', 1)
            sock.sendto(sync, target)
            while b'/synced' not in sock.recv(65536):
                pass
    print(f'osc-replay: sent {sent} messages from {score}')


if __name__ == '__main__':
    main()
