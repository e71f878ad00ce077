package dev.sonora.archfixture.b;

import dev.sonora.archfixture.a.A;

/** The other half of the fixture's package cycle. */
public final class B {
    public A a;
}
