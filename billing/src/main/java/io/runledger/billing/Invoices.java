package io.runledger.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.metering.Meter;
import io.runledger.metering.UsageRollups;
import io.runledger.tenancy.Money;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.core.type.TypeReference;

/**
 * Finalized invoices of an organisation. Reads are public; writes are billing's own: an invoice row is inserted once
 * with its lines, and afterwards only its status and payment-provider ids change (the database grants nothing else).
 */
@Component
public class Invoices {

	private static final TypeReference<List<RatedLine.TierCharge>> TIERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final UsageRollups rollups;

	Invoices(JdbcClient jdbc, TenantTransactions tx, UsageRollups rollups) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.rollups = rollups;
	}

	/** Newest first. An organisation has one invoice a month, so the list stays short. */
	public List<Invoice> list(OrgId orgId) {
		return select(orgId, "order by period_start desc");
	}

	/** Newest first, paged by period start (one invoice per organisation and period). */
	public Page<Invoice> list(OrgId orgId, PageRequest page) {
		var before = page.cursor().map(PageRequest::instantPart).map(Timestamp::from);
		var fetched = before.isPresent()
				? select(orgId, "and period_start < ? order by period_start desc limit ?", before.get(), page.limit() + 1)
				: select(orgId, "order by period_start desc limit ?", page.limit() + 1);
		return Page.of(fetched, page.limit(), invoice -> invoice.period().start().toString());
	}

	public Invoice get(OrgId orgId, InvoiceId id) {
		return find(orgId, id).orElseThrow(() -> new NotFoundException("invoice", id));
	}

	public Optional<Invoice> find(OrgId orgId, InvoiceId id) {
		return select(orgId, "and invoice_id = ?", id.value()).stream().findFirst();
	}

	public Optional<Invoice> forPeriod(OrgId orgId, BillingPeriod period) {
		return select(orgId, "and period_start = ?", Timestamp.from(period.start())).stream().findFirst();
	}

	/**
	 * The hourly usage roll-ups behind one line: the rated period's usage of the line's meter, per project and hour.
	 * For an adjustment line these are all the period's hours; the line bills their total minus what was billed.
	 */
	public List<UsageRollups.Rollup> usageBehind(OrgId orgId, InvoiceId id, int lineNumber) {
		var line = get(orgId, id).line(lineNumber);
		if (line == null) {
			throw new NotFoundException("invoice line", lineNumber);
		}
		return usageBehind(orgId, line);
	}

	List<UsageRollups.Rollup> usageBehind(OrgId orgId, InvoiceLine line) {
		return rollups.hourly(orgId, line.meter(), line.ratedPeriod().start(), line.ratedPeriod().end());
	}

	/** Quantity and amount billed so far for each meter of {@code period}, over every invoice. */
	Map<Meter, Billed> billedFor(OrgId orgId, BillingPeriod period, Currency currency) {
		var billed = new EnumMap<Meter, Billed>(Meter.class);
		tx.read(orgId, () -> jdbc.sql("""
				select meter, sum(quantity), sum(amount) from invoice_lines
				where org_id = ? and rated_period_start = ? group by meter""")
			.params(orgId.value(), Timestamp.from(period.start()))
			.query((rs, row) -> billed.put(Meter.valueOf(rs.getString(1)),
					new Billed(rs.getBigDecimal(2), new Money(rs.getBigDecimal(3), currency))))
			.list());
		return billed;
	}

	void insert(Invoice invoice) {
		var org = invoice.orgId().value();
		tx.writeVoid(invoice.orgId(), () -> {
			jdbc.sql("""
					insert into invoices (org_id, invoice_id, period_start, period_end, status, currency, total,
					                      finalized_at, status_changed_at, sync, stripe_invoice_id)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(org, invoice.id().value(), Timestamp.from(invoice.period().start()),
						Timestamp.from(invoice.period().end()), invoice.status().name(),
						invoice.currency().getCurrencyCode(), invoice.total().amount(),
						Timestamp.from(invoice.finalizedAt()), Timestamp.from(invoice.finalizedAt()),
						invoice.sync().name(), invoice.stripeInvoiceId())
				.update();
			for (var line : invoice.lines()) {
				jdbc.sql("""
						insert into invoice_lines (org_id, invoice_id, line_no, kind, meter, rated_period_start,
						    rated_period_end, unit, quantity, total_quantity, unit_price, owed, already_billed, amount, tiers)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
					.params(org, invoice.id().value(), line.number(), line.kind().name(), line.meter().name(),
							Timestamp.from(line.ratedPeriod().start()), Timestamp.from(line.ratedPeriod().end()),
							line.unit().name(), line.quantity(), line.totalQuantity(), line.unitPrice(),
							line.owed().amount(), line.alreadyBilled().amount(), line.amount().amount(),
							BillingPlans.JSON.writeValueAsString(line.tiers()))
					.update();
			}
		});
	}

	/** Writes a status move made on the aggregate; false when someone else moved it first. */
	boolean saveStatus(Invoice invoice, InvoiceStatus expected, Instant at) {
		return tx.write(invoice.orgId(), () -> jdbc.sql("""
				update invoices set status = ?, status_changed_at = ?
				where org_id = ? and invoice_id = ? and status = ?""")
			.params(invoice.status().name(), Timestamp.from(at), invoice.orgId().value(), invoice.id().value(),
					expected.name())
			.update() == 1);
	}

	void saveStripeInvoice(Invoice invoice, String stripeInvoiceId) {
		tx.writeVoid(invoice.orgId(), () -> jdbc.sql("""
				update invoices set stripe_invoice_id = ? where org_id = ? and invoice_id = ? and sync = 'PENDING'""")
			.params(stripeInvoiceId, invoice.orgId().value(), invoice.id().value())
			.update());
	}

	void saveStripeItem(Invoice invoice, InvoiceLine line, String stripeItemId) {
		tx.writeVoid(invoice.orgId(), () -> jdbc.sql("""
				update invoice_lines set stripe_invoice_item_id = ? where org_id = ? and invoice_id = ? and line_no = ?""")
			.params(stripeItemId, invoice.orgId().value(), invoice.id().value(), line.number())
			.update());
	}

	void saveSynced(Invoice invoice) {
		tx.writeVoid(invoice.orgId(), () -> jdbc.sql("""
				update invoices set sync = 'SYNCED', stripe_invoice_id = ? where org_id = ? and invoice_id = ?""")
			.params(invoice.stripeInvoiceId(), invoice.orgId().value(), invoice.id().value())
			.update());
	}

	/** Cross-tenant by nature: finalized invoices still waiting for the payment provider, as ids only. */
	List<Map.Entry<OrgId, InvoiceId>> toSyncAcrossTenants() {
		return jdbc.sql("select org_id, invoice_id from billing_invoices_to_sync()")
			.query((rs, row) -> Map.entry(new OrgId(rs.getObject(1, UUID.class)),
					new InvoiceId(rs.getObject(2, UUID.class))))
			.list();
	}

	/** Cross-tenant by nature: which organisation owns a Stripe invoice (webhooks arrive without a tenant). */
	Optional<OrgId> ownerOfStripeInvoiceAcrossTenants(String stripeInvoiceId) {
		return jdbc.sql("select billing_org_for_stripe_invoice(?)")
			.param(stripeInvoiceId)
			.query(UUID.class)
			.optional()
			.map(OrgId::new);
	}

	Optional<Invoice> findByStripeId(OrgId orgId, String stripeInvoiceId) {
		return select(orgId, "and stripe_invoice_id = ?", stripeInvoiceId).stream().findFirst();
	}

	/** Invoices of one organisation with their lines; {@code condition} follows "where org_id = ?". */
	private List<Invoice> select(OrgId orgId, String condition, Object... params) {
		var all = new Object[params.length + 1];
		all[0] = orgId.value();
		System.arraycopy(params, 0, all, 1, params.length);
		return tx.read(orgId, () -> jdbc.sql("select * from invoices where org_id = ? " + condition)
			.params(all)
			.query((rs, row) -> invoice(rs, lines(orgId, rs.getObject("invoice_id", UUID.class))))
			.list());
	}

	private List<InvoiceLine> lines(OrgId orgId, UUID invoiceId) {
		return jdbc.sql("""
				select l.*, i.currency from invoice_lines l join invoices i using (org_id, invoice_id)
				where l.org_id = ? and l.invoice_id = ? order by l.line_no""")
			.params(orgId.value(), invoiceId)
			.query(Invoices::line)
			.list();
	}

	private static InvoiceLine line(ResultSet rs, int row) throws SQLException {
		var currency = Currency.getInstance(rs.getString("currency"));
		return new InvoiceLine(rs.getInt("line_no"), InvoiceLine.Kind.valueOf(rs.getString("kind")),
				BillingPeriod.startingAt(rs.getTimestamp("rated_period_start").toInstant()),
				Meter.valueOf(rs.getString("meter")), PriceUnit.valueOf(rs.getString("unit")),
				rs.getBigDecimal("quantity"), rs.getBigDecimal("total_quantity"), rs.getBigDecimal("unit_price"),
				new Money(rs.getBigDecimal("owed"), currency), new Money(rs.getBigDecimal("already_billed"), currency),
				new Money(rs.getBigDecimal("amount"), currency),
				BillingPlans.JSON.readValue(rs.getString("tiers"), TIERS), rs.getString("stripe_invoice_item_id"));
	}

	private static Invoice invoice(ResultSet rs, List<InvoiceLine> lines) throws SQLException {
		var finalized = rs.getTimestamp("finalized_at");
		return new Invoice(new InvoiceId(rs.getObject("invoice_id", UUID.class)),
				new OrgId(rs.getObject("org_id", UUID.class)),
				BillingPeriod.startingAt(rs.getTimestamp("period_start").toInstant()),
				Currency.getInstance(rs.getString("currency")), lines, InvoiceStatus.valueOf(rs.getString("status")),
				finalized == null ? null : finalized.toInstant(), SyncStatus.valueOf(rs.getString("sync")),
				rs.getString("stripe_invoice_id"));
	}
}
