package io.runledger.storage;

import java.util.UUID;

import io.runledger.tenancy.OrgId;

/**
 * Where one stored file lives in the bucket. Built only here, only from typed ids and a checked {@link ObjectPath}, so
 * a client can never choose a key or reach another organisation's objects:
 * {@code orgs/{orgId}/artifacts/{artifactId}/{version}/{path}}. Keys are never stored or accepted as text; they are
 * rebuilt from their parts.
 */
public final class ObjectKey {

	private final String value;

	private ObjectKey(String value) {
		this.value = value;
	}

	public static ObjectKey artifactFile(OrgId orgId, UUID artifactId, int version, ObjectPath path) {
		if (version < 1) {
			throw new IllegalArgumentException("artifact versions start at 1, got " + version);
		}
		return new ObjectKey("orgs/" + orgId.value() + "/artifacts/" + artifactId + "/" + version + "/" + path.value());
	}

	public String value() {
		return value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ObjectKey key && key.value.equals(value);
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

	@Override
	public String toString() {
		return value;
	}
}
