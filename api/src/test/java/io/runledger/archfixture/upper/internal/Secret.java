package io.runledger.archfixture.upper.internal;

public class Secret {
}
