package dev.sonora.repl.run;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Run in a JVM of its own by {@link HeapSoftLimitTest}: follows collections with a
 * {@link HeapSoftLimit}, keeps {@code args[0]} MB alive across collections and prints
 * "limit BYTES option BYTES" (the limit it settled on, the JVM's option), or "off".
 */
public final class HeapSoftLimitProbe {
    private HeapSoftLimitProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        HeapSoftLimit limit = HeapSoftLimit.start().orElse(null);
        if (limit == null) {
            System.out.println("off");
            return;
        }
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[0]); i++) kept.add(new byte[1 << 20]);
        long before = limit.limit();
        for (int i = 0; i < 200 && limit.limit() == before; i++) { // notifications come on their own thread
            System.gc();
            Thread.sleep(50);
        }
        String option = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption(HeapSoftLimit.OPTION).getValue();
        System.out.println("limit " + limit.limit() + " option " + option + " kept " + kept.size());
    }
}
