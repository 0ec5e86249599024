package io.runledger.tenancy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Signing up organisations, and the few lookups that must happen before the tenant is known. */
@Component
public class Organisations {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final AuditLog audit;

	private final Clock clock;

	Organisations(JdbcClient jdbc, TenantTransactions tx, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.clock = clock;
	}

	/** Creates an organisation and makes {@code owner} its first OWNER, atomically. */
	public Organisation create(Slug slug, String name, NewMember owner) {
		var org = new Organisation(OrgId.random(), slug, Names.require(name, "name"), clock.instant());
		try {
			return tx.write(org.id(), () -> {
				jdbc.sql("insert into organisations (org_id, slug, name, created_at) values (?, ?, ?, ?)")
					.params(org.id().value(), slug.value(), org.name(), Timestamp.from(org.createdAt()))
					.update();
				jdbc.sql("""
						insert into members (org_id, user_id, email, display_name, role, created_at)
						values (?, ?, ?, ?, 'OWNER', ?)""")
					.params(org.id().value(), owner.userId().value(), owner.email(), owner.displayName(),
							Timestamp.from(org.createdAt()))
					.update();
				audit.record(org.id(), Actor.user(owner.userId()), "organisation.created", "organisation",
						org.id().toString(), Map.of("slug", slug.value()));
				return org;
			});
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("an organisation with slug '" + slug + "' already exists");
		}
	}

	public Organisation get(OrgId orgId) {
		return tx.read(orgId, () -> jdbc.sql("select * from organisations where org_id = ?")
			.param(orgId.value())
			.query((rs, row) -> new Organisation(orgId, new Slug(rs.getString("slug")), rs.getString("name"),
					rs.getTimestamp("created_at").toInstant()))
			.optional()
			.orElseThrow(() -> new NotFoundException("organisation", orgId)));
	}

	/** Cross-tenant by nature: resolves a slug before any tenant is known. Answers the id and nothing else. */
	public Optional<OrgId> lookupIdBySlugAcrossTenants(Slug slug) {
		return jdbc.sql("select org_id_for_slug(?)")
			.param(slug.value())
			.query(UUID.class)
			.optional()
			.map(OrgId::new);
	}

	/** Cross-tenant by nature: which organisations a person can sign in to. */
	public List<OrgId> lookupIdsForUserAcrossTenants(UserId userId) {
		return jdbc.sql("select org_ids_for_user(?)").param(userId.value()).query(UUID.class).list().stream()
			.map(OrgId::new)
			.toList();
	}

	/** Cross-tenant by nature: which organisations an email (as verified by the identity provider) belongs to. */
	public List<OrgId> lookupIdsForEmailAcrossTenants(String email) {
		return jdbc.sql("select org_ids_for_email(?)").param(email).query(UUID.class).list().stream()
			.map(OrgId::new)
			.toList();
	}
}
