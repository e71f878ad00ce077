package dev.sonora.server.rt;

/**
 * Fixed-capacity binary min-heap of timestamped commands, ordered by (time, arrival).
 * Audio thread only; never allocates.
 */
final class ScheduleHeap {
    private final Command[] heap;
    private int size;

    ScheduleHeap(int capacity) {
        heap = new Command[capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == heap.length;
    }

    long peekTime() {
        return heap[0].time;
    }

    void push(Command c) {
        int i = size++;
        heap[i] = c;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(heap[i], heap[parent])) break;
            swap(i, parent);
            i = parent;
        }
    }

    Command pop() {
        Command top = heap[0];
        int last = --size;
        heap[0] = heap[last];
        heap[last] = null;
        int i = 0;
        for (;;) {
            int l = 2 * i + 1;
            if (l >= size) break;
            int r = l + 1;
            int m = (r < size && before(heap[r], heap[l])) ? r : l;
            if (!before(heap[m], heap[i])) break;
            swap(i, m);
            i = m;
        }
        return top;
    }

    private static boolean before(Command a, Command b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    private void swap(int i, int j) {
        Command t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }
}
