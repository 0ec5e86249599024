/**
 * Storage: the object-storage port (S3 through the MinIO Java SDK; MinIO or any S3 in production, S3Proxy locally).
 * Owns the bucket, how object keys are built ({@link io.runledger.storage.ObjectKey}) and which client paths are
 * acceptable ({@link io.runledger.storage.ObjectPath}); the artifact feature in api/artifacts builds on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "tenancy")
package io.runledger.storage;
