package io.runledger.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Names;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

/** Non-human members (CI, training clusters). They can be at most ADMIN: ownership belongs to people. */
@Component
public class ServiceAccounts {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ServiceAccounts(JdbcClient jdbc, TenantTransactions tx, AuditLog audit, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.clock = clock;
	}

	public ServiceAccount create(OrgId orgId, String name, Role role, Actor actor) {
		if (role == Role.OWNER) {
			throw new InvalidRequestException("a service account cannot be OWNER; use ADMIN or lower");
		}
		var account = new ServiceAccount(orgId, new ServiceAccountId(UUID.randomUUID()), Names.require(name, "name"),
				role, clock.instant());
		try {
			return tx.write(orgId, () -> {
				jdbc.sql("""
						insert into service_accounts (org_id, service_account_id, name, role, created_at)
						values (?, ?, ?, ?, ?)""")
					.params(orgId.value(), account.id().value(), account.name(), role.name(),
							Timestamp.from(account.createdAt()))
					.update();
				audit.record(orgId, actor, "service_account.created", "service_account", account.id().toString(),
						Map.of("name", account.name(), "role", role.name()));
				return account;
			});
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("a service account named '" + account.name() + "' already exists");
		}
	}

	public ServiceAccount get(OrgId orgId, ServiceAccountId id) {
		return tx.read(orgId, () -> jdbc.sql("""
				select * from service_accounts where org_id = ? and service_account_id = ? and deleted_at is null""")
			.params(orgId.value(), id.value())
			.query(ServiceAccounts::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("service account", id)));
	}

	public Page<ServiceAccount> list(OrgId orgId, PageRequest page) {
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select * from service_accounts where org_id = ? and deleted_at is null and name > ?
				order by name limit ?""")
			.params(orgId.value(), page.cursor().orElse(""), page.limit() + 1)
			.query(ServiceAccounts::map)
			.list(), page.limit(), ServiceAccount::name));
	}

	/** Deleting a service account kills its keys in the same transaction. */
	public void delete(OrgId orgId, ServiceAccountId id, Actor actor) {
		tx.writeVoid(orgId, () -> {
			int changed = jdbc.sql("""
					update service_accounts set deleted_at = ?
					where org_id = ? and service_account_id = ? and deleted_at is null""")
				.params(Timestamp.from(clock.instant()), orgId.value(), id.value())
				.update();
			if (changed == 0) {
				throw new NotFoundException("service account", id);
			}
			events.publishEvent(new ServiceAccountDeleted(orgId, id));
			audit.record(orgId, actor, "service_account.deleted", "service_account", id.toString(), Map.of());
		});
	}

	private static ServiceAccount map(ResultSet rs, int row) throws SQLException {
		return new ServiceAccount(new OrgId(rs.getObject("org_id", UUID.class)),
				new ServiceAccountId(rs.getObject("service_account_id", UUID.class)), rs.getString("name"),
				Role.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant());
	}
}
