package io.runledger.metering;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Member;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends raised alerts out, at least once, through an outbox ({@code alert_deliveries}): {@link #enqueue} writes one
 * row per channel in the transaction that records the alert, so an alert is never recorded without its deliveries;
 * {@link #deliverDue} claims due rows ({@code FOR UPDATE SKIP LOCKED}, leased by moving their due time past the
 * send, so two app nodes never send one row at once and a node that dies mid-send leaves it to the next), sends
 * them with no transaction open, and records the outcome: SENT, a retry with backoff ({@link DeliveryPolicy}), or
 * FAILED when it is given up. Terminal without retrying: NOT_CONFIGURED (no SMTP server, {@code spring.mail.host}),
 * NO_RECIPIENTS (no OWNER or ADMIN), REFUSED (the webhook target is not allowed, {@link WebhookTargets}).
 * <p>
 * Emails go to the organisation's OWNERs and ADMINs. Webhooks are signed like Stripe's:
 * {@code Runledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the budget's secret>}, and carry
 * {@code Runledger-Delivery-Id}, the same on every attempt, for receivers to drop repeats.
 */
@Component
class AlertDelivery {

	private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

	static final String DELIVERY_ID_HEADER = "Runledger-Delivery-Id";

	/** How long a claimed row is held for its sender: far beyond any send (webhook timeout, SMTP). */
	private static final Duration LEASE = Duration.ofMinutes(10);

	private static final int CLAIM_BATCH = 50;

	enum Channel {
		EMAIL, WEBHOOK
	}

	enum Status {
		PENDING, SENT, FAILED, NOT_CONFIGURED, NO_RECIPIENTS, REFUSED
	}

	/** What one attempt came to: a final status, or (status null) a failure worth retrying. */
	private record Outcome(Status status, String error) {

		static final Outcome SENT = new Outcome(Status.SENT, null);

		static Outcome retry(String error) {
			return new Outcome(null, error);
		}
	}

	private record Claimed(DeliveryId id, UUID budgetId, Channel channel, String subject, String body,
			Instant createdAt, int attempts) {
	}

	private final ObjectProvider<JavaMailSender> mail;

	private final Members members;

	private final Budgets budgets;

	private final WebhookTargets targets;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final MeteringProperties properties;

	private final DeliveryPolicy policy;

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
		this.policy = DeliveryPolicy.of(properties);
		this.json = json;
		this.clock = clock;
		// Never follow redirects: a public webhook could otherwise bounce the request to a private address.
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.webhookTimeout())
			.build();
	}

	/** Inside the transaction that records the alert: its email, and its webhook call when the budget has one. */
	void enqueue(OrgId orgId, Budget budget, BudgetAlerts.Alert alert, String title, String body) {
		insert(orgId, alert, Channel.EMAIL, "[Runledger] " + title, body + "\n\nManage budgets: /api/v1/budgets\n",
				null);
		if (budget.webhookUrl() != null) {
			var id = new DeliveryId(UUID.randomUUID());
			var payload = new LinkedHashMap<String, Object>();
			payload.put("type", "budget.threshold_crossed");
			payload.put("deliveryId", id.toString());
			payload.put("organisationId", orgId.toString());
			payload.put("budgetId", budget.id().toString());
			payload.put("budgetName", budget.name());
			payload.put("periodStart", alert.periodStart().toString());
			payload.put("threshold", alert.threshold());
			payload.put("used", alert.used().toPlainString());
			payload.put("limit", alert.limit().toPlainString());
			payload.put("unit",
					budget.isMoney() ? budget.limitAmount().currency().getCurrencyCode() : budget.meter().baseUnit());
			payload.put("summary", title);
			insert(orgId, alert, Channel.WEBHOOK, title, json.writeValueAsString(payload), id);
		}
	}

	private void insert(OrgId orgId, BudgetAlerts.Alert alert, Channel channel, String subject, String body,
			DeliveryId id) {
		var now = Timestamp.from(alert.crossedAt());
		jdbc.sql("""
				insert into alert_deliveries (org_id, delivery_id, budget_id, period_start, threshold, channel, status,
				                              subject, body, created_at, next_attempt_at)
				values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)""")
			.params(orgId.value(), id == null ? UUID.randomUUID() : id.value(), alert.budgetId(),
					Timestamp.from(alert.periodStart()), alert.threshold(), channel.name(), subject, body, now, now)
			.update();
	}

	@Scheduled(fixedDelayString = "${runledger.metering.delivery-interval:15s}",
			initialDelayString = "${runledger.metering.delivery-interval:15s}")
	void deliverAll() {
		var now = Timestamp.from(clock.instant());
		for (var org : jdbc.sql("select * from orgs_with_due_alert_deliveries(?)").param(now).query(UUID.class).list()) {
			try {
				deliverDue(new OrgId(org));
			}
			catch (RuntimeException e) {
				log.warn("Delivering alerts of {} failed: {}", org, e.toString());
			}
		}
	}

	/** Sends the organisation's due deliveries now; returns how many were attempted. */
	int deliverDue(OrgId orgId) {
		int attempted = 0;
		while (true) {
			var claimed = claim(orgId);
			for (var delivery : claimed) {
				record(orgId, delivery, send(orgId, delivery));
			}
			attempted += claimed.size();
			if (claimed.size() < CLAIM_BATCH) {
				return attempted;
			}
		}
	}

	private List<Claimed> claim(OrgId orgId) {
		var now = clock.instant();
		return tx.write(orgId, () -> jdbc.sql("""
				update alert_deliveries d
				set attempts = d.attempts + 1, last_attempt_at = ?, next_attempt_at = ?
				from (select delivery_id from alert_deliveries
				      where org_id = ? and status = 'PENDING' and next_attempt_at <= ?
				      order by next_attempt_at limit ? for update skip locked) due
				where d.org_id = ? and d.delivery_id = due.delivery_id
				returning d.delivery_id, d.budget_id, d.channel, d.subject, d.body, d.created_at, d.attempts""")
			.params(Timestamp.from(now), Timestamp.from(now.plus(LEASE)), orgId.value(), Timestamp.from(now),
					CLAIM_BATCH, orgId.value())
			.query(AlertDelivery::claimed)
			.list());
	}

	private static Claimed claimed(ResultSet rs, int row) throws SQLException {
		return new Claimed(new DeliveryId(rs.getObject("delivery_id", UUID.class)),
				rs.getObject("budget_id", UUID.class), Channel.valueOf(rs.getString("channel")),
				rs.getString("subject"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
				rs.getInt("attempts"));
	}

	private Outcome send(OrgId orgId, Claimed delivery) {
		try {
			return switch (delivery.channel()) {
				case EMAIL -> email(orgId, delivery);
				case WEBHOOK -> webhook(orgId, delivery);
			};
		}
		catch (RuntimeException e) {
			return Outcome.retry(e.toString());
		}
	}

	private void record(OrgId orgId, Claimed delivery, Outcome outcome) {
		var now = clock.instant();
		Status status = outcome.status();
		Instant next = null;
		if (status == null) {
			next = policy.nextAttempt(delivery.attempts(), delivery.createdAt(), now,
					ThreadLocalRandom.current().nextDouble()).orElse(null);
			status = next == null ? Status.FAILED : Status.PENDING;
			log.warn("Alert {} delivery {} attempt {} failed ({}): {}", delivery.channel(), delivery.id(),
					delivery.attempts(), next == null ? "given up" : "retry at " + next, outcome.error());
		}
		var finalStatus = status;
		var nextAttempt = next;
		tx.writeVoid(orgId, () -> jdbc.sql("""
				update alert_deliveries set status = ?, next_attempt_at = ?, last_error = ?, delivered_at = ?
				where org_id = ? and delivery_id = ? and status = 'PENDING'""")
			.params(finalStatus.name(), nextAttempt == null ? null : Timestamp.from(nextAttempt), outcome.error(),
					finalStatus == Status.SENT ? Timestamp.from(now) : null, orgId.value(), delivery.id().value())
			.update());
	}

	private Outcome email(OrgId orgId, Claimed delivery) {
		var sender = mail.getIfAvailable();
		if (sender == null) {
			return new Outcome(Status.NOT_CONFIGURED, "no SMTP server is configured (spring.mail.host)");
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
			return new Outcome(Status.NO_RECIPIENTS, "the organisation has no OWNER or ADMIN to email");
		}
		var message = new SimpleMailMessage();
		message.setFrom(properties.alertEmailFrom());
		message.setTo(recipients.toArray(String[]::new));
		message.setSubject(delivery.subject());
		message.setText(delivery.body());
		sender.send(message);
		return Outcome.SENT;
	}

	private Outcome webhook(OrgId orgId, Claimed delivery) {
		var budgetId = new BudgetId(delivery.budgetId());
		Budget budget;
		try {
			budget = budgets.get(orgId, budgetId);
		}
		catch (NotFoundException e) {
			return new Outcome(Status.REFUSED, "the budget was deleted");
		}
		if (budget.webhookUrl() == null) {
			return new Outcome(Status.REFUSED, "the budget no longer has a webhook");
		}
		URI target;
		try {
			target = targets.check(budget.webhookUrl());
		}
		catch (RuntimeException e) {
			return new Outcome(Status.REFUSED, e.getMessage());
		}
		long timestamp = clock.instant().getEpochSecond();
		var secret = Optional.ofNullable(budgets.webhookSecret(orgId, budgetId)).orElse("");
		var request = HttpRequest.newBuilder(target)
			.timeout(properties.webhookTimeout())
			.header("Content-Type", "application/json")
			.header(DELIVERY_ID_HEADER, delivery.id().toString())
			.header("Runledger-Signature", "t=" + timestamp + ",v1=" + sign(secret, timestamp + "." + delivery.body()))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
			.build();
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.discarding());
			return response.statusCode() / 100 == 2 ? Outcome.SENT
					: Outcome.retry("the receiver answered HTTP " + response.statusCode());
		}
		catch (java.io.IOException e) {
			return Outcome.retry(e.toString());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Outcome.retry("interrupted");
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
}
