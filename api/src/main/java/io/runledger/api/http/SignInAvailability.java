package io.runledger.api.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.runledger.auth.SsoProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Starting a browser sign-in sends the browser to Keycloak. When Keycloak does not answer, the browser would land on
 * a connection error of another host (or, on the way back, a stack trace); instead the start page says that sign-in
 * is unavailable and to try again. Keycloak's state is asked at most every few seconds (its signing keys, which the
 * app reads anyway); a good answer is trusted for a few seconds, so a burst of sign-ins costs one request.
 */
class SignInAvailability extends OncePerRequestFilter {

	static final String SIGN_IN = "/oauth2/authorization/";

	private static final long REMEMBER_MILLIS = 5_000;

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI probe;

	/** Until when Keycloak's last good answer is trusted; failures are not remembered, so recovery shows at once. */
	private final AtomicLong answeredUntil = new AtomicLong();

	SignInAvailability(SsoProperties sso) {
		this.probe = URI.create(sso.jwkSetUri());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(SIGN_IN);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (keycloakAnswers()) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Retry-After", "30");
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
		response.getWriter().write(UNAVAILABLE_PAGE);
	}

	private boolean keycloakAnswers() {
		long now = System.currentTimeMillis();
		if (now < answeredUntil.get()) {
			return true;
		}
		try {
			var reply = CLIENT.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			if (reply.statusCode() != 200) {
				return false;
			}
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
		answeredUntil.set(now + REMEMBER_MILLIS);
		return true;
	}

	private static final String UNAVAILABLE_PAGE = """
			<!doctype html>
			<html lang="en"><head><meta charset="utf-8"><title>Sign-in unavailable · Runledger</title></head>
			<body><main>
			<h1>Sign-in is unavailable right now</h1>
			<p>Our sign-in service does not answer at the moment. Please try again in a minute.</p>
			<p>API keys keep working meanwhile; nothing you stored is affected.</p>
			<p><a href="/oauth2/authorization/keycloak">Try again</a></p>
			</main></body></html>
			""";
}
