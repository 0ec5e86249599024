/**
 * Storage: the object-storage port (S3 through the MinIO Java SDK; MinIO or any S3 in production, S3Proxy locally).
 * Owns the bucket and how object keys are built; the artifact feature (its own issue) builds on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "tenancy")
package io.runledger.storage;
