package dev.sonora.server.midi;

import java.nio.file.Path;

/** Prints what the reader makes of every test file (a development aid, run by hand). */
final class SmfSurvey {
    public static void main(String[] args) throws Exception {
        for (Path p : MidiTestData.all()) {
            try {
                MidiFile f = SmfReader.read(p);
                System.out.println("OK  " + f.summary());
                for (String w : f.warnings()) System.out.println("      " + w);
            } catch (MidiFileException e) {
                System.out.println("REF " + e.getMessage());
            }
            String jx;
            try {
                javax.sound.midi.MidiSystem.getSequence(p.toFile());
                jx = "ok";
            } catch (Exception e) {
                jx = "refused";
            }
            System.out.println("      javax: " + jx);
        }
    }
}
