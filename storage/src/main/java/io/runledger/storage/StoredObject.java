package io.runledger.storage;

/** What was stored (or read back): its size in bytes and SHA-256 as 64 lowercase hex digits. */
public record StoredObject(long size, String sha256) {
}
