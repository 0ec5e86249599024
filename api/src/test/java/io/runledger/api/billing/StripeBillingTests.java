package io.runledger.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.stripe.Stripe;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.billing.BillingPeriod;
import io.runledger.billing.CloseBillingPeriods;
import io.runledger.billing.Invoice;
import io.runledger.billing.InvoiceStatus;
import io.runledger.billing.InvoiceSync;
import io.runledger.billing.Invoices;
import io.runledger.billing.SyncStatus;
import io.runledger.metering.Meter;
import io.runledger.metering.UsageRecorder;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

/**
 * Billing against a Stripe stand-in: one Stripe invoice with one item per line, even when the sync is cut short and
 * retried; webhooks move invoices to paid or payment failed once per event; forged, tampered and stale ones fail.
 */
@IntegrationTest
class StripeBillingTests {

	static final String WEBHOOK_SECRET = "whsec_test_standin";

	static final StripeStandIn STRIPE = start();

	static StripeStandIn start() {
		try {
			return new StripeStandIn();
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@DynamicPropertySource
	static void stripe(DynamicPropertyRegistry registry) {
		registry.add("runledger.billing.stripe.api-key", () -> "sk_test_standin");
		registry.add("runledger.billing.stripe.webhook-secret", () -> WEBHOOK_SECRET);
		registry.add("runledger.billing.stripe.api-base", STRIPE::baseUrl);
	}

	@AfterAll
	static void stopStripe() {
		STRIPE.close();
	}

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
	InvoiceSync sync;

	@Autowired
	Invoices invoices;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** A tenant with data points and tracked hours in March 2032, its March invoice finalized (not yet synced). */
	record Billed(TestTenants.Tenant tenant, Invoice invoice) {
	}

	Billed billedTenant() {
		clock.freezeAt(Instant.parse("2032-03-01T08:00:00Z"));
		var tenant = tenants.create();
		clock.freezeAt(Instant.parse("2032-03-03T10:00:00Z"));
		tx.writeVoid(tenant.orgId(), () -> {
			usage.record(tenant.orgId(), UsageRecorder.uniqueEventId("t"), Meter.DATA_POINTS, tenant.project().id(),
					null, new BigDecimal("13500000"));
			usage.record(tenant.orgId(), UsageRecorder.uniqueEventId("t"), Meter.TRACKED_HOURS, tenant.project().id(),
					null, new BigDecimal("432000"));
		});
		clock.freezeAt(Instant.parse("2032-04-01T00:30:00Z"));
		var invoice = closer.close(tenant.orgId(), BillingPeriod.of(YearMonth.parse("2032-03")));
		clock.reset();
		return new Billed(tenant, invoice);
	}

	@Test
	void finalized_invoices_wait_for_the_sync_and_reach_stripe_as_one_invoice_with_one_item_per_line() {
		var billed = billedTenant();
		assertThat(billed.invoice().sync()).isEqualTo(SyncStatus.PENDING);
		int invoicesBefore = STRIPE.created("invoice").size();

		sync.sync(billed.tenant().orgId(), billed.invoice().id());

		var synced = invoices.get(billed.tenant().orgId(), billed.invoice().id());
		assertThat(synced.sync()).isEqualTo(SyncStatus.SYNCED);
		assertThat(STRIPE.created("invoice")).hasSize(invoicesBefore + 1).contains(synced.stripeInvoiceId());
		var id = billed.invoice().id();
		var created = STRIPE.requests("POST", "/v1/invoices").stream()
			.filter(r -> ("runledger-invoice-" + id).equals(r.idempotencyKey()))
			.toList();
		assertThat(created).singleElement().satisfies(r -> {
			assertThat(r.form()).containsEntry("currency", "usd")
				.containsEntry("pending_invoice_items_behavior", "exclude")
				.containsEntry("metadata[runledger_invoice_id]", id.toString());
		});
		var items = STRIPE.requests("POST", "/v1/invoiceitems").stream()
			.filter(r -> r.idempotencyKey().startsWith("runledger-item-" + id))
			.toList();
		// 13.5M points: 3.5M at 2.00 = 7.00; 120 h: 20 at 0.05 = 1.00; no storage
		assertThat(items).extracting(r -> r.idempotencyKey(), r -> r.form().get("amount"),
				r -> r.form().get("invoice"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("runledger-item-" + id + "-1", "700",
					synced.stripeInvoiceId()),
					org.assertj.core.groups.Tuple.tuple("runledger-item-" + id + "-2", "100", synced.stripeInvoiceId()),
					org.assertj.core.groups.Tuple.tuple("runledger-item-" + id + "-3", "0", synced.stripeInvoiceId()));
		assertThat(STRIPE.requests("POST", "/v1/invoices/" + synced.stripeInvoiceId() + "/finalize"))
			.extracting(StripeStandIn.Request::idempotencyKey)
			.containsOnly("runledger-finalize-" + id);
		assertThat(synced.lines()).allSatisfy(line -> assertThat(line.stripeItemId()).startsWith("ii_"));
	}

	@Test
	void a_sync_cut_short_and_retried_never_creates_a_second_invoice_or_item() {
		var billed = billedTenant();
		var orgId = billed.tenant().orgId();
		var id = billed.invoice().id();
		int invoicesBefore = STRIPE.created("invoice").size();
		int itemsBefore = STRIPE.created("invoiceitem").size();

		STRIPE.loseNextResponse("/v1/invoices");
		assertThatThrownBy(() -> sync.sync(orgId, id)).hasMessageContaining("simulated");
		STRIPE.loseNextResponse("/v1/invoiceitems");
		assertThatThrownBy(() -> sync.sync(orgId, id)).hasMessageContaining("simulated");
		assertThat(invoices.get(orgId, id).sync()).isEqualTo(SyncStatus.PENDING);
		sync.sync(orgId, id);
		sync.sync(orgId, id);

		assertThat(STRIPE.created("invoice")).hasSize(invoicesBefore + 1);
		assertThat(STRIPE.created("invoiceitem")).hasSize(itemsBefore + 3);
		assertThat(STRIPE.requests("POST", "/v1/invoices").stream()
			.filter(r -> ("runledger-invoice-" + id).equals(r.idempotencyKey()))).hasSize(2);
		assertThat(invoices.get(orgId, id).sync()).isEqualTo(SyncStatus.SYNCED);
		assertThat(STRIPE.requests("POST", "/v1/invoiceitems").stream()
			.filter(r -> r.idempotencyKey().startsWith("runledger-item-" + id))
			.map(StripeStandIn.Request::idempotencyKey)
			.distinct()).hasSize(3);
		assertThat(STRIPE.requests("POST", "/v1/customers").stream()
			.filter(r -> r.idempotencyKey().equals("runledger-customer-" + orgId))
			.map(StripeStandIn.Request::idempotencyKey)
			.distinct()).hasSize(1);
	}

	@Test
	void a_lost_answer_to_finalize_is_settled_by_asking_stripe_for_the_invoice_not_by_finalizing_again() {
		var billed = billedTenant();
		var orgId = billed.tenant().orgId();
		var id = billed.invoice().id();

		STRIPE.loseNextResponse("/finalize");
		sync.sync(orgId, id);

		var synced = invoices.get(orgId, id);
		assertThat(synced.sync()).isEqualTo(SyncStatus.SYNCED);
		assertThat(STRIPE.requests("GET", "/v1/invoices/" + synced.stripeInvoiceId())).hasSize(1);
		assertThat(new Http(port).bearer(billed.tenant().key(Role.ADMIN)).get("/api/v1/audit-log").body())
			.contains("billing.invoice.synced");
	}

	String signed(String payload, long timestamp, String secret) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			var signature = HexFormat.of()
				.formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
			return "t=" + timestamp + ",v1=" + signature;
		}
		catch (java.security.GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	static String event(String eventId, String type, String stripeInvoiceId) {
		return """
				{"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
				 "type":"%s","data":{"object":{"id":"%s","object":"invoice","status":"paid","metadata":{}}}}"""
			.formatted(eventId, Stripe.API_VERSION, Instant.now().getEpochSecond(), type, stripeInvoiceId);
	}

	Http.Response deliver(String payload, String signature) {
		var http = new Http(port);
		return (signature == null ? http : http.with("Stripe-Signature", signature))
			.post("/api/v1/billing/stripe/webhook", payload);
	}

	Http.Response deliver(String payload) {
		return deliver(payload, signed(payload, clock.instant().getEpochSecond(), WEBHOOK_SECRET));
	}

	Invoice syncedInvoice() {
		var billed = billedTenant();
		sync.sync(billed.tenant().orgId(), billed.invoice().id());
		return invoices.get(billed.tenant().orgId(), billed.invoice().id());
	}

	@Test
	void a_paid_webhook_marks_the_invoice_paid_once_and_a_redelivery_changes_nothing() {
		var invoice = syncedInvoice();
		var eventId = "evt_" + java.util.UUID.randomUUID();
		var payload = event(eventId, "invoice.paid", invoice.stripeInvoiceId());

		var first = deliver(payload);
		var again = deliver(payload);

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().get("outcome").asString()).isEqualTo("APPLIED");
		assertThat(again.json().get("outcome").asString()).isEqualTo("ALREADY_PROCESSED");
		assertThat(invoices.get(invoice.orgId(), invoice.id()).status()).isEqualTo(InvoiceStatus.PAID);
	}

	@Test
	void a_failed_payment_marks_the_invoice_and_a_later_payment_still_settles_it() {
		var invoice = syncedInvoice();

		var failed = deliver(event("evt_" + java.util.UUID.randomUUID(), "invoice.payment_failed",
				invoice.stripeInvoiceId()));
		assertThat(failed.status()).isEqualTo(200);
		assertThat(invoices.get(invoice.orgId(), invoice.id()).status()).isEqualTo(InvoiceStatus.PAYMENT_FAILED);

		deliver(event("evt_" + java.util.UUID.randomUUID(), "invoice.paid", invoice.stripeInvoiceId()));
		var late = deliver(event("evt_" + java.util.UUID.randomUUID(), "invoice.payment_failed",
				invoice.stripeInvoiceId()));

		assertThat(late.json().get("outcome").asString()).isEqualTo("IGNORED");
		assertThat(invoices.get(invoice.orgId(), invoice.id()).status()).isEqualTo(InvoiceStatus.PAID);
	}

	@Test
	void forged_tampered_stale_and_unsigned_webhooks_are_rejected_and_change_nothing() {
		var invoice = syncedInvoice();
		var payload = event("evt_" + java.util.UUID.randomUUID(), "invoice.paid", invoice.stripeInvoiceId());
		long now = clock.instant().getEpochSecond();

		var wrongSecret = deliver(payload, signed(payload, now, "whsec_attacker"));
		var tampered = deliver(payload.replace("invoice.paid", "invoice.voided"), signed(payload, now, WEBHOOK_SECRET));
		var stale = deliver(payload, signed(payload, now - 600, WEBHOOK_SECRET));
		var unsigned = deliver(payload, null);

		assertThat(wrongSecret.status()).isEqualTo(400);
		assertThat(tampered.status()).isEqualTo(400);
		assertThat(stale.status()).isEqualTo(400);
		assertThat(unsigned.status()).isEqualTo(400);
		assertThat(wrongSecret.contentType()).startsWith("application/problem+json");
		assertThat(invoices.get(invoice.orgId(), invoice.id()).status()).isEqualTo(InvoiceStatus.FINALIZED);
	}

	@Test
	void events_about_invoices_we_do_not_know_are_acknowledged_and_ignored() {
		var response = deliver(event("evt_" + java.util.UUID.randomUUID(), "invoice.paid", "in_unknown"));
		var other = deliver(event("evt_" + java.util.UUID.randomUUID(), "customer.created", "cus_x"));

		assertThat(response.json().get("outcome").asString()).isEqualTo("IGNORED");
		assertThat(other.json().get("outcome").asString()).isEqualTo("IGNORED");
	}

	@Test
	void an_owner_opens_the_customer_portal_and_an_admin_may_not() {
		var tenant = tenants.create();

		var owner = new Http(port).bearer(tenant.key(Role.OWNER)).post("/api/v1/billing/portal", "{}");
		var again = new Http(port).bearer(tenant.key(Role.OWNER)).post("/api/v1/billing/portal", "{}");
		var admin = new Http(port).bearer(tenant.key(Role.ADMIN)).post("/api/v1/billing/portal", "{}");

		assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
		assertThat(owner.json().get("url").asString()).startsWith("https://billing.stripe.test/p/session/");
		assertThat(again.status()).isEqualTo(200);
		assertThat(admin.status()).isEqualTo(403);
		assertThat(STRIPE.requests("POST", "/v1/customers").stream()
			.filter(r -> r.idempotencyKey().equals("runledger-customer-" + tenant.orgId()))).hasSize(1);
		assertThat(new Http(port).bearer(tenant.key(Role.ADMIN)).get("/api/v1/audit-log").body())
			.contains("billing.portal.opened").contains("billing.customer.created");
	}
}
