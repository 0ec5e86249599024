package io.runledger.tenancy;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The organisation the current thread works for. Every transaction opened while it is set runs with
 * {@code app.org_id} set to it, which is what PostgreSQL's row-level security policies key on. With nothing set,
 * the policies see no rows at all: forgetting the tenant fails closed.
 */
public final class TenantContext {

	private static final ThreadLocal<OrgId> CURRENT = new ThreadLocal<>();

	private TenantContext() {
	}

	public static Optional<OrgId> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	public static <T> T callAs(OrgId orgId, Supplier<T> work) {
		var previous = CURRENT.get();
		if (previous != null && !previous.equals(orgId)) {
			// Switching tenants mid-flight is how cross-tenant bugs are born; make it loud.
			throw new IllegalStateException("already working for organisation " + previous + ", not " + orgId);
		}
		CURRENT.set(orgId);
		try {
			return work.get();
		}
		finally {
			if (previous == null) {
				CURRENT.remove();
			}
		}
	}

	public static void runAs(OrgId orgId, Runnable work) {
		callAs(orgId, () -> {
			work.run();
			return null;
		});
	}
}
