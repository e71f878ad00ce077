package dev.sonora.server.osc.peer;

/**
 * An OSC 1.0 address pattern, matched against incoming addresses: {@code ?} one character,
 * {@code *} any run of characters (neither crosses a {@code /}), {@code [abc]} {@code [a-z]}
 * {@code [!a-z]} one character of (or not of) a set, {@code {foo,bar}} one of the words. Checked
 * when made (a bad pattern is one line saying where), immutable after: any thread.
 */
public final class AddressPattern {
    private final String pattern;
    private final boolean literal;

    private AddressPattern(String pattern) {
        this.pattern = pattern;
        this.literal = pattern.chars().noneMatch(c -> c == '?' || c == '*' || c == '[' || c == '{');
    }

    /** Checks the pattern; throws {@link IllegalArgumentException} with one line when it is malformed. */
    public static AddressPattern of(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw new IllegalArgumentException("an OSC address starts with '/', like '/fader/1' (got '" + pattern + "')");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == ' ' || c == '#') throw new IllegalArgumentException("'" + pattern + "': OSC addresses have no '" + c + "' (at " + i + ")");
            if (c == '[') {
                int end = pattern.indexOf(']', i + 1);
                if (end < 0 || pattern.substring(i, end).indexOf('/') >= 0) throw new IllegalArgumentException("'" + pattern + "': '[' at " + i + " is not closed by ']'");
                i = end;
            } else if (c == '{') {
                int end = pattern.indexOf('}', i + 1);
                if (end < 0 || pattern.substring(i, end).indexOf('/') >= 0) throw new IllegalArgumentException("'" + pattern + "': '{' at " + i + " is not closed by '}'");
                i = end;
            } else if (c == ']' || c == '}') {
                throw new IllegalArgumentException("'" + pattern + "': '" + c + "' at " + i + " closes nothing");
            }
        }
        return new AddressPattern(pattern);
    }

    public boolean matches(String address) {
        if (literal) return pattern.equals(address);
        return match(0, address, 0);
    }

    private boolean match(int p, String a, int i) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            switch (c) {
                case '*' -> {
                    // the shortest run first; a star never eats a '/'
                    for (int k = i; k <= a.length(); k++) {
                        if (match(p + 1, a, k)) return true;
                        if (k < a.length() && a.charAt(k) == '/') return false;
                    }
                    return false;
                }
                case '?' -> {
                    if (i >= a.length() || a.charAt(i) == '/') return false;
                    p++;
                    i++;
                }
                case '[' -> {
                    int end = pattern.indexOf(']', p + 1);
                    if (i >= a.length() || a.charAt(i) == '/' || !inSet(p + 1, end, a.charAt(i))) return false;
                    p = end + 1;
                    i++;
                }
                case '{' -> {
                    int end = pattern.indexOf('}', p + 1);
                    int from = p + 1;
                    while (from <= end) {
                        int comma = pattern.indexOf(',', from);
                        int to = comma < 0 || comma > end ? end : comma;
                        String word = pattern.substring(from, to);
                        if (a.startsWith(word, i) && match(end + 1, a, i + word.length())) return true;
                        from = to + 1;
                    }
                    return false;
                }
                default -> {
                    if (i >= a.length() || a.charAt(i) != c) return false;
                    p++;
                    i++;
                }
            }
        }
        return i == a.length();
    }

    /** Whether {@code ch} is in the set written between {@code from} and {@code end} ({@code !} first negates it). */
    private boolean inSet(int from, int end, char ch) {
        boolean negate = from < end && pattern.charAt(from) == '!';
        if (negate) from++;
        boolean in = false;
        for (int k = from; k < end; k++) {
            char lo = pattern.charAt(k);
            if (k + 2 < end && pattern.charAt(k + 1) == '-') {
                char hi = pattern.charAt(k + 2);
                if (ch >= lo && ch <= hi) in = true;
                k += 2;
            } else if (lo == ch) {
                in = true;
            }
        }
        return in != negate;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
