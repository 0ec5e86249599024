package io.runledger.tenancy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Invitations by email with a role. Accepting one (on the invitee's first single sign-on login) makes them a member,
 * once: the invitation row is marked accepted in the same transaction that creates the membership.
 */
@Component
public class Invitations {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Members members;

	private final AuditLog audit;

	private final Clock clock;

	Invitations(JdbcClient jdbc, TenantTransactions tx, Members members, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.members = members;
		this.audit = audit;
		this.clock = clock;
	}

	public record Invitation(OrgId orgId, String email, Role role, String invitedBy, Instant createdAt,
			Instant acceptedAt) {
	}

	public Invitation invite(OrgId orgId, String email, Role role, Actor actor, Role actorRole) {
		var normalised = new NewMember(UserId.random(), email, null).email();
		if (role == Role.OWNER && actorRole != Role.OWNER) {
			throw new ForbiddenException("only an OWNER may invite an OWNER");
		}
		return tx.write(orgId, () -> {
			if (members.findByEmail(orgId, normalised).isPresent()) {
				throw new ConflictException("'" + normalised + "' is already a member of this organisation");
			}
			var now = clock.instant();
			jdbc.sql("""
					insert into invitations (org_id, email, role, invited_by, created_at) values (?, ?, ?, ?, ?)
					on conflict (org_id, email) do update set role = excluded.role, invited_by = excluded.invited_by,
					    created_at = excluded.created_at, accepted_at = null""")
				.params(orgId.value(), normalised, role.name(), actor.kind() + ":" + actor.id(), Timestamp.from(now))
				.update();
			audit.record(orgId, actor, "member.invited", "invitation", normalised, Map.of("role", role.name()));
			return new Invitation(orgId, normalised, role, actor.kind() + ":" + actor.id(), now, null);
		});
	}

	/** Open invitations by email, paged. */
	public Page<Invitation> open(OrgId orgId, PageRequest page) {
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select * from invitations where org_id = ? and accepted_at is null and email > ? order by email limit ?""")
			.params(orgId.value(), page.cursor().orElse(""), page.limit() + 1)
			.query((rs, row) -> new Invitation(orgId, rs.getString("email"), Role.valueOf(rs.getString("role")),
					rs.getString("invited_by"), rs.getTimestamp("created_at").toInstant(), null))
			.list(), page.limit(), Invitation::email));
	}

	/** Turns an open invitation for this email into a membership; empty when there is none. */
	public Optional<Member> accept(OrgId orgId, NewMember person) {
		return tx.write(orgId, () -> {
			var role = jdbc.sql("""
					update invitations set accepted_at = ? where org_id = ? and email = ? and accepted_at is null
					returning role""")
				.params(Timestamp.from(clock.instant()), orgId.value(), person.email().toLowerCase(Locale.ROOT))
				.query(String.class)
				.optional();
			return role.map(r -> members.add(orgId, person, Role.valueOf(r), Actor.user(person.userId()), Role.OWNER));
		});
	}
}
