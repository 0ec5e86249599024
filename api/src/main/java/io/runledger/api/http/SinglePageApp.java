package io.runledger.api.http;

import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.accept;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The web UI's client-side routes. A full page load of {@code /}, {@code /projects/{id}}, {@code /runs/{id}},
 * {@code /reports/{id}}, {@code /usage}, {@code /budgets}, {@code /billing}, {@code /billing/invoices/{id}} or
 * {@code /shared/{token}} must answer the single-page app's {@code index.html} (served as a
 * static resource from {@code spring.web.resources.static-locations}), which then reads the data through
 * {@code /api/**} with the caller's own credential. The bundle's files under {@code /assets/} carry a content hash in
 * their names, so they are cached for a year; index.html is revalidated on every load, so a new build shows at once.
 *
 * <p>
 * A router function rather than a controller: it is not a handler method of our API (it reads no data and needs no
 * permission, so {@link PermissionInterceptor} and {@code AccessControlTests} have nothing to check), and it matches
 * only GETs of exactly these one-segment paths from a browser asking for HTML, so it cannot shadow an API route.
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
			.route(GET("/").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/projects/{projectId}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/runs/{runId}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/reports").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/reports/{reportId}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/usage").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/budgets").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/billing").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/billing/invoices/{invoiceId}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			// The page's URL holds the share token: keep it out of Referer headers, caches and search indexes.
			.route(GET("/shared/{token}").and(accept(MediaType.TEXT_HTML)), request -> page(true))
			// Organisation settings (/admin/members, /admin/audit-log, ...); the API checks the caller's role.
			.route(GET("/admin").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/admin/{section}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			// Getting started: a new organisation, its first steps, and an invitation's landing page.
			.route(GET("/organisations/new").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/welcome").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/join").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			// A project's artifacts, an artifact's page, and the organisation's MLflow model registry.
			.route(GET("/projects/{projectId}/artifacts").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/artifacts/{artifactId}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/models").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.route(GET("/models/{name}").and(accept(MediaType.TEXT_HTML)), request -> page(false))
			.build();
	}

	/** Vite names every bundle file after its content hash: a changed file is a new URL, so caching forever is safe. */
	@Bean
	WebMvcConfigurer hashedAssets(WebProperties web) {
		var locations = List.of(web.getResources().getStaticLocations()).stream()
			.map(location -> location.endsWith("/") ? location + "assets/" : location + "/assets/")
			.toArray(String[]::new);
		return new WebMvcConfigurer() {
			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler("/assets/**")
					.addResourceLocations(locations)
					.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
			}
		};
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
