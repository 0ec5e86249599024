package io.runledger.api.billing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.billing.BillingPeriod;
import io.runledger.billing.BillingPlans;
import io.runledger.billing.BillingPortal;
import io.runledger.billing.Invoice;
import io.runledger.billing.InvoiceDocument;
import io.runledger.billing.InvoiceDrafts;
import io.runledger.billing.InvoiceId;
import io.runledger.billing.InvoiceLine;
import io.runledger.billing.InvoiceStatus;
import io.runledger.billing.Invoices;
import io.runledger.billing.Plan;
import io.runledger.billing.RatedLine;
import io.runledger.metering.UsageRollups;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Organisations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Billing as the organisation sees it: ADMINs and OWNERs read the plan, the running draft, invoices and the usage
 * behind each line; OWNERs download invoices and open the payment portal.
 */
@RestController
@Tag(name = "Billing")
class BillingController {

	private final BillingPlans plans;

	private final InvoiceDrafts drafts;

	private final Invoices invoices;

	private final BillingPortal portal;

	private final Organisations organisations;

	BillingController(BillingPlans plans, InvoiceDrafts drafts, Invoices invoices, BillingPortal portal,
			Organisations organisations) {
		this.plans = plans;
		this.drafts = drafts;
		this.invoices = invoices;
		this.portal = portal;
		this.organisations = organisations;
	}

	record PlanView(Plan current, List<BillingPlans.Assignment> changes) {
	}

	record PeriodView(String month, Instant start, Instant end) {

		static PeriodView of(BillingPeriod period) {
			return new PeriodView(period.month().toString(), period.start(), period.end());
		}
	}

	record LineView(int number, String kind, String description, PeriodView ratedPeriod, String meter,
			String baseUnit, BigDecimal quantity, BigDecimal totalQuantity, String unit, BigDecimal quantityInUnit,
			BigDecimal unitPrice, BigDecimal owed, BigDecimal alreadyBilled, BigDecimal amount,
			List<RatedLine.TierCharge> tiers) {

		static LineView of(InvoiceLine line) {
			return new LineView(line.number(), line.kind().name(), line.description(), PeriodView.of(line.ratedPeriod()),
					line.meter().name(), line.meter().baseUnit(), line.quantity(), line.totalQuantity(),
					line.unit().label(), line.quantityInUnit(), line.unitPrice(), line.owed().amount(),
					line.alreadyBilled().amount(), line.amount().amount(), line.tiers());
		}
	}

	record InvoiceView(InvoiceId id, PeriodView period, String status, String currency, BigDecimal total,
			Instant finalizedAt, String sync, List<LineView> lines) {

		static InvoiceView of(Invoice invoice) {
			return new InvoiceView(invoice.status() == InvoiceStatus.DRAFT ? null : invoice.id(),
					PeriodView.of(invoice.period()), invoice.status().name(), invoice.currency().getCurrencyCode(),
					invoice.total().amount(), invoice.finalizedAt(), invoice.sync().name(),
					invoice.lines().stream().map(LineView::of).toList());
		}
	}

	/**
	 * Named apart from the usage API's {@code UsageView}: the OpenAPI document names schemas by simple class name, and
	 * the two collided (the line drill-down was documented as a usage series, so its typed client had no {@code hours}).
	 */
	record LineUsageView(String meter, String baseUnit, PeriodView ratedPeriod, BigDecimal total,
			List<UsageRollups.Rollup> hours) {

		static LineUsageView of(InvoiceLine line, List<UsageRollups.Rollup> hours) {
			return new LineUsageView(line.meter().name(), line.meter().baseUnit(), PeriodView.of(line.ratedPeriod()),
					hours.stream().map(UsageRollups.Rollup::quantity).reduce(BigDecimal.ZERO, BigDecimal::add), hours);
		}
	}

	record PortalView(String url) {
	}

	@GetMapping("/api/v1/billing/plan")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "The plan in effect now, and every plan change (the public plan applies without one)")
	PlanView plan(CallerIdentity caller) {
		var all = plans.assignments(caller.orgId());
		return new PlanView(plans.current(caller.orgId()), all.subList(1, all.size()));
	}

	@GetMapping("/api/v1/billing/draft")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "The running draft for the current month: what is owed so far (recomputed on every read)")
	InvoiceView draft(CallerIdentity caller) {
		return InvoiceView.of(drafts.current(caller.orgId()));
	}

	@GetMapping("/api/v1/billing/draft/lines/{lineNumber}/usage")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "The hourly usage roll-ups behind one line of the running draft")
	LineUsageView draftLineUsage(CallerIdentity caller, @PathVariable String lineNumber) {
		var number = lineNumber(lineNumber);
		var hours = drafts.usageBehind(caller.orgId(), number);
		return LineUsageView.of(drafts.current(caller.orgId()).line(number), hours);
	}

	@GetMapping("/api/v1/billing/invoices")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "The organisation's finalized invoices, newest first (cursor-paginated)")
	Page<InvoiceView> invoices(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return invoices.list(caller.orgId(), PageRequest.of(limit, cursor)).map(InvoiceView::of);
	}

	@GetMapping("/api/v1/billing/invoices/{invoiceId}")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "One invoice with its lines and their tier breakdown")
	InvoiceView invoice(CallerIdentity caller, @PathVariable String invoiceId) {
		return InvoiceView.of(invoices.get(caller.orgId(), InvoiceId.parse(invoiceId)));
	}

	@GetMapping("/api/v1/billing/invoices/{invoiceId}/lines/{lineNumber}/usage")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "Drill-down: the hourly usage roll-ups (per project and hour) behind one invoice line")
	LineUsageView lineUsage(CallerIdentity caller, @PathVariable String invoiceId, @PathVariable String lineNumber) {
		var id = InvoiceId.parse(invoiceId);
		var number = lineNumber(lineNumber);
		var hours = invoices.usageBehind(caller.orgId(), id, number);
		return LineUsageView.of(invoices.get(caller.orgId(), id).line(number), hours);
	}

	@GetMapping(path = "/api/v1/billing/invoices/{invoiceId}/download", produces = MediaType.TEXT_HTML_VALUE)
	@Requires(Permission.MANAGE_BILLING)
	@Operation(summary = "The invoice as an HTML document, for download")
	ResponseEntity<String> download(CallerIdentity caller, @PathVariable String invoiceId) {
		var invoice = invoices.get(caller.orgId(), InvoiceId.parse(invoiceId));
		var html = InvoiceDocument.html(invoice, organisations.get(caller.orgId()).name());
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("runledger-invoice-" + invoice.period().month() + ".html")
				.build()
				.toString())
			.body(html);
	}

	@PostMapping("/api/v1/billing/portal")
	@Requires(Permission.MANAGE_BILLING)
	@Operation(summary = "A short-lived link to the payment provider's portal (payment methods, receipts)")
	PortalView portal(CallerIdentity caller) {
		return new PortalView(portal.open(caller.orgId(), caller.actor()));
	}

	private static int lineNumber(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException e) {
			throw new InvalidRequestException("line number must be a positive integer");
		}
	}
}
