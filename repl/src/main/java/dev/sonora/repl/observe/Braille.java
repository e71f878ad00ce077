package dev.sonora.repl.observe;

/**
 * Draws a waveform with Unicode braille: each character is a cell of 2 × 4 dots, so a line of
 * {@code cols} characters shows {@code 2 × cols} columns of samples and {@code rows} lines
 * {@code 4 × rows} levels from +1 (top) to -1 (bottom). Each dot column covers its share of
 * the samples and is drawn from their lowest to their highest value, so a dense waveform
 * reads as a band and nothing between two dots is lost. Pure; any thread.
 */
public final class Braille {
    private static final int BLANK = 0x2800;
    // dot bit for (column 0..1, row 0..3) inside a cell, as the braille block numbers them
    private static final int[][] BIT = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

    private Braille() {
    }

    /** {@code rows} lines of {@code cols} braille characters, without line ends. */
    public static String[] draw(float[] samples, int cols, int rows) {
        int dotCols = cols * 2;
        int dotRows = rows * 4;
        int[][] cells = new int[rows][cols];
        int n = samples.length;
        for (int x = 0; x < dotCols; x++) {
            int from = (int) ((long) x * n / dotCols);
            int to = Math.max(from + 1, (int) ((long) (x + 1) * n / dotCols));
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = from; i < to && i < n; i++) {
                lo = Math.min(lo, samples[i]);
                hi = Math.max(hi, samples[i]);
            }
            if (lo > hi) continue;
            int top = level(hi, dotRows);
            int bottom = level(lo, dotRows);
            for (int y = top; y <= bottom; y++) cells[y / 4][x / 2] |= BIT[x % 2][y % 4];
        }
        String[] lines = new String[rows];
        for (int r = 0; r < rows; r++) {
            StringBuilder sb = new StringBuilder(cols);
            for (int c = 0; c < cols; c++) sb.append((char) (BLANK + cells[r][c]));
            lines[r] = sb.toString();
        }
        return lines;
    }

    /** The dot row of value {@code v}: 0 at +1, {@code dotRows - 1} at -1, values beyond clamped. */
    static int level(float v, int dotRows) {
        float clamped = Math.max(-1f, Math.min(1f, v == v ? v : 0f));
        return Math.round((1f - clamped) / 2f * (dotRows - 1));
    }
}
