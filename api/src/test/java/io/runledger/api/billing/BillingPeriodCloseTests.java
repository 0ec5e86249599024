package io.runledger.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.billing.BillingPeriod;
import io.runledger.billing.BillingPlans;
import io.runledger.billing.CloseBillingPeriods;
import io.runledger.billing.Invoice;
import io.runledger.billing.InvoiceLine;
import io.runledger.billing.InvoiceStatus;
import io.runledger.billing.Invoices;
import io.runledger.billing.MeterPrice;
import io.runledger.billing.Plan;
import io.runledger.billing.PriceUnit;
import io.runledger.billing.SyncStatus;
import io.runledger.billing.Tier;
import io.runledger.billing.TierMode;
import io.runledger.metering.Meter;
import io.runledger.metering.Period;
import io.runledger.metering.UsageRecorder;
import io.runledger.metering.UsageValuation;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Money;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

/** Usage across months, closed with the test clock: which usage lands on which invoice, and that it lands once. */
@IntegrationTest
class BillingPeriodCloseTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	TenantTransactions tx;

	@Autowired
	UsageRecorder usage;

	@Autowired
	CloseBillingPeriods closer;

	@Autowired
	Invoices invoices;

	@Autowired
	BillingPlans plans;

	@Autowired
	UsageValuation valuation;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	static final BigDecimal MILLION = new BigDecimal("1000000");

	static final BigDecimal HOUR = new BigDecimal("3600");

	TestTenants.Tenant tenantAt(String instant) {
		clock.freezeAt(Instant.parse(instant));
		return tenants.create();
	}

	void recordAt(TestTenants.Tenant tenant, String instant, Meter meter, BigDecimal quantity) {
		clock.freezeAt(Instant.parse(instant));
		tx.writeVoid(tenant.orgId(), () -> usage.record(tenant.orgId(), UsageRecorder.uniqueEventId("test"), meter,
				tenant.project().id(), null, quantity));
	}

	Invoice close(TestTenants.Tenant tenant, String month) {
		return closer.close(tenant.orgId(), BillingPeriod.of(YearMonth.parse(month)));
	}

	static Money usd(String amount) {
		return Money.of(amount, "USD");
	}

	static InvoiceLine line(Invoice invoice, InvoiceLine.Kind kind, Meter meter) {
		return invoice.lines().stream().filter(l -> l.kind() == kind && l.meter() == meter).findFirst().orElseThrow();
	}

	@Test
	void usage_across_a_month_closes_into_one_finalized_invoice_with_the_right_lines_and_total() {
		var acme = tenantAt("2031-03-01T08:00:00Z");
		recordAt(acme, "2031-03-02T10:15:00Z", Meter.DATA_POINTS, new BigDecimal("6").multiply(MILLION));
		recordAt(acme, "2031-03-10T04:00:00Z", Meter.TRACKED_HOURS, new BigDecimal("150").multiply(HOUR));
		recordAt(acme, "2031-03-31T23:59:59Z", Meter.DATA_POINTS, new BigDecimal("9").multiply(MILLION));
		recordAt(acme, "2031-04-01T00:00:00Z", Meter.DATA_POINTS, new BigDecimal("7").multiply(MILLION));
		clock.freezeAt(Instant.parse("2031-04-01T00:10:00Z"));

		var invoice = close(acme, "2031-03");

		assertThat(invoice.status()).isEqualTo(InvoiceStatus.FINALIZED);
		assertThat(invoice.sync()).isEqualTo(SyncStatus.NOT_SYNCED);
		assertThat(invoice.lines()).extracting(InvoiceLine::meter).containsExactly(Meter.values());
		assertThat(invoice.lines()).extracting(InvoiceLine::kind).containsOnly(InvoiceLine.Kind.USAGE);
		// 15M points (the one at 04-01T00:00 is April's): 10M free, 5M at 2.00; 150 h: 100 free, 50 at 0.05
		assertThat(line(invoice, InvoiceLine.Kind.USAGE, Meter.DATA_POINTS).quantity())
			.isEqualByComparingTo(new BigDecimal("15").multiply(MILLION));
		assertThat(line(invoice, InvoiceLine.Kind.USAGE, Meter.DATA_POINTS).amount()).isEqualTo(usd("10.00"));
		assertThat(line(invoice, InvoiceLine.Kind.USAGE, Meter.TRACKED_HOURS).amount()).isEqualTo(usd("2.50"));
		assertThat(line(invoice, InvoiceLine.Kind.USAGE, Meter.STORAGE_BYTES).amount()).isEqualTo(usd("0.00"));
		assertThat(invoice.total()).isEqualTo(usd("12.50"));
		assertThat(invoices.get(acme.orgId(), invoice.id()).total()).isEqualTo(usd("12.50"));
	}

	@Test
	void closing_again_changes_nothing_and_leaves_exactly_one_invoice() {
		var acme = tenantAt("2031-03-05T08:00:00Z");
		recordAt(acme, "2031-03-06T10:00:00Z", Meter.DATA_POINTS, new BigDecimal("12").multiply(MILLION));
		clock.freezeAt(Instant.parse("2031-04-01T02:00:00Z"));
		var first = close(acme, "2031-03");

		var again = close(acme, "2031-03");
		closer.closeAll();

		assertThat(again.id()).isEqualTo(first.id());
		assertThat(invoices.list(acme.orgId())).singleElement().satisfies(invoice -> {
			assertThat(invoice.id()).isEqualTo(first.id());
			assertThat(invoice.total()).isEqualTo(usd("4.00"));
		});
	}

	@Test
	void a_period_that_has_not_ended_cannot_be_closed() {
		var acme = tenantAt("2031-03-05T08:00:00Z");

		assertThatThrownBy(() -> close(acme, "2031-03")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("has not ended");
		assertThat(invoices.list(acme.orgId())).isEmpty();
	}

	@Test
	void late_usage_for_a_closed_period_lands_on_the_next_invoice_as_an_adjustment_and_the_old_invoice_stays() {
		var acme = tenantAt("2031-05-03T08:00:00Z");
		recordAt(acme, "2031-05-04T09:00:00Z", Meter.DATA_POINTS, new BigDecimal("20").multiply(MILLION));
		clock.freezeAt(Instant.parse("2031-06-01T00:05:00Z"));
		var may = invoices.get(acme.orgId(), close(acme, "2031-05").id());
		assertThat(may.total()).isEqualTo(usd("20.00"));

		recordAt(acme, "2031-05-31T22:00:00Z", Meter.DATA_POINTS, new BigDecimal("5").multiply(MILLION));
		recordAt(acme, "2031-06-15T12:00:00Z", Meter.DATA_POINTS, new BigDecimal("12").multiply(MILLION));
		var draft = new Http(port).bearer(acme.key(Role.ADMIN)).get("/api/v1/billing/draft");
		clock.freezeAt(Instant.parse("2031-07-01T01:00:00Z"));
		var june = invoices.get(acme.orgId(), close(acme, "2031-06").id());

		assertThat(line(june, InvoiceLine.Kind.USAGE, Meter.DATA_POINTS).amount()).isEqualTo(usd("4.00"));
		var adjustment = line(june, InvoiceLine.Kind.ADJUSTMENT, Meter.DATA_POINTS);
		assertThat(adjustment.ratedPeriod().month()).isEqualTo(YearMonth.parse("2031-05"));
		assertThat(adjustment.quantity()).isEqualByComparingTo(new BigDecimal("5").multiply(MILLION));
		assertThat(adjustment.alreadyBilled()).isEqualTo(usd("20.00"));
		assertThat(adjustment.amount()).isEqualTo(usd("10.00"));
		assertThat(june.lines()).filteredOn(l -> l.kind() == InvoiceLine.Kind.ADJUSTMENT).hasSize(1);
		assertThat(june.total()).isEqualTo(usd("14.00"));
		var mayAgain = invoices.get(acme.orgId(), may.id());
		assertThat(mayAgain.total()).isEqualTo(usd("20.00"));
		assertThat(mayAgain.lines()).usingRecursiveFieldByFieldElementComparator().isEqualTo(may.lines());
		assertThat(draft.status()).isEqualTo(200);
		assertThat(draft.json().get("status").asString()).isEqualTo("DRAFT");
		assertThat(draft.json().get("total").decimalValue()).isEqualByComparingTo("14.00");

		clock.freezeAt(Instant.parse("2031-08-01T01:00:00Z"));
		var july = close(acme, "2031-07");
		assertThat(july.lines()).extracting(InvoiceLine::kind).containsOnly(InvoiceLine.Kind.USAGE);
	}

	@Test
	void the_database_refuses_to_edit_or_delete_a_finalized_invoice() {
		var acme = tenantAt("2031-03-05T08:00:00Z");
		clock.freezeAt(Instant.parse("2031-04-01T02:00:00Z"));
		var invoice = close(acme, "2031-03");

		assertThatThrownBy(() -> tx.writeVoid(acme.orgId(), () -> jdbc.sql("update invoice_lines set amount = 0")
			.update())).rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> tx.writeVoid(acme.orgId(), () -> jdbc.sql("update invoices set total = 0").update()))
			.rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> tx.writeVoid(acme.orgId(), () -> jdbc.sql("delete from invoices").update()))
			.rootCause().hasMessageContaining("permission denied");
		assertThat(invoices.get(acme.orgId(), invoice.id()).lines()).hasSize(3);
	}

	static Plan flat(String name, String pricePerMillion) {
		return new Plan(name, java.util.Currency.getInstance("USD"), List.of(new MeterPrice(
				PriceUnit.MILLION_DATA_POINTS, BigDecimal.ZERO, TierMode.GRADUATED, List.of(Tier.above(pricePerMillion)))));
	}

	@Test
	void a_custom_plan_from_mid_month_prices_only_the_usage_after_it_and_is_audited() {
		var acme = tenantAt("2031-08-01T08:00:00Z");
		plans.assign(acme.orgId(), flat("custom-acme", "0.50"), LocalDate.parse("2031-08-16"),
				Actor.user(acme.people().get(Role.OWNER)));
		recordAt(acme, "2031-08-10T09:00:00Z", Meter.DATA_POINTS, new BigDecimal("30").multiply(MILLION));
		recordAt(acme, "2031-08-20T09:00:00Z", Meter.DATA_POINTS, new BigDecimal("10").multiply(MILLION));
		clock.freezeAt(Instant.parse("2031-09-01T00:30:00Z"));

		var august = close(acme, "2031-08");

		var points = line(august, InvoiceLine.Kind.USAGE, Meter.DATA_POINTS);
		// public plan before the 16th: 10M free + 20M at 2.00 = 40.00; custom after: 10M at 0.50 = 5.00
		assertThat(points.amount()).isEqualTo(usd("45.00"));
		assertThat(points.tiers()).extracting(t -> t.plan()).containsExactly("public", "public", "custom-acme");
		assertThat(plans.current(acme.orgId()).name()).isEqualTo("custom-acme");
		var audit = new Http(port).bearer(acme.key(Role.ADMIN)).get("/api/v1/audit-log").body();
		assertThat(audit).contains("billing.plan.assigned").contains("billing.invoice.finalized");
		assertThatThrownBy(() -> plans.assign(acme.orgId(), flat("too late", "0.10"), LocalDate.parse("2031-08-20"),
				Actor.system())).isInstanceOf(ConflictException.class);
		var euro = new Plan("euro", java.util.Currency.getInstance("EUR"), List.of());
		assertThatThrownBy(() -> plans.assign(acme.orgId(), euro, LocalDate.parse("2031-10-01"), Actor.system()))
			.isInstanceOf(InvalidRequestException.class).hasMessageContaining("one currency");
	}

	static String points(int firstStep, int count) {
		var steps = new StringBuilder();
		var values = new StringBuilder();
		for (int i = 0; i < count; i++) {
			steps.append(i == 0 ? "" : ",").append(firstStep + i);
			values.append(i == 0 ? "" : ",").append(i * 0.25);
		}
		return "{\"series\":[{\"key\":\"loss\",\"steps\":[" + steps + "],\"values\":[" + values + "]}]}";
	}

	@Test
	void points_ingested_over_the_api_during_a_month_are_what_its_invoice_charges() {
		var acme = tenantAt("2031-11-01T00:00:00Z");
		plans.assign(acme.orgId(), flat("per-point", "1000.00"), LocalDate.parse("2031-11-01"), Actor.system());
		var member = new Http(port).bearer(acme.key(Role.MEMBER));
		var run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();
		clock.freezeAt(Instant.parse("2031-11-03T09:00:00Z"));
		assertThat(member.post("/api/v1/runs/" + run + "/metrics", points(0, 1000)).status()).isLessThan(300);
		clock.freezeAt(Instant.parse("2031-11-29T18:30:00Z"));
		assertThat(member.post("/api/v1/runs/" + run + "/metrics", points(1000, 500)).status()).isLessThan(300);
		clock.freezeAt(Instant.parse("2031-12-01T00:00:00Z"));
		member.post("/api/v1/runs/" + run + "/metrics", points(1500, 700));

		var november = close(acme, "2031-11");

		assertThat(line(november, InvoiceLine.Kind.USAGE, Meter.DATA_POINTS).quantity()).isEqualByComparingTo("1500");
		assertThat(november.total()).isEqualTo(usd("1.50"));
	}

	@Test
	void usage_is_valued_in_money_with_the_plan_for_budgets() {
		var acme = tenantAt("2031-10-02T08:00:00Z");

		var value = valuation.valueOf(acme.orgId(), new Period(YearMonth.parse("2031-10")),
				Map.of(Meter.DATA_POINTS, new BigDecimal("25").multiply(MILLION), Meter.TRACKED_HOURS,
						new BigDecimal("100").multiply(HOUR)));

		assertThat(value).isEqualTo(usd("30.00"));
	}

	@Test
	void admins_read_invoices_and_drill_down_to_hourly_usage_owners_download_and_other_tenants_see_nothing() {
		var acme = tenantAt("2031-03-01T08:00:00Z");
		var globex = tenantAt("2031-03-01T08:00:00Z");
		recordAt(acme, "2031-03-02T10:15:00Z", Meter.DATA_POINTS, new BigDecimal("6").multiply(MILLION));
		recordAt(acme, "2031-03-02T10:45:00Z", Meter.DATA_POINTS, new BigDecimal("1").multiply(MILLION));
		recordAt(acme, "2031-03-20T23:59:00Z", Meter.DATA_POINTS, new BigDecimal("9").multiply(MILLION));
		clock.freezeAt(Instant.parse("2031-04-01T00:10:00Z"));
		var invoice = close(acme, "2031-03");
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));
		var owner = new Http(port).bearer(acme.key(Role.OWNER));
		var path = "/api/v1/billing/invoices/" + invoice.id();

		var list = admin.get("/api/v1/billing/invoices");
		var one = admin.get(path);
		var usage = admin.get(path + "/lines/1/usage");
		var html = owner.get(path + "/download");

		assertThat(list.json().get("items").size()).isEqualTo(1);
		assertThat(one.json().get("total").decimalValue()).isEqualByComparingTo("12.00");
		assertThat(one.json().at("/lines/0/tiers").size()).isEqualTo(2);
		assertThat(usage.status()).isEqualTo(200);
		assertThat(usage.json().get("total").decimalValue()).isEqualByComparingTo("16000000");
		assertThat(usage.json().get("hours").size()).isEqualTo(2);
		assertThat(usage.json().at("/hours/0/hour").asString()).isEqualTo("2031-03-02T10:00:00Z");
		assertThat(usage.json().at("/hours/0/quantity").decimalValue()).isEqualByComparingTo("7000000");
		assertThat(html.status()).isEqualTo(200);
		assertThat(html.contentType()).startsWith("text/html");
		assertThat(html.header("Content-Disposition")).contains("attachment");
		assertThat(html.body()).contains("Data points").contains("12.00 USD").contains("not synced");
		assertThat(admin.get(path + "/download").status()).isEqualTo(403);
		assertThat(new Http(port).bearer(acme.key(Role.MEMBER)).get(path).status()).isEqualTo(403);
		assertThat(admin.get(path + "/lines/9/usage").status()).isEqualTo(404);
		assertThat(admin.get(path + "/lines/x/usage").status()).isEqualTo(400);
		var foreign = new Http(port).bearer(globex.key(Role.OWNER));
		assertThat(foreign.get(path).status()).isEqualTo(404);
		assertThat(foreign.get(path + "/download").status()).isEqualTo(404);
		assertThat(foreign.get(path + "/lines/1/usage").status()).isEqualTo(404);
		assertThat(foreign.get("/api/v1/billing/invoices").json().get("items").size()).isZero();
		assertThat(owner.post("/api/v1/billing/portal", "{}").status()).isEqualTo(409);
		assertThat(admin.get("/api/v1/billing/plan").json().at("/current/name").asString()).isEqualTo("public");
		assertThat(admin.get("/api/v1/billing/draft/lines/1/usage").status()).isEqualTo(200);
	}
}
