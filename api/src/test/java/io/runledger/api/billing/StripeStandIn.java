package io.runledger.api.billing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Stripe for tests: the few endpoints billing calls, answering like Stripe does, honouring idempotency keys
 * the way Stripe does (a repeated key returns the first answer and creates nothing), and recording every request.
 * {@link #loseNextResponse(String)} makes it do the work but fail the answer, as when we crash before reading it.
 */
final class StripeStandIn implements AutoCloseable {

	record Request(String method, String path, String idempotencyKey, Map<String, String> form) {
	}

	private final HttpServer server;

	private final String prefix = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicInteger ids = new AtomicInteger();

	final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

	/** Objects created, by kind ("customer", "invoice", "invoiceitem", "session"). */
	final Map<String, List<String>> created = new ConcurrentHashMap<>();

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private final Map<String, String> invoiceStatus = new ConcurrentHashMap<>();

	private volatile String loseResponseFor;

	StripeStandIn() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::handle);
		server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** The next request whose path contains {@code pathPart} is carried out, but its answer is lost. */
	void loseNextResponse(String pathPart) {
		loseResponseFor = pathPart;
	}


	List<Request> requests(String method, String pathPrefix) {
		synchronized (requests) {
			return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
		}
	}

	List<String> created(String kind) {
		return created.getOrDefault(kind, List.of());
	}

	private void handle(HttpExchange exchange) throws IOException {
		var method = exchange.getRequestMethod();
		var path = exchange.getRequestURI().getPath();
		var form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		var auth = exchange.getRequestHeaders().getFirst("Authorization");
		requests.add(new Request(method, path, key, form));
		if (auth == null || !auth.equals("Bearer sk_test_standin")) {
			send(exchange, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");
			return;
		}
		String body;
		synchronized (this) {
			body = key != null && answers.containsKey(method + path + key) ? answers.get(method + path + key)
					: answer(method, path, form);
			if (key != null) {
				answers.putIfAbsent(method + path + key, body);
			}
		}
		var lose = loseResponseFor;
		if (lose != null && path.contains(lose)) {
			loseResponseFor = null;
			exchange.getResponseHeaders().add("Stripe-Should-Retry", "false");
			send(exchange, 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"connection lost (simulated)\"}}");
			return;
		}
		send(exchange, !body.startsWith("{\"error\"") ? 200 : body.contains("already finalized") ? 400 : 404, body);
	}

	private String answer(String method, String path, Map<String, String> form) {
		long now = System.currentTimeMillis() / 1000;
		if (method.equals("POST") && path.equals("/v1/customers")) {
			var id = create("customer", "cus_");
			return """
					{"id":"%s","object":"customer","created":%d,"livemode":false,"name":%s,"metadata":{}}"""
				.formatted(id, now, quote(form.get("name")));
		}
		if (method.equals("POST") && path.equals("/v1/invoices")) {
			var id = create("invoice", "in_");
			invoiceStatus.put(id, "draft");
			return invoice(id, form.get("customer"), "draft", now);
		}
		if (method.equals("POST") && path.matches("/v1/invoices/[^/]+/finalize")) {
			var id = path.split("/")[3];
			if (!invoiceStatus.containsKey(id)) {
				return "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such invoice\"}}";
			}
			if (!invoiceStatus.get(id).equals("draft")) {
				return "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"This invoice is already finalized\"}}";
			}
			invoiceStatus.put(id, "open");
			return invoice(id, null, "open", now);
		}
		if (method.equals("GET") && path.matches("/v1/invoices/[^/]+")) {
			var id = path.split("/")[3];
			return invoiceStatus.containsKey(id) ? invoice(id, null, invoiceStatus.get(id), now)
					: "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such invoice\"}}";
		}
		if (method.equals("POST") && path.equals("/v1/invoiceitems")) {
			var id = create("invoiceitem", "ii_");
			return """
					{"id":"%s","object":"invoiceitem","amount":%s,"currency":%s,"customer":%s,"invoice":%s,
					 "description":%s,"livemode":false,"metadata":{}}"""
				.formatted(id, form.get("amount"), quote(form.get("currency")), quote(form.get("customer")),
						quote(form.get("invoice")), quote(form.get("description")));
		}
		if (method.equals("POST") && path.equals("/v1/billing_portal/sessions")) {
			var id = create("session", "bps_");
			return """
					{"id":"%s","object":"billing_portal.session","customer":%s,"livemode":false,
					 "return_url":%s,"url":"https://billing.stripe.test/p/session/%s"}"""
				.formatted(id, quote(form.get("customer")), quote(form.get("return_url")), id);
		}
		return "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}";
	}

	private String create(String kind, String idPrefix) {
		var id = idPrefix + prefix + "_" + ids.incrementAndGet();
		created.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(id);
		return id;
	}

	private static String invoice(String id, String customer, String status, long now) {
		return """
				{"id":"%s","object":"invoice","customer":%s,"status":"%s","created":%d,"livemode":false,
				 "currency":"usd","metadata":{}}""".formatted(id, quote(customer), status, now);
	}

	private static String quote(String text) {
		return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static Map<String, String> parse(String body) {
		var form = new LinkedHashMap<String, String>();
		if (body.isEmpty()) {
			return form;
		}
		for (var pair : body.split("&")) {
			var eq = pair.indexOf('=');
			form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
					eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		var bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("Request-Id", "req_" + UUID.randomUUID());
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
