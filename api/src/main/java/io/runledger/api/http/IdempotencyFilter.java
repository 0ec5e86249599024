package io.runledger.api.http;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.ServletRequestPathUtils;

import io.runledger.auth.CallerIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes {@link Creates} handlers retry-safe. A request with an {@code Idempotency-Key} claims the key for its
 * organisation ({@link IdempotencyKeys}); a retry of the same request (same caller, method, path and body) answers
 * the first result with {@code Idempotent-Replayed: true}, another request under the key is 422, and a retry while
 * the first still runs is 409 with {@code Retry-After}. Only successful answers are kept: a failed attempt frees the
 * key. Runs after authentication, so the organisation is the caller's and one organisation's keys never answer
 * another's requests.
 */
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	/** Creates carry small JSON documents; a larger body with a key is refused rather than buffered. */
	static final int MAX_BODY = 1024 * 1024;

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	private final IdempotencyKeys keys;

	/** The handler mappings are looked up at the first request: they are built after the servlet filters. */
	IdempotencyFilter(ObjectProvider<RequestMappingHandlerMapping> mappings, IdempotencyKeys keys) {
		this.mappings = mappings;
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var key = request.getHeader(HEADER);
		var caller = Callers.current();
		if (key == null || !"POST".equals(request.getMethod()) || caller.isEmpty() || !createsSomething(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			Problems.write(response, HttpStatus.BAD_REQUEST,
					"header '" + HEADER + "' must be 1 to 255 visible ASCII characters");
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			Problems.write(response, HttpStatus.CONTENT_TOO_LARGE,
					"a request with an " + HEADER + " may carry at most " + MAX_BODY + " bytes");
			return;
		}
		var orgId = caller.get().orgId();
		var hash = requestHash(caller.get(), request, body);
		switch (keys.claim(orgId, key, hash)) {
			case IdempotencyKeys.Replay replay -> {
				response.setStatus(replay.status());
				if (replay.contentType() != null) {
					response.setContentType(replay.contentType());
				}
				if (replay.location() != null) {
					response.setHeader(HttpHeaders.LOCATION, replay.location());
				}
				response.setHeader(REPLAYED, "true");
				if (replay.body() != null) {
					response.getOutputStream().write(replay.body());
				}
			}
			case IdempotencyKeys.Mismatch mismatch -> Problems.write(response, HttpStatus.UNPROCESSABLE_CONTENT,
					HEADER + " '" + key + "' was already used for a different request (another body, path or caller); "
							+ "use a new key for a new request");
			case IdempotencyKeys.InFlight inFlight -> {
				response.setHeader(HttpHeaders.RETRY_AFTER, "1");
				Problems.write(response, HttpStatus.CONFLICT,
						"the first request with " + HEADER + " '" + key + "' is still running; retry shortly");
			}
			case IdempotencyKeys.Owned owned -> run(request, response, chain, body, key, hash, orgId);
		}
	}

	private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body,
			String key, byte[] hash, io.runledger.tenancy.OrgId orgId) throws IOException, ServletException {
		var recorded = new ContentCachingResponseWrapper(response);
		boolean kept = false;
		try {
			chain.doFilter(new BufferedRequest(request, body), recorded);
			int status = recorded.getStatus();
			if (status >= 200 && status < 300) {
				keys.complete(orgId, key, hash, status, recorded.getContentType(),
						recorded.getHeader(HttpHeaders.LOCATION), recorded.getContentAsByteArray());
				kept = true;
			}
		}
		finally {
			if (!kept) {
				keys.release(orgId, key, hash);
			}
			recorded.copyBodyToResponse();
		}
	}

	private boolean createsSomething(HttpServletRequest request) {
		boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
		if (parsedHere) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			var handler = mappings.getObject().getHandler(request);
			return handler != null && handler.getHandler() instanceof HandlerMethod method
					&& method.hasMethodAnnotation(Creates.class);
		}
		catch (Exception e) {
			return false; // no handler (404, 405, ...): the dispatcher answers that as usual
		}
		finally {
			if (parsedHere) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

	/** The caller is part of the request: another member replaying a key must not receive what was created for me. */
	static byte[] requestHash(CallerIdentity caller, HttpServletRequest request, byte[] body) {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			var head = caller.actor().kind() + ":" + caller.actor().id() + "\n" + request.getMethod() + " "
					+ request.getRequestURI() + "?" + (request.getQueryString() == null ? "" : request.getQueryString())
					+ "\n";
			digest.update(head.getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return digest.digest();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The request with its body read once into memory, so the handler reads the same bytes that were hashed. */
	private static final class BufferedRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			var in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already in memory");
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			var charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(charset)));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
