package io.runledger.archfixture.upper;

public class Upper {
}
