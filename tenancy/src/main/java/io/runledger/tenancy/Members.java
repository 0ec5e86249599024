package io.runledger.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Membership of people in organisations, with their role. Rules: only an OWNER grants, changes or removes OWNER;
 * an organisation always keeps at least one OWNER.
 */
@Component
public class Members {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Members(JdbcClient jdbc, TenantTransactions tx, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	public Member add(OrgId orgId, NewMember member, Role role, Actor actor, Role actorRole) {
		requireMayAssign(actorRole, role);
		var created = new Member(orgId, member.userId(), member.email(), member.displayName(), role, clock.instant());
		try {
			return tx.write(orgId, () -> {
				jdbc.sql("""
						insert into members (org_id, user_id, email, display_name, role, created_at)
						values (?, ?, ?, ?, ?, ?)""")
					.params(orgId.value(), created.userId().value(), created.email(), created.displayName(),
							role.name(), Timestamp.from(created.createdAt()))
					.update();
				audit.record(orgId, actor, "member.added", "member", created.userId().toString(),
						Map.of("email", created.email(), "role", role.name()));
				return created;
			});
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("'" + member.email() + "' is already a member of this organisation");
		}
	}

	public Optional<Member> find(OrgId orgId, UserId userId) {
		return tx.read(orgId, () -> jdbc.sql("select * from members where org_id = ? and user_id = ?")
			.params(orgId.value(), userId.value())
			.query(Members::map)
			.optional());
	}

	public Optional<Member> findByEmail(OrgId orgId, String email) {
		return tx.read(orgId, () -> jdbc.sql("select * from members where org_id = ? and email = lower(?)")
			.params(orgId.value(), email)
			.query(Members::map)
			.optional());
	}

	public Member get(OrgId orgId, UserId userId) {
		return find(orgId, userId).orElseThrow(() -> new NotFoundException("member", userId));
	}

	/** Ordered by email; the cursor is the last email returned. */
	public Page<Member> list(OrgId orgId, PageRequest page) {
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select * from members where org_id = ? and email > ? order by email limit ?""")
			.params(orgId.value(), page.cursor().orElse(""), page.limit() + 1)
			.query(Members::map)
			.list(), page.limit(), Member::email));
	}

	public Member changeRole(OrgId orgId, UserId userId, Role newRole, Actor actor, Role actorRole) {
		return tx.write(orgId, () -> {
			var current = lockedMember(orgId, userId);
			requireMayAssign(actorRole, current.role());
			requireMayAssign(actorRole, newRole);
			if (current.role() == Role.OWNER && newRole != Role.OWNER) {
				requireAnotherOwner(orgId, userId);
			}
			jdbc.sql("update members set role = ? where org_id = ? and user_id = ?")
				.params(newRole.name(), orgId.value(), userId.value())
				.update();
			audit.record(orgId, actor, "member.role_changed", "member", userId.toString(),
					Map.of("from", current.role().name(), "to", newRole.name()));
			return new Member(orgId, userId, current.email(), current.displayName(), newRole, current.createdAt());
		});
	}

	/** Removes the member; listeners of {@link MemberRemoved} revoke what they held in the same transaction. */
	public void remove(OrgId orgId, UserId userId, Actor actor, Role actorRole) {
		tx.writeVoid(orgId, () -> {
			var current = lockedMember(orgId, userId);
			requireMayAssign(actorRole, current.role());
			if (current.role() == Role.OWNER) {
				requireAnotherOwner(orgId, userId);
			}
			jdbc.sql("delete from members where org_id = ? and user_id = ?")
				.params(orgId.value(), userId.value())
				.update();
			events.publishEvent(new MemberRemoved(orgId, userId));
			audit.record(orgId, actor, "member.removed", "member", userId.toString(),
					Map.of("email", current.email(), "role", current.role().name()));
		});
	}

	private Member lockedMember(OrgId orgId, UserId userId) {
		return jdbc.sql("select * from members where org_id = ? and user_id = ? for update")
			.params(orgId.value(), userId.value())
			.query(Members::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("member", userId));
	}

	private void requireAnotherOwner(OrgId orgId, UserId leaving) {
		// Locks the other owners too, so two concurrent demotions cannot both see "one other owner left".
		var others = jdbc.sql("""
				select count(*) from (select 1 from members where org_id = ? and role = 'OWNER' and user_id <> ?
				for update) o""")
			.params(orgId.value(), leaving.value())
			.query(Long.class)
			.single();
		if (others == 0) {
			throw new ConflictException("an organisation must keep at least one OWNER; make someone else OWNER first");
		}
	}

	private static void requireMayAssign(Role actorRole, Role role) {
		if (role == Role.OWNER && actorRole != Role.OWNER) {
			throw new ForbiddenException("only an OWNER may grant, change or remove the OWNER role");
		}
	}

	private static Member map(ResultSet rs, int row) throws SQLException {
		return new Member(new OrgId(rs.getObject("org_id", UUID.class)),
				new UserId(rs.getObject("user_id", UUID.class)), rs.getString("email"), rs.getString("display_name"),
				Role.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant());
	}
}
