package dev.sonora.server.ugen;

/** White noise in [-1, 1): xorshift32, seeded per instance so renders are repeatable. */
public final class WhiteNoise extends Ugen {
    private final Wire out;
    private int state;

    public WhiteNoise(UnitContext ctx, Wire out) {
        this.out = out;
        int s = ctx.seed() * 0x9E3779B9 + 0x6D2B79F5;
        this.state = s == 0 ? 1 : s;
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        int s = state;
        for (int i = from; i < to; i++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            o[i] = s * (1.0f / 2147483648f);
        }
        state = s;
    }
}
