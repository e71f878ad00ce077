package dev.sonora.server.rt;

/**
 * What a returned command may do on NRT: report an error to the user, or hand back a node
 * it took out of play (a failed link). Implemented by the NRT side. NRT only.
 */
public interface CommandOutcome {
    /** One line for the user, e.g. {@code "set: node 1003 has already ended"}. */
    void reportError(String message);

    /** A node that never reached the tree (its link failed): release its id. */
    void nodeNeverLinked(RtNode node);
}
