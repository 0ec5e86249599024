package io.runledger.storage;

/** One part of a multipart upload as the store holds it. */
public record UploadedPart(int partNumber, String etag, long size) {
}
