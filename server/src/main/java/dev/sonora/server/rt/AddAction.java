package dev.sonora.server.rt;

/** Where a node goes relative to its target, as in scsynth's {@code /s_new}. Any thread. */
public final class AddAction {
    public static final int HEAD = 0;
    public static final int TAIL = 1;
    public static final int BEFORE = 2;
    public static final int AFTER = 3;
    public static final int REPLACE = 4;

    private AddAction() {
    }

    /** Whether the target is the new parent group (head/tail) rather than a sibling. */
    public static boolean isInside(int addAction) {
        return addAction == HEAD || addAction == TAIL;
    }

    public static boolean isValid(int addAction) {
        return addAction >= HEAD && addAction <= REPLACE;
    }

    /** Parses "head", "tail", "before", "after", "replace"; -1 if unknown. */
    public static int parse(String s) {
        return switch (s) {
            case "head" -> HEAD;
            case "tail" -> TAIL;
            case "before" -> BEFORE;
            case "after" -> AFTER;
            case "replace" -> REPLACE;
            default -> -1;
        };
    }
}
