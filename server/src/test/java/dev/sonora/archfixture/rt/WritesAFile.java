package dev.sonora.archfixture.rt;

import java.io.FileOutputStream;
import java.io.IOException;

/** Breaks the audio-thread rule on purpose: {@code ArchitectureTest} checks that the rule sees it. */
public final class WritesAFile {
    public void process() throws IOException {
        try (FileOutputStream out = new FileOutputStream("/dev/null")) {
            out.write(1);
        }
    }
}
