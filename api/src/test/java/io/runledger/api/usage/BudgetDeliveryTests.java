package io.runledger.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
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

	static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static final HttpServer hooks;

	static final List<String[]> received = new CopyOnWriteArrayList<>();

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
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) });
			exchange.sendResponseHeaders(204, -1);
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

		var mails = List.of(smtp.getReceivedMessages());
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

		var alert = admin.get("/api/v1/budgets/alerts").json().get(0);
		assertThat(alert.get("emailStatus").asString()).isEqualTo("SENT");
		assertThat(alert.get("webhookStatus").asString()).isEqualTo("SENT");
	}
}
