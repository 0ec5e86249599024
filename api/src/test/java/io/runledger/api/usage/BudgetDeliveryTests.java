package io.runledger.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.metering.BudgetAlerts;
import io.runledger.tenancy.Role;

/**
 * A crossed threshold is sent out: an email through a real SMTP server (GreenMail) to the organisation's OWNERs and
 * ADMINs, and a webhook signed with the budget's secret. Private webhook targets are allowed here only because
 * this context turns on the development switch; BudgetTests shows they are refused otherwise.
 */
@IntegrationTest
class BudgetDeliveryTests {

	/** Replaced (on the same port) by the test that takes the SMTP server down and brings it back. */
	static volatile GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static final HttpServer hooks;

	static final List<String[]> received = new CopyOnWriteArrayList<>();

	static final List<String> flakyIds = new CopyOnWriteArrayList<>();

	static final AtomicInteger flakyFailures = new AtomicInteger();

	static {
		smtp.start();
		try {
			hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		hooks.createContext("/hook", exchange -> {
			received.add(new String[] { exchange.getRequestHeaders().getFirst("Runledger-Signature"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
					exchange.getRequestHeaders().getFirst("Runledger-Delivery-Id") });
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		// Answers 503 while more failures are wanted (flaky.failures), then 204; records each delivery id it saw.
		hooks.createContext("/flaky", exchange -> {
			exchange.getRequestBody().readAllBytes();
			flakyIds.add(exchange.getRequestHeaders().getFirst("Runledger-Delivery-Id"));
			exchange.sendResponseHeaders(flakyFailures.getAndDecrement() > 0 ? 503 : 204, -1);
			exchange.close();
		});
		hooks.start();
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getServerSetup().getPort());
		registry.add("runledger.metering.webhooks-allow-private-targets", () -> "true");
	}

	@AfterAll
	static void stop() {
		smtp.stop();
		hooks.stop(0);
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	BudgetAlerts alerts;

	@Autowired
	TestClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** A fresh organisation whose 12 points crossed a 100 % budget of 10 points with a webhook to /flaky. */
	Http flakyBudget(TestTenants.Tenant tenant, int failures) {
		var admin = new Http(port).bearer(tenant.key(Role.ADMIN));
		var member = new Http(port).bearer(tenant.key(Role.MEMBER));
		var created = admin.post("/api/v1/budgets", "{\"name\":\"flaky\",\"meter\":\"DATA_POINTS\",\"limit\":10,"
				+ "\"thresholds\":[100],\"webhookUrl\":\"http://127.0.0.1:" + hooks.getAddress().getPort() + "/flaky\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var run = member.post("/api/v1/projects/" + tenant.project().id() + "/runs", "{}").json().get("id").asString();
		member.post("/api/v1/runs/" + run + "/metrics", UsageMeteringTests.batch(null, 0, 12));
		flakyIds.clear();
		flakyFailures.set(failures);
		clock.freezeAt(clock.instant());
		return admin;
	}

	@Test
	void a_webhook_answered_503_twice_then_200_is_delivered_with_the_same_delivery_id_and_its_attempts_are_visible() {
		var acme = tenants.create();
		var admin = flakyBudget(acme, 2);

		assertThat(alerts.evaluate(acme.orgId())).hasSize(1); // first attempt at once: 503
		var pending = admin.get("/api/v1/budgets/alerts").json().at("/items/0");
		assertThat(pending.get("webhookStatus").asString()).isEqualTo("PENDING");
		assertThat(pending.at("/webhook/attempts").asInt()).isEqualTo(1);
		assertThat(pending.at("/webhook/lastError").asString()).contains("503");
		var due = java.time.Instant.parse(pending.at("/webhook/nextAttemptAt").asString());
		assertThat(due).isAfter(clock.instant());
		assertThat(alerts.deliverDue(acme.orgId())).as("nothing is due before the backoff ends").isZero();

		clock.advance(java.time.Duration.between(clock.instant(), due));
		assertThat(alerts.deliverDue(acme.orgId())).isEqualTo(1); // 503 again
		clock.advance(java.time.Duration.ofHours(2)); // the longest backoff
		assertThat(alerts.deliverDue(acme.orgId())).isEqualTo(1); // 204

		var sent = admin.get("/api/v1/budgets/alerts").json().at("/items/0");
		assertThat(sent.get("webhookStatus").asString()).isEqualTo("SENT");
		assertThat(sent.at("/webhook/attempts").asInt()).isEqualTo(3);
		assertThat(sent.at("/webhook/deliveredAt").asString()).isNotEmpty();
		assertThat(sent.at("/webhook/nextAttemptAt").isMissingNode()).isTrue();
		assertThat(flakyIds).hasSize(3).containsOnly(sent.at("/webhook/id").asString());
		clock.advance(java.time.Duration.ofDays(2));
		assertThat(alerts.deliverDue(acme.orgId())).as("a sent delivery is never sent again").isZero();
	}

	@Test
	void a_webhook_receiver_down_for_longer_than_the_maximum_age_ends_as_failed_and_visible() {
		var acme = tenants.create();
		var admin = flakyBudget(acme, Integer.MAX_VALUE);
		var start = clock.instant();

		alerts.evaluate(acme.orgId());
		int passes = 0;
		while (admin.get("/api/v1/budgets/alerts").json().at("/items/0/webhookStatus").asString().equals("PENDING")) {
			assertThat(passes++).as("gives up within the maximum age").isLessThan(30);
			clock.advance(java.time.Duration.ofHours(2));
			alerts.deliverDue(acme.orgId());
		}

		var failed = admin.get("/api/v1/budgets/alerts").json().at("/items/0");
		assertThat(failed.get("webhookStatus").asString()).isEqualTo("FAILED");
		assertThat(failed.at("/webhook/lastError").asString()).contains("503");
		assertThat(failed.at("/webhook/nextAttemptAt").isMissingNode()).isTrue();
		assertThat(failed.at("/webhook/attempts").asInt()).isEqualTo(flakyIds.size()).isGreaterThan(2);
		assertThat(java.time.Duration.between(start, clock.instant())).isGreaterThan(java.time.Duration.ofHours(20));
		assertThat(flakyIds).containsOnly(failed.at("/webhook/id").asString());
		assertThat(failed.get("emailStatus").asString()).isEqualTo("SENT");
	}

	@Test
	void an_alert_email_the_smtp_server_could_not_take_is_sent_on_a_later_attempt() {
		var acme = tenants.create();
		var admin = flakyBudget(acme, 0);
		int port = smtp.getSmtp().getServerSetup().getPort();
		smtp.stop();
		try {
			alerts.evaluate(acme.orgId());
			var pending = admin.get("/api/v1/budgets/alerts").json().at("/items/0");
			assertThat(pending.get("emailStatus").asString()).as(pending.toString()).isEqualTo("PENDING");
			assertThat(pending.at("/email/attempts").asInt()).isEqualTo(1);
			assertThat(pending.at("/email/lastError").asString()).isNotEmpty();
		}
		finally {
			smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			smtp.start();
		}

		clock.advance(java.time.Duration.ofHours(2));
		alerts.deliverDue(acme.orgId());

		var sent = admin.get("/api/v1/budgets/alerts").json().at("/items/0");
		assertThat(sent.get("emailStatus").asString()).isEqualTo("SENT");
		assertThat(sent.at("/email/attempts").asInt()).isEqualTo(2);
		assertThat(smtp.getReceivedMessages()).isNotEmpty();
	}

	@Test
	void two_delivery_jobs_racing_over_one_due_delivery_send_it_once() throws Exception {
		var acme = tenants.create();
		flakyBudget(acme, 1);
		alerts.evaluate(acme.orgId()); // 503, retried later
		clock.advance(java.time.Duration.ofHours(2));

		var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			var jobs = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
			for (int i = 0; i < 4; i++) {
				jobs.add(pool.submit(() -> alerts.deliverDue(acme.orgId())));
			}
			int attempted = 0;
			for (var job : jobs) {
				attempted += job.get();
			}
			assertThat(attempted).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(flakyIds).hasSize(2).doesNotContainNull();
	}

	@Test
	void a_crossed_threshold_emails_the_owners_and_admins_and_calls_the_signed_webhook_once() throws Exception {
		var acme = tenants.create();
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));
		var member = new Http(port).bearer(acme.key(Role.MEMBER));
		var created = admin.post("/api/v1/budgets", "{\"name\":\"team points\",\"meter\":\"DATA_POINTS\",\"limit\":10,"
				+ "\"thresholds\":[100],\"webhookUrl\":\"http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var secret = created.json().get("webhookSecret").asString();
		assertThat(secret).startsWith("whsec_");
		var run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();
		member.post("/api/v1/runs/" + run + "/metrics", UsageMeteringTests.batch(null, 0, 12));
		received.clear();

		assertThat(alerts.evaluate(acme.orgId())).hasSize(1);
		assertThat(alerts.evaluate(acme.orgId())).isEmpty();

		// Other tests of this class send alert emails too: only this budget's count here.
		var mails = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return m.getSubject().contains("team points");
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
		var recipients = mails.stream().flatMap(m -> {
			try {
				return java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString);
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
		assertThat(mails).isNotEmpty();
		assertThat(mails.get(0).getSubject()).contains("team points").contains("100 %");
		// Exactly the OWNER and the ADMIN of this organisation (TestTenants names them owner-… and admin-…).
		assertThat(recipients.stream().distinct().toList()).hasSize(2).anyMatch(r -> r.startsWith("owner-")).anyMatch(r -> r.startsWith("admin-"));

		assertThat(received).hasSize(1);
		var signature = received.get(0)[0];
		var body = received.get(0)[1];
		assertThat(body).contains("\"budgetName\":\"team points\"").contains("\"threshold\":100")
			.contains("\"used\":\"12\"");
		var t = signature.substring(2, signature.indexOf(','));
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		assertThat(signature).endsWith(",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body)
			.getBytes(StandardCharsets.UTF_8))));

		var alert = admin.get("/api/v1/budgets/alerts").json().at("/items/0");
		assertThat(alert.get("emailStatus").asString()).isEqualTo("SENT");
		assertThat(alert.get("webhookStatus").asString()).isEqualTo("SENT");
		assertThat(alert.at("/webhook/attempts").asInt()).isEqualTo(1);
		assertThat(received.get(0)[2]).isEqualTo(alert.at("/webhook/id").asString());
		assertThat(body).contains("\"deliveryId\":\"" + received.get(0)[2] + "\"");
	}
}
