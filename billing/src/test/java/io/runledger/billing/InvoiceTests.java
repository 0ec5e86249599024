package io.runledger.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.runledger.metering.Meter;
import io.runledger.tenancy.Money;
import io.runledger.tenancy.OrgId;

class InvoiceTests {

	static final Instant NOW = Instant.parse("2031-04-01T00:10:00Z");

	static Invoice draft() {
		var period = BillingPeriod.of(YearMonth.parse("2031-03"));
		var rated = Rating.rate(List.of(new PlanSegment(Plan.PUBLIC, Map.of(Meter.DATA_POINTS,
				new java.math.BigDecimal("12500000")))), Map.of());
		var lines = rated.stream().map(r -> InvoiceLine.of(rated.indexOf(r) + 1, InvoiceLine.Kind.USAGE, period, r))
			.toList();
		return Invoice.draft(OrgId.random(), period, Currency.getInstance("USD"), lines);
	}

	@Test
	void a_line_shows_its_quantity_in_price_units_rounded_to_six_decimals_while_rating_keeps_the_exact_quantity() {
		var period = BillingPeriod.of(YearMonth.parse("2031-03"));
		// 12 GB kept for a third of a month plus a stray byte-second: 10^16 + 1 byte-seconds over a 2.628 × 10^15 unit.
		var bytes = new java.math.BigDecimal("10000000000000001");
		var rated = Rating.rate(List.of(new PlanSegment(Plan.PUBLIC, Map.of(Meter.STORAGE_BYTES, bytes))), Map.of())
			.stream().filter(l -> l.meter() == Meter.STORAGE_BYTES).findFirst().orElseThrow();
		var line = InvoiceLine.of(1, InvoiceLine.Kind.USAGE, period, rated);

		assertThat(line.quantity()).isEqualByComparingTo(bytes);
		assertThat(line.quantityInUnit().toPlainString()).isEqualTo("3.805175");
		assertThat(line.description()).isEqualTo("Storage, 3.805175 × GB-month (2031-03)");
		assertThat(line.tiers()).allSatisfy(t -> assertThat(t.quantity().scale()).isLessThanOrEqualTo(6));
	}

	@Test
	void a_draft_is_finalized_once_and_then_paid() {
		var invoice = draft();

		invoice.finalise(NOW, false);
		invoice.markPaid();

		assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(invoice.sync()).isEqualTo(SyncStatus.NOT_SYNCED);
		assertThat(invoice.total()).isEqualTo(Money.of("5.00", "USD"));
		assertThatThrownBy(() -> invoice.finalise(NOW, false)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("it is PAID");
	}

	@Test
	void a_draft_can_be_neither_paid_nor_failed_nor_voided() {
		var invoice = draft();

		assertThatThrownBy(invoice::markPaid).hasMessageContaining("cannot mark paid").hasMessageContaining("DRAFT");
		assertThatThrownBy(invoice::markPaymentFailed).hasMessageContaining("DRAFT");
		assertThatThrownBy(invoice::markVoid).hasMessageContaining("DRAFT");
	}

	@Test
	void a_failed_payment_can_still_be_paid_or_voided_but_a_paid_or_void_invoice_is_final() {
		var failedThenPaid = draft();
		failedThenPaid.finalise(NOW, true);
		failedThenPaid.markPaymentFailed();
		failedThenPaid.markPaid();
		var voided = draft();
		voided.finalise(NOW, true);
		voided.markVoid();

		assertThat(failedThenPaid.status()).isEqualTo(InvoiceStatus.PAID);
		assertThatThrownBy(failedThenPaid::markPaymentFailed).hasMessageContaining("it is PAID");
		assertThatThrownBy(failedThenPaid::markVoid).hasMessageContaining("it is PAID");
		assertThatThrownBy(voided::markPaid).hasMessageContaining("it is VOID");
	}

	@Test
	void only_a_pending_invoice_is_marked_synced() {
		var offline = draft();
		offline.finalise(NOW, false);
		var online = draft();
		online.finalise(NOW, true);

		online.markSynced("in_1");

		assertThat(online.sync()).isEqualTo(SyncStatus.SYNCED);
		assertThat(online.stripeInvoiceId()).isEqualTo("in_1");
		assertThatThrownBy(() -> offline.markSynced("in_2")).hasMessageContaining("NOT_SYNCED");
	}

	@Test
	void billing_periods_are_half_open_calendar_months_in_utc() {
		var march = BillingPeriod.of(YearMonth.parse("2031-03"));

		assertThat(march.start()).isEqualTo(Instant.parse("2031-03-01T00:00:00Z"));
		assertThat(march.end()).isEqualTo(Instant.parse("2031-04-01T00:00:00Z"));
		assertThat(march.contains(Instant.parse("2031-03-31T23:59:59.999Z"))).isTrue();
		assertThat(march.contains(march.end())).isFalse();
		assertThat(BillingPeriod.containing(march.end())).isEqualTo(march.next());
	}

	@Test
	void the_invoice_document_escapes_what_it_shows() {
		var invoice = draft();
		invoice.finalise(NOW, false);

		var html = InvoiceDocument.html(invoice, "<script>alert(1)</script> & Co");

		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>");
		assertThat(html).contains("5.00 USD").contains("Data points, 12.5 × 1M data points (2031-03)");
	}
}
