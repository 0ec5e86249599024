package io.runledger.metering;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Member;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a raised alert out: an email to the organisation's OWNERs and ADMINs (when an SMTP server is configured,
 * {@code spring.mail.host}) and, when the budget has one, a signed webhook. Outcomes are written on the alert
 * (SENT, FAILED, NOT_CONFIGURED, NO_RECIPIENTS, REFUSED). The webhook body is signed like Stripe's:
 * header {@code Runledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the budget's secret>}.
 */
@Component
class AlertDelivery {

	private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

	private final ObjectProvider<JavaMailSender> mail;

	private final Members members;

	private final Budgets budgets;

	private final WebhookTargets targets;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final MeteringProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient http;

	AlertDelivery(ObjectProvider<JavaMailSender> mail, Members members, Budgets budgets, WebhookTargets targets,
			JdbcClient jdbc, TenantTransactions tx, MeteringProperties properties, JsonMapper json, Clock clock) {
		this.mail = mail;
		this.members = members;
		this.budgets = budgets;
		this.targets = targets;
		this.jdbc = jdbc;
		this.tx = tx;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		// Never follow redirects: a public webhook could otherwise bounce the request to a private address.
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.webhookTimeout())
			.build();
	}

	void deliver(OrgId orgId, Budget budget, BudgetAlerts.Alert alert, String title, String body) {
		status(orgId, alert, "email_status", email(orgId, title, body));
		if (budget.webhookUrl() != null) {
			status(orgId, alert, "webhook_status", webhook(orgId, budget, alert, title));
		}
	}

	private String email(OrgId orgId, String title, String body) {
		var sender = mail.getIfAvailable();
		if (sender == null) {
			return "NOT_CONFIGURED";
		}
		var recipients = new ArrayList<String>();
		var page = PageRequest.first(PageRequest.MAX_LIMIT);
		while (true) {
			var result = members.list(orgId, page);
			result.items().stream().filter(m -> m.role().includes(Role.ADMIN)).map(Member::email).forEach(recipients::add);
			if (result.nextCursor() == null) {
				break;
			}
			page = PageRequest.of(PageRequest.MAX_LIMIT, result.nextCursor());
		}
		if (recipients.isEmpty()) {
			return "NO_RECIPIENTS";
		}
		try {
			var message = new SimpleMailMessage();
			message.setFrom(properties.alertEmailFrom());
			message.setTo(recipients.toArray(String[]::new));
			message.setSubject("[Runledger] " + title);
			message.setText(body + "\n\nManage budgets: /api/v1/budgets\n");
			sender.send(message);
			return "SENT";
		}
		catch (RuntimeException e) {
			log.warn("Budget alert email for {} failed: {}", orgId, e.toString());
			return "FAILED";
		}
	}

	private String webhook(OrgId orgId, Budget budget, BudgetAlerts.Alert alert, String title) {
		URI target;
		try {
			target = targets.check(budget.webhookUrl());
		}
		catch (RuntimeException e) {
			log.warn("Budget webhook of {} refused: {}", budget.id(), e.getMessage());
			return "REFUSED";
		}
		var payload = new LinkedHashMap<String, Object>();
		payload.put("type", "budget.threshold_crossed");
		payload.put("organisationId", orgId.toString());
		payload.put("budgetId", budget.id().toString());
		payload.put("budgetName", budget.name());
		payload.put("periodStart", alert.periodStart().toString());
		payload.put("threshold", alert.threshold());
		payload.put("used", alert.used().toPlainString());
		payload.put("limit", alert.limit().toPlainString());
		payload.put("unit", budget.isMoney() ? budget.limitAmount().currency().getCurrencyCode() : budget.meter().baseUnit());
		payload.put("summary", title);
		var bodyText = json.writeValueAsString(payload);
		long timestamp = clock.instant().getEpochSecond();
		var secret = Optional.ofNullable(budgets.webhookSecret(orgId, budget.id())).orElse("");
		var request = HttpRequest.newBuilder(target)
			.timeout(properties.webhookTimeout())
			.header("Content-Type", "application/json")
			.header("Runledger-Signature", "t=" + timestamp + ",v1=" + sign(secret, timestamp + "." + bodyText))
			.POST(HttpRequest.BodyPublishers.ofString(bodyText))
			.build();
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.discarding());
			return response.statusCode() / 100 == 2 ? "SENT" : "FAILED";
		}
		catch (java.io.IOException e) {
			log.warn("Budget webhook of {} failed: {}", budget.id(), e.toString());
			return "FAILED";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "FAILED";
		}
	}

	static String sign(String secret, String signedPayload) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private void status(OrgId orgId, BudgetAlerts.Alert alert, String column, String status) {
		tx.writeVoid(orgId, () -> jdbc.sql("update budget_alerts set " + column + """
				 = ? where org_id = ? and budget_id = ? and period_start = ? and threshold = ?""")
			.params(status, orgId.value(), alert.budgetId(), java.sql.Timestamp.from(alert.periodStart()),
					alert.threshold())
			.update());
	}
}
