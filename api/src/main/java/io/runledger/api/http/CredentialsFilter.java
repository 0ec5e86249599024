package io.runledger.api.http;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import io.runledger.api.http.FailedAuthentications.Culprit;
import io.runledger.auth.ApiKeys;
import io.runledger.auth.BearerTokens;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Person;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates the request's one credential (an API key, or an access token of our identity provider) and, for the
 * rest of the request, scopes the thread to the caller's organisation. A request without a credential continues anonymously; security rules then decide.
 */
class CredentialsFilter extends OncePerRequestFilter {

	/** Which organisation a person who belongs to several acts in, by slug (SSO tokens only). */
	static final String ORGANISATION_HEADER = "X-Runledger-Organization";

	static final String SIGN_UP = "/api/v1/signup";

	/** Which organisations a person belongs to: asked before one is chosen (the web UI's switcher). */
	static final String MY_ORGANISATIONS = "/api/v1/me/organisations";

	/** The {@code @SignedInPerson} routes: the credential only has to name a verified person, not a membership. */
	private static final java.util.Set<String> PERSON_ROUTES = java.util.Set.of(SIGN_UP, MY_ORGANISATIONS);

	private final ApiKeys apiKeys;

	private final BearerTokens bearerTokens;

	private final FailedAuthentications failures;

	private final ManagementAccess management;

	CredentialsFilter(ApiKeys apiKeys, BearerTokens bearerTokens, FailedAuthentications failures,
			ManagementAccess management) {
		this.apiKeys = apiKeys;
		this.bearerTokens = bearerTokens;
		this.failures = failures;
		this.management = management;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (ApiPaths.isShareLinkRead(request)) {
			// A share link is read as its token alone. Whatever else comes with it (a key or token of any
			// organisation, a signed-in browser's session, even a malformed header) must not turn the read into a
			// member request bound to the caller's organisation while the link opens another's.
			chain.doFilter(request, response);
			return;
		}
		var session = SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken login
				? login : null;
		PresentedCredential credential;
		try {
			var presented = PresentedCredential.from(request);
			if (presented.isPresent() && session != null) {
				reject(request, response, HttpStatus.BAD_REQUEST,
						"request carries a signed-in session and another credential; send exactly one", null);
				return;
			}
			if (presented.isEmpty()) {
				if (session != null && ApiPaths.isApi(request)) {
					continueWithSession(request, response, chain, session);
				}
				else {
					chain.doFilter(request, response);
				}
				return;
			}
			credential = presented.get();
		}
		catch (PresentedCredential.RejectedCredential e) {
			reject(request, response, e.badRequest() ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED, e.getMessage(),
					Culprit.address(request.getRemoteAddr()));
			return;
		}
		if (request.getRequestURI().startsWith("/actuator/") && management.grants(credential.secret())) {
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new ManagementAccess.Operator());
			SecurityContextHolder.setContext(context);
			try {
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
			return;
		}
		if (PERSON_ROUTES.contains(request.getRequestURI()) && BearerTokens.looksLikeJwt(credential.secret())) {
			authenticatePerson(request, response, chain, () -> bearerTokens.person(credential.secret()));
			return;
		}
		Optional<CallerIdentity> caller;
		if (BearerTokens.looksLikeJwt(credential.secret())) {
			try {
				caller = Optional.of(bearerTokens.authenticate(credential.secret(),
						request.getHeader(ORGANISATION_HEADER)));
			}
			catch (BearerTokens.Rejected e) {
				reject(request, response, HttpStatus.UNAUTHORIZED, e.getMessage(), Culprit.token(credential.secret()));
				return;
			}
			catch (BearerTokens.Unavailable e) {
				// Not the caller's fault, so not a failed authentication: they should retry with the same token.
				response.setHeader("Retry-After", "30");
				Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
				return;
			}
			catch (InvalidRequestException e) {
				reject(request, response, HttpStatus.BAD_REQUEST, e.getMessage(), null);
				return;
			}
		}
		else {
			caller = apiKeys.authenticateAcrossTenants(credential.secret());
		}
		if (caller.isEmpty()) {
			// A key-shaped secret is charged to its prefix (one key's failures throttle that key's failures only);
			// anything else names nobody, so its client address pays.
			reject(request, response, HttpStatus.UNAUTHORIZED, "API key is unknown, expired or revoked",
					ApiKeys.prefixOf(credential.secret())
						.map(Culprit::apiKey)
						.orElseGet(() -> Culprit.address(request.getRemoteAddr())));
			return;
		}
		continueAs(caller.get(), request, response, chain);
	}

	/**
	 * A browser signed in through Keycloak: the session holds the person; which organisation and role they act with
	 * is resolved afresh on every request from our database, so a removed member's session stops working at once.
	 */
	private void continueWithSession(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			OAuth2AuthenticationToken login) throws IOException, ServletException {
		var claims = login.getPrincipal().getAttributes();
		if (PERSON_ROUTES.contains(request.getRequestURI())) {
			authenticatePerson(request, response, chain, () -> BearerTokens.person(claims));
			return;
		}
		CallerIdentity caller;
		try {
			caller = bearerTokens.callerFor(BearerTokens.person(claims), BearerTokens.claimedOrganisations(claims),
					request.getHeader(ORGANISATION_HEADER), "session:" + login.getName());
		}
		catch (BearerTokens.Rejected e) {
			reject(request, response, HttpStatus.UNAUTHORIZED, e.getMessage(), Culprit.person(login.getName()));
			return;
		}
		catch (InvalidRequestException e) {
			reject(request, response, HttpStatus.BAD_REQUEST, e.getMessage(), null);
			return;
		}
		var sessionContext = SecurityContextHolder.getContext();
		try {
			continueAs(caller, request, response, chain);
		}
		finally {
			// The session keeps the login, not the per-request caller.
			SecurityContextHolder.setContext(sessionContext);
		}
	}

	private void continueAs(CallerIdentity caller, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new CallerAuthentication(caller));
		SecurityContextHolder.setContext(context);
		try {
			TenantContext.callAs(caller.orgId(), () -> {
				try {
					chain.doFilter(request, response);
				}
				catch (IOException | ServletException e) {
					throw new FilterFailure(e);
				}
				return null;
			});
		}
		catch (FilterFailure e) {
			if (e.getCause() instanceof IOException io) {
				throw io;
			}
			throw (ServletException) e.getCause();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** Signing up, or listing memberships, happens before any organisation is chosen: a verified person suffices. */
	private void authenticatePerson(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			java.util.function.Supplier<Person> person) throws IOException, ServletException {
		var previous = SecurityContextHolder.getContext();
		try {
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new PersonAuthentication(person.get()));
			SecurityContextHolder.setContext(context);
		}
		catch (BearerTokens.Rejected e) {
			reject(request, response, HttpStatus.UNAUTHORIZED, e.getMessage(), Culprit.address(request.getRemoteAddr()));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	/**
	 * Answers a refused credential; a 401 is counted against its culprit, and once the culprit is over its limit the
	 * answer is 429 with {@code Retry-After} instead. Health probes are answered 401 at worst: a throttled client must
	 * not make the instance look dead.
	 */
	private void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
			Culprit culprit) throws IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			long blocked = ApiPaths.isHealthProbe(request) ? 0 : failures.record(culprit);
			if (blocked > 0) {
				response.setHeader("Retry-After", Long.toString(blocked));
				Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
						"too many failed authentications with this credential (or, for credentials that name nobody, "
								+ "from this address): " + detail + "; retry after " + blocked + " s");
				return;
			}
			response.setHeader("WWW-Authenticate", "Bearer realm=\"runledger\"");
		}
		Problems.write(request, response, status, detail);
	}

	private static final class FilterFailure extends RuntimeException {
		FilterFailure(Exception cause) {
			super(cause);
		}
	}
}
