package dev.sonora.server.midi.device;

import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiSink;

/**
 * Turns a raw MIDI byte stream into messages, the way a receiving instrument does:
 * <ul>
 * <li>running status: data bytes after a complete channel message reuse its status;</li>
 * <li>system real-time bytes (F8, FA..FC, FE, FF) are delivered at once, even in the middle
 *     of another message or a SysEx, which then carries on undisturbed;</li>
 * <li>SysEx {@code F0 ... F7} is delivered whole if it fits the bounded buffer, else skipped
 *     (counted); one cut off by any other status byte is dropped (counted) and that status
 *     starts the next message (an EOX that ends nothing is counted as malformed);</li>
 * <li>malformed input is dropped and counted, byte by byte, and the parser stays in sync:
 *     data bytes with no status, the undefined status bytes F4 F5 F9 FD, and the bytes of
 *     a message cut short by a new status.</li>
 * </ul>
 *
 * <p>One parser per byte stream, used by <b>one thread</b> (the device callback thread).
 * Allocation-free per byte; the SysEx buffer is allocated once.
 */
public final class MidiParser {
    /** Default SysEx buffer: long enough for the common dumps, bounded so a stuck stream cannot grow it. */
    public static final int DEFAULT_SYSEX_CAPACITY = 1024;

    private final MidiSink sink;
    private final byte[] sysex;
    /** Status of the message being assembled, or 0 for none (running status lost). */
    private int status;
    /** Data bytes the current status needs. */
    private int needed;
    /** Data bytes received so far for the current message. */
    private int have;
    private int data1;
    /** Bytes of the current incomplete message (status included when it was sent): dropped if cut. */
    private int pending;
    private boolean inSysex;
    private int sysexLength;
    private boolean sysexOverflow;

    private long messages;
    private long sysexMessages;
    private long malformedBytes;
    private long sysexTooLong;
    private long sysexCut;

    public MidiParser(MidiSink sink) {
        this(sink, DEFAULT_SYSEX_CAPACITY);
    }

    public MidiParser(MidiSink sink, int sysexCapacity) {
        if (sysexCapacity < 2) throw new IllegalArgumentException("SysEx capacity " + sysexCapacity + " is too small (2 at least)");
        this.sink = sink;
        this.sysex = new byte[sysexCapacity];
    }

    /** Feeds {@code length} bytes. */
    public void feed(byte[] bytes, int offset, int length, long time) {
        for (int i = offset, end = offset + length; i < end; i++) {
            feed(bytes[i] & 0xFF, time);
        }
    }

    /** Feeds one byte (0..255). */
    public void feed(int b, long time) {
        b &= 0xFF;
        if (b >= 0xF8) {
            realTime(b, time);
        } else if (b >= 0x80) {
            statusByte(b, time);
        } else {
            dataByte(b, time);
        }
    }

    private void realTime(int b, long time) {
        if (b == 0xF9 || b == 0xFD) {
            malformedBytes++; // undefined: ignored, the message in progress is untouched
            return;
        }
        messages++;
        sink.shortMessage(b, 0, 0, time);
    }

    private void statusByte(int b, long time) {
        if (inSysex) {
            if (b == 0xF7) {
                endSysex(time);
                return;
            }
            // any other status ends a SysEx that never got its EOX: drop it, then read b afresh
            sysexCut++;
            inSysex = false;
        }
        dropPending();
        if (b == 0xF0) {
            inSysex = true;
            sysexOverflow = false;
            sysex[0] = (byte) 0xF0;
            sysexLength = 1;
            status = 0; // system messages cancel running status
            return;
        }
        if (b == 0xF7 || b == 0xF4 || b == 0xF5) {
            malformedBytes++; // EOX with no SysEx open, or undefined system common
            status = 0;
            return;
        }
        int n = MidiMessage.dataLength(b);
        if (n == 0) {
            // F6 tune request: complete as it stands; cancels running status
            status = 0;
            messages++;
            sink.shortMessage(b, 0, 0, time);
            return;
        }
        status = b;
        needed = n;
        have = 0;
        pending = 1;
    }

    private void dataByte(int b, long time) {
        if (inSysex) {
            if (sysexLength < sysex.length - 1) {
                sysex[sysexLength++] = (byte) b;
            } else {
                sysexOverflow = true; // keep counting the stream in sync; the message is skipped at EOX
            }
            return;
        }
        if (status == 0) {
            malformedBytes++; // data with no status to belong to
            return;
        }
        if (have == 0) {
            data1 = b;
            have = 1;
            pending++;
            if (needed == 1) complete(status, b, 0, time);
        } else {
            complete(status, data1, b, time);
        }
    }

    private void complete(int s, int d1, int d2, long time) {
        have = 0;
        pending = 0;
        if (s >= 0xF0) status = 0; // system common messages do not run
        messages++;
        sink.shortMessage(s, d1, d2, time);
    }

    private void endSysex(long time) {
        inSysex = false;
        if (sysexOverflow) {
            sysexTooLong++;
            return;
        }
        sysex[sysexLength++] = (byte) 0xF7;
        sysexMessages++;
        sink.sysex(sysex, sysexLength, time);
    }

    private void dropPending() {
        if (pending > 0) malformedBytes += pending;
        pending = 0;
        have = 0;
    }

    /** Forgets any partial message and running status (after a gap or a device reopen). */
    public void reset() {
        dropPending();
        status = 0;
        if (inSysex) {
            sysexCut++;
            inSysex = false;
        }
    }

    /** Short messages delivered. Parser thread (or after it stopped). */
    public long messages() {
        return messages;
    }

    /** SysEx messages delivered. */
    public long sysexMessages() {
        return sysexMessages;
    }

    /** Bytes dropped as malformed: orphan data, undefined status, stray EOX, cut-short messages. */
    public long malformedBytes() {
        return malformedBytes;
    }

    /** SysEx messages skipped because they were longer than the buffer. */
    public long sysexTooLong() {
        return sysexTooLong;
    }

    /** SysEx messages dropped because another status byte came before their EOX. */
    public long sysexCut() {
        return sysexCut;
    }
}
