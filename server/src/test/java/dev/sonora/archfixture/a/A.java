package dev.sonora.archfixture.a;

import dev.sonora.archfixture.b.B;

/** Half of a package cycle kept on purpose for {@code ArchitectureTest}. */
public final class A {
    public B b;
}
