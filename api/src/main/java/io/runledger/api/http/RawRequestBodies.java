package io.runledger.api.http;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Our APIs never take forms: their bodies are JSON or raw bytes (artifact files, metric batches), read from the
 * stream by the handler. The servlet stack, though, turns a body declared as a form into parameters and a body
 * declared multipart into parts as soon as anything asks, and the stream is then empty. Clients declare types
 * carelessly ({@code curl --data-binary} sends {@code application/x-www-form-urlencoded}), so under the API prefixes
 * the declared type never costs the body: parameters come from the query string only, and neither Spring's form
 * filter nor its multipart resolver touches the request. Pages outside the API keep the usual behaviour.
 */
@Configuration(proxyBeanMethods = false)
class RawRequestBodies {

	/** Replaces Spring Boot's filter, which reads form bodies of PUT, PATCH and DELETE into parameters. */
	@Bean
	OrderedFormContentFilter formContentFilter() {
		return new OrderedFormContentFilter() {
			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return ApiPaths.isApi(request);
			}
		};
	}

	/** Replaces Spring Boot's resolver (by its well-known bean name, which the dispatcher looks up). */
	@Bean
	MultipartResolver multipartResolver() {
		return new StandardServletMultipartResolver() {
			@Override
			public boolean isMultipart(HttpServletRequest request) {
				return !ApiPaths.isApi(request) && super.isMultipart(request);
			}
		};
	}

	/**
	 * Tomcat parses a form body (POST) or a multipart one (any method) on the first parameter lookup, whoever makes
	 * it (a {@code @RequestParam} of the handler itself, for one); requests that declare either see the query string's
	 * parameters only.
	 */
	@Component
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	static class QueryParametersOnly extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(ApiPaths.isApi(request) && declaresParameters(request) ? new Wrapper(request) : request,
					response);
		}

		private static boolean declaresParameters(HttpServletRequest request) {
			var type = request.getContentType();
			return type != null && (startsWith(type, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
					|| startsWith(type, "multipart/"));
		}

		private static boolean startsWith(String type, String prefix) {
			return type.regionMatches(true, 0, prefix, 0, prefix.length());
		}
	}

	private static final class Wrapper extends HttpServletRequestWrapper {

		private Map<String, String[]> parameters;

		Wrapper(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			if (parameters == null) {
				parameters = Collections.unmodifiableMap(parse(getQueryString()));
			}
			return parameters;
		}

		@Override
		public String getParameter(String name) {
			var values = getParameterMap().get(name);
			return values == null ? null : values[0];
		}

		@Override
		public String[] getParameterValues(String name) {
			var values = getParameterMap().get(name);
			return values == null ? null : values.clone();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(getParameterMap().keySet());
		}

		private static Map<String, String[]> parse(String query) {
			var parameters = new LinkedHashMap<String, String[]>();
			QueryStrings.parse(query, text -> new InvalidRequestException(
					"query parameter '" + Printable.abbreviate(text, 100) + "' is not valid URL encoding"))
				.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
			return parameters;
		}
	}
}
