package io.runledger.archfixture.lower;

import io.runledger.archfixture.upper.Upper;
import io.runledger.archfixture.upper.internal.Secret;

/** Violates the fixture's rules twice: depends on "upper" (not allowed) and on its internal package. */
public class Lower {

	final Upper upper = new Upper();

	final Secret secret = new Secret();
}
