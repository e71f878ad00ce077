package dev.sonora.server.buffer;

/**
 * Long file work (a decode) that the Disk thread runs a bounded slice at a time, with its
 * urgent work (stream refills, recording writes, short tasks) served between slices; see
 * {@link DiskThread#submitSliced}. Disk thread only.
 */
public interface SlicedJob {
    /** Does the next slice (a few milliseconds at most); true when the job is finished. Reports its own errors. */
    boolean stepOnDisk();
}
