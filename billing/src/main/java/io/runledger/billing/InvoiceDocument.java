package io.runledger.billing;

import java.math.BigDecimal;

import io.runledger.tenancy.Money;

/** An invoice as a self-contained HTML page for people to download, print or keep. Everything shown is escaped. */
public final class InvoiceDocument {

	private InvoiceDocument() {
	}

	public static String html(Invoice invoice, String organisationName) {
		var html = new StringBuilder(4096);
		html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Invoice ")
			.append(escape(invoice.period().month().toString()))
			.append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
					+ "td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left}.n{text-align:right}"
					+ ".tiers{color:#555;font-size:.9em}</style></head><body>\n")
			.append("<h1>Runledger invoice</h1>\n<p>")
			.append(escape(organisationName))
			.append("<br>Invoice ").append(escape(invoice.id().toString()))
			.append("<br>Period ").append(escape(invoice.period().start().toString())).append(" to ")
			.append(escape(invoice.period().end().toString())).append(" (UTC, end exclusive)")
			.append("<br>Status ").append(invoice.status())
			.append(invoice.sync() == SyncStatus.NOT_SYNCED ? " (not synced to a payment provider)" : "")
			.append("</p>\n<table><thead><tr><th>#</th><th>Description</th><th class=\"n\">Quantity</th>"
					+ "<th class=\"n\">Unit price</th><th class=\"n\">Amount</th></tr></thead><tbody>\n");
		for (var line : invoice.lines()) {
			html.append("<tr><td>").append(line.number()).append("</td><td>").append(escape(line.description()))
				.append("<div class=\"tiers\">");
			for (var tier : line.tiers()) {
				html.append(escape(tier.plan() + ", " + tier.tier() + ": " + plain(tier.quantity()) + " × "
						+ plain(tier.unitPrice()))).append("<br>");
			}
			html.append("</div></td><td class=\"n\">").append(escape(plain(line.quantityInUnit()) + " "
					+ line.unit().label()))
				.append("</td><td class=\"n\">")
				.append(line.unitPrice() == null ? "tiered" : escape(plain(line.unitPrice())))
				.append("</td><td class=\"n\">").append(escape(money(line.amount()))).append("</td></tr>\n");
		}
		html.append("</tbody><tfoot><tr><th colspan=\"4\">Total</th><th class=\"n\">")
			.append(escape(money(invoice.total())))
			.append("</th></tr></tfoot></table>\n<p>Usage is priced, never seats. Each line traces to hourly usage "
					+ "in the billing API.</p></body></html>\n");
		return html.toString();
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private static String money(Money money) {
		return money.roundedToMinorUnits().amount().toPlainString() + " " + money.currency().getCurrencyCode();
	}

	static String escape(String text) {
		var out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}
}
