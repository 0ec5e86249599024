package io.runledger.auth;

/** A freshly created key and its secret, which is shown this once and never stored. */
public record IssuedApiKey(ApiKey key, String secret) {
}
