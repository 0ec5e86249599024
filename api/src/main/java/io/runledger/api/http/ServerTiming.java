package io.runledger.api.http;

import java.io.IOException;
import java.util.Locale;

import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Server-Timing: app;dur=<ms>} on every JSON answer: the time from the request entering the application to
 * its body being written, so clients and benchmarks can tell server time from network and client time.
 */
final class ServerTiming {

	static final String STARTED = ServerTiming.class.getName() + ".started";

	private ServerTiming() {
	}

	@Component
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class StartClock extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			request.setAttribute(STARTED, System.nanoTime());
			chain.doFilter(request, response);
		}
	}

	@ControllerAdvice
	static class Header implements ResponseBodyAdvice<Object> {

		@Override
		public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
			return true;
		}

		@Override
		public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
				Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
				ServerHttpResponse response) {
			if (request instanceof ServletServerHttpRequest servlet
					&& servlet.getServletRequest().getAttribute(STARTED) instanceof Long started) {
				double millis = (System.nanoTime() - started) / 1e6;
				response.getHeaders().set("Server-Timing", String.format(Locale.ROOT, "app;dur=%.3f", millis));
			}
			return body;
		}
	}
}
