package io.runledger.metering;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Money;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.TenantTransactions;

/** Budgets CRUD. Every change goes to the audit log and makes the hard-cap guard look again at once. */
@Component
public class Budgets {

	static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);

	static final int MAX_BUDGETS_PER_ORG = 100;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final AuditLog audit;

	private final WebhookTargets webhooks;

	private final ObjectProvider<UsageValuation> valuation;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Budgets(JdbcClient jdbc, TenantTransactions tx, Projects projects, AuditLog audit, WebhookTargets webhooks,
			ObjectProvider<UsageValuation> valuation, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.audit = audit;
		this.webhooks = webhooks;
		this.valuation = valuation;
		this.events = events;
		this.clock = clock;
	}

	/** What an ADMIN asks for. Either {@code meter} + {@code limitQuantity}, or {@code limitAmount}. */
	public record BudgetSpec(String name, ProjectId project, Meter meter, BigDecimal limitQuantity, Money limitAmount,
			List<Integer> thresholds, Boolean hardCap, String webhookUrl) {
	}

	/** A saved budget; the webhook secret is shown once, when a webhook is first set. */
	public record Saved(Budget budget, String webhookSecret) {
	}

	/** Published after any change, so caches of budgets drop the organisation's entry. */
	record BudgetsChanged(OrgId orgId) {
	}

	public List<Budget> list(OrgId orgId) {
		return tx.read(orgId, () -> jdbc.sql("select * from budgets where org_id = ? order by created_at, budget_id")
			.param(orgId.value())
			.query(Budgets::map)
			.list());
	}

	/** Budgets in creation order, paged by (created_at, id). */
	public Page<Budget> list(OrgId orgId, PageRequest page) {
		var after = page.afterInstantAndId();
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select * from budgets where org_id = ? and (created_at, budget_id) > (?, ?)
				order by created_at, budget_id limit ?""")
			.params(orgId.value(), Timestamp.from(after.at()), after.id(), page.limit() + 1)
			.query(Budgets::map)
			.list(), page.limit(), budget -> PageRequest.key(budget.createdAt(), budget.id().value())));
	}

	public Budget get(OrgId orgId, BudgetId id) {
		return tx.read(orgId, () -> find(orgId, id));
	}

	public Saved create(OrgId orgId, BudgetSpec spec, Actor actor) {
		var valid = validate(orgId, spec);
		var id = BudgetId.random();
		var secret = valid.webhookUrl() == null ? null : newSecret();
		var now = Timestamp.from(clock.instant());
		var saved = tx.write(orgId, () -> {
			int count = jdbc.sql("select count(*) from budgets where org_id = ?").param(orgId.value())
				.query(Integer.class).single();
			if (count >= MAX_BUDGETS_PER_ORG) {
				throw new InvalidRequestException("an organisation can have at most " + MAX_BUDGETS_PER_ORG + " budgets");
			}
			jdbc.sql("""
					insert into budgets (org_id, budget_id, name, project_id, meter, limit_quantity, limit_amount,
					                     currency, thresholds, hard_cap, webhook_url, webhook_secret, created_by,
					                     created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?::integer[], ?, ?, ?, ?, ?, ?)""")
				.params(orgId.value(), id.value(), valid.name(), uuid(valid.project()), name(valid.meter()),
						valid.limitQuantity(), amount(valid.limitAmount()), currency(valid.limitAmount()),
						array(valid.thresholds()), valid.hardCap(), valid.webhookUrl(), secret,
						actor.kind() + ":" + actor.id(), now, now)
				.update();
			return find(orgId, id);
		});
		audit.record(orgId, actor, "budget.created", "budget", id.toString(), details(saved));
		events.publishEvent(new BudgetsChanged(orgId));
		return new Saved(saved, secret);
	}

	/** Replaces the budget's settings; a webhook keeps its secret unless it is newly set. */
	public Saved update(OrgId orgId, BudgetId id, BudgetSpec spec, Actor actor) {
		var valid = validate(orgId, spec);
		var result = tx.write(orgId, () -> {
			var existing = find(orgId, id);
			String newSecret = existing.webhookUrl() == null && valid.webhookUrl() != null ? newSecret() : null;
			jdbc.sql("""
					update budgets set name = ?, project_id = ?, meter = ?, limit_quantity = ?, limit_amount = ?,
					       currency = ?, thresholds = ?::integer[], hard_cap = ?, webhook_url = ?,
					       webhook_secret = case when ?::text is null then null else coalesce(?, webhook_secret) end,
					       updated_at = ?
					where org_id = ? and budget_id = ?""")
				.params(valid.name(), uuid(valid.project()), name(valid.meter()), valid.limitQuantity(),
						amount(valid.limitAmount()), currency(valid.limitAmount()), array(valid.thresholds()),
						valid.hardCap(), valid.webhookUrl(), valid.webhookUrl(), newSecret,
						Timestamp.from(clock.instant()), orgId.value(), id.value())
				.update();
			return new Saved(find(orgId, id), newSecret);
		});
		audit.record(orgId, actor, "budget.updated", "budget", id.toString(), details(result.budget()));
		events.publishEvent(new BudgetsChanged(orgId));
		return result;
	}

	public void delete(OrgId orgId, BudgetId id, Actor actor) {
		tx.writeVoid(orgId, () -> {
			if (jdbc.sql("delete from budgets where org_id = ? and budget_id = ?").params(orgId.value(), id.value())
				.update() == 0) {
				throw new NotFoundException("budget", id);
			}
		});
		audit.record(orgId, actor, "budget.deleted", "budget", id.toString(), Map.of());
		events.publishEvent(new BudgetsChanged(orgId));
	}

	/** The webhook secret, for signing deliveries; never leaves the module otherwise. */
	String webhookSecret(OrgId orgId, BudgetId id) {
		return tx.read(orgId, () -> jdbc.sql("select webhook_secret from budgets where org_id = ? and budget_id = ?")
			.params(orgId.value(), id.value())
			.query(String.class)
			.optional()
			.orElse(null));
	}

	private Budget find(OrgId orgId, BudgetId id) {
		return jdbc.sql("select * from budgets where org_id = ? and budget_id = ?")
			.params(orgId.value(), id.value())
			.query(Budgets::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("budget", id));
	}

	private record Valid(String name, ProjectId project, Meter meter, BigDecimal limitQuantity, Money limitAmount,
			List<Integer> thresholds, boolean hardCap, String webhookUrl) {
	}

	private Valid validate(OrgId orgId, BudgetSpec spec) {
		if (spec == null) {
			throw new InvalidRequestException("a budget needs a body");
		}
		var name = spec.name() == null ? "" : spec.name().strip();
		if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException("name must be 1 to 200 printable characters");
		}
		if (spec.project() != null) {
			projects.get(orgId, spec.project());
		}
		boolean quantity = spec.meter() != null || spec.limitQuantity() != null;
		boolean money = spec.limitAmount() != null;
		if (quantity == money) {
			throw new InvalidRequestException(
					"a budget limits either one meter (meter and limitQuantity) or money (limitAmount and currency)");
		}
		if (quantity && (spec.meter() == null || spec.limitQuantity() == null)) {
			throw new InvalidRequestException("a meter budget needs both meter and limitQuantity");
		}
		var limit = quantity ? spec.limitQuantity() : spec.limitAmount().amount();
		if (limit.signum() <= 0 || limit.precision() - limit.scale() > 30) {
			throw new InvalidRequestException("the limit must be a positive number below 10^30");
		}
		if (money) {
			var pricing = valuation.getIfAvailable();
			if (pricing == null) {
				throw new InvalidRequestException("money budgets need billing, which is not enabled here; budget a meter");
			}
			var billed = pricing.currencyOf(orgId);
			if (!billed.equals(spec.limitAmount().currency())) {
				throw new InvalidRequestException("the budget's currency " + spec.limitAmount().currency()
						+ " differs from the currency this organisation is billed in, " + billed);
			}
		}
		var thresholds = spec.thresholds() == null || spec.thresholds().isEmpty() ? DEFAULT_THRESHOLDS
				: spec.thresholds().stream().distinct().sorted().toList();
		if (thresholds.size() > 10 || thresholds.stream().anyMatch(t -> t == null || t < 1 || t > 1000)) {
			throw new InvalidRequestException("thresholds are 1 to 10 percentages between 1 and 1000");
		}
		var url = spec.webhookUrl() == null || spec.webhookUrl().isBlank() ? null : spec.webhookUrl().strip();
		if (url != null) {
			webhooks.check(url);
		}
		return new Valid(name, spec.project(), spec.meter(), spec.limitQuantity(), spec.limitAmount(), thresholds,
				Boolean.TRUE.equals(spec.hardCap()), url);
	}

	private static String newSecret() {
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "whsec_" + HexFormat.of().formatHex(bytes);
	}

	private static Map<String, Object> details(Budget b) {
		return Map.of("name", b.name(), "limit", b.limit().toPlainString(), "unit",
				b.isMoney() ? b.limitAmount().currency().getCurrencyCode() : b.meter().name(), "hardCap", b.hardCap(),
				"project", b.project() == null ? "" : b.project().toString());
	}

	private static String array(List<Integer> values) {
		return "{" + String.join(",", values.stream().map(String::valueOf).toList()) + "}";
	}

	private static UUID uuid(ProjectId project) {
		return project == null ? null : project.value();
	}

	private static String name(Meter meter) {
		return meter == null ? null : meter.name();
	}

	private static BigDecimal amount(Money money) {
		return money == null ? null : money.amount();
	}

	private static String currency(Money money) {
		return money == null ? null : money.currency().getCurrencyCode();
	}

	static Budget map(ResultSet rs, int row) throws SQLException {
		var meter = rs.getString("meter");
		var amount = rs.getBigDecimal("limit_amount");
		var project = rs.getObject("project_id", UUID.class);
		Array thresholds = rs.getArray("thresholds");
		return new Budget(new BudgetId(rs.getObject("budget_id", UUID.class)), rs.getString("name"),
				project == null ? null : new ProjectId(project), meter == null ? null : Meter.valueOf(meter),
				rs.getBigDecimal("limit_quantity"),
				amount == null ? null : new Money(amount, java.util.Currency.getInstance(rs.getString("currency"))),
				Arrays.stream((Integer[]) thresholds.getArray()).toList(), rs.getBoolean("hard_cap"),
				rs.getString("webhook_url"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
