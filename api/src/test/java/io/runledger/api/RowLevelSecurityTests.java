package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.runledger.tenancy.TenantContext;
import io.runledger.tenancy.TenantTransactions;

/**
 * Proves the second line of defence: with the filter deliberately left out of the SQL, PostgreSQL itself still
 * keeps tenants apart, because the application's role is subject to row-level security.
 */
@IntegrationTest
class RowLevelSecurityTests {

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantTransactions tx;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void an_unfiltered_query_sees_only_the_current_tenants_rows() {
		var acme = tenants.create();
		var globex = tenants.create();

		List<UUID> visible = tx.read(acme.orgId(),
				() -> jdbc.sql("select org_id from projects").query(UUID.class).list());

		assertThat(visible).isNotEmpty().containsOnly(acme.orgId().value()).doesNotContain(globex.orgId().value());
		List<UUID> members = tx.read(acme.orgId(), () -> jdbc.sql("select org_id from members").query(UUID.class).list());
		assertThat(members).containsOnly(acme.orgId().value());
		List<UUID> keys = tx.read(acme.orgId(), () -> jdbc.sql("select org_id from api_keys").query(UUID.class).list());
		assertThat(keys).containsOnly(acme.orgId().value());
	}

	@Test
	void a_transaction_without_a_tenant_sees_no_tenant_rows_at_all() {
		tenants.create();

		Long count = new TransactionTemplate(transactions)
			.execute(status -> jdbc.sql("select count(*) from projects").query(Long.class).single());

		assertThat(TenantContext.current()).isEmpty();
		assertThat(count).isZero();
	}

	@Test
	void writing_a_row_for_another_tenant_is_refused_by_the_database() {
		var acme = tenants.create();
		var globex = tenants.create();

		assertThatThrownBy(() -> tx.writeVoid(acme.orgId(), () -> jdbc.sql("""
				insert into projects (org_id, project_id, slug, name, created_at) values (?, ?, 'sneaky', 'x', now())""")
			.params(globex.orgId().value(), UUID.randomUUID())
			.update())).rootCause().hasMessageContaining("violates row-level security policy");
	}

	@Test
	void an_unfiltered_update_cannot_touch_another_tenants_rows() {
		var acme = tenants.create();
		var globex = tenants.create();

		int touched = tx.write(acme.orgId(), () -> jdbc.sql("update projects set name = 'owned'").update());

		assertThat(touched).isEqualTo(1);
		String globexName = tx.read(globex.orgId(), () -> jdbc.sql("select name from projects")
			.query(String.class).single());
		assertThat(globexName).isNotEqualTo("owned");
	}

	@Test
	void the_application_role_owns_no_table_and_cannot_bypass_row_level_security() {
		var role = jdbc.sql("select rolbypassrls or rolsuper from pg_roles where rolname = current_user")
			.query(Boolean.class).single();
		var owned = jdbc.sql("select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user")
			.query(Long.class).single();

		assertThat(role).isFalse();
		assertThat(owned).isZero();
	}

	@Test
	void every_table_carries_org_id_and_has_row_level_security_enabled() {
		var unprotected = jdbc.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'flyway_schema_history'
				  and (not c.relrowsecurity
				       or not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id')
				       or not exists (select 1 from pg_policy p where p.polrelid = c.oid))""")
			.query(String.class).list();
		var keysNotStartingWithOrgId = jdbc.sql("""
				select con.conname from pg_constraint con
				join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
				join pg_attribute a on a.attrelid = c.oid and a.attnum = con.conkey[1]
				where n.nspname = 'public' and con.contype in ('p', 'u') and c.relname <> 'flyway_schema_history'
				  and a.attname <> 'org_id' and con.conname <> 'organisations_slug_key'""")
			.query(String.class).list();

		assertThat(unprotected).isEmpty();
		assertThat(keysNotStartingWithOrgId).isEmpty();
	}
}
