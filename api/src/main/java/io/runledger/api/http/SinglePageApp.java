package io.runledger.api.http;

import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.accept;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The web UI's client-side routes. A full page load of {@code /reports/{id}} or {@code /shared/{token}} must answer
 * the single-page app's {@code index.html} (served as a static resource from {@code spring.web.resources
 * .static-locations}), which then reads the data through {@code /api/**} with the caller's own credential.
 *
 * <p>
 * A router function rather than a controller: it is not a handler method of our API (it reads no data and needs no
 * permission, so {@link PermissionInterceptor} and {@code AccessControlTests} have nothing to check), and it matches
 * only GETs of exactly these two one-segment paths from a browser asking for HTML, so it cannot shadow an API route.
 */
@Configuration(proxyBeanMethods = false)
class SinglePageApp {

	static final String INDEX = "forward:/index.html";

	/**
	 * Defence in depth for pages that show user-written report text to anyone with a link: the bundle's own scripts
	 * only, data only from this origin, and no framing. (The UI renders no HTML from report content anyway.)
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	@Bean
	RouterFunction<ServerResponse> singlePageAppRoutes() {
		return RouterFunctions.route()
			.route(GET("/reports/{reportId}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			// The page's URL holds the share token: keep it out of Referer headers, caches and search indexes.
			.route(GET("/shared/{token}").and(accept(MediaType.TEXT_HTML)), request -> page(true))
			.build();
	}

	private static ServerResponse page(boolean shared) {
		var response = ServerResponse.ok()
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		if (shared) {
			response.cacheControl(CacheControl.noStore())
				.header("Referrer-Policy", "no-referrer")
				.header("X-Robots-Tag", "noindex");
		}
		return response.render(INDEX);
	}
}
