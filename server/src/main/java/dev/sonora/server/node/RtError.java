package dev.sonora.server.node;

/** Failure codes a command sets on the audio thread; NRT turns them into words. Any thread. */
final class RtError {
    static final int NONE = 0;
    static final int NODE_ENDED = 1;
    static final int TARGET_ENDED = 2;
    static final int MOVE_INTO_ITSELF = 3;
    static final int TARGET_NOT_GROUP = 4;

    private RtError() {
    }

    static String describe(int code, String what, int nodeId, int targetId) {
        return switch (code) {
            case NODE_ENDED -> what + ": node " + nodeId + " has already ended";
            case TARGET_ENDED -> what + ": target node " + targetId + " has already ended";
            case MOVE_INTO_ITSELF -> what + ": cannot move group " + nodeId + " into itself or a group inside it (target " + targetId + ")";
            case TARGET_NOT_GROUP -> what + ": target node " + targetId + " is not a group";
            default -> what + ": failed (code " + code + ")";
        };
    }
}
