package io.runledger.api.http;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.auth.SignedInPerson;
import io.runledger.tenancy.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Enforces the permission each endpoint declares with {@link Requires}. Endpoints of our own API that declare none
 * are refused: forgetting the declaration must not open an endpoint. The check depends only on the caller's role,
 * never on the target, so it cannot reveal whether another tenant's id exists.
 */
@Component
class PermissionInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method) || !isOurs(method)) {
			return true;
		}
		if (method.hasMethodAnnotation(SignedInPerson.class)) {
			if (!(SecurityContextHolder.getContext().getAuthentication() instanceof PersonAuthentication)) {
				throw new ForbiddenException("this endpoint needs a single sign-on access token (Bearer)");
			}
			return true;
		}
		if (method.hasMethodAnnotation(VerifiedBySignature.class)
				&& VerifiedBySignature.STRIPE_WEBHOOK.equals(request.getRequestURI())) {
			return true;
		}
		if (method.hasMethodAnnotation(ShareLinkAccess.class)) {
			// The token is the authority; outside the public prefix the annotation grants nothing.
			if (!request.getRequestURI().startsWith(ShareLinkAccess.PREFIX)) {
				throw new ForbiddenException("share-link endpoints exist only under " + ShareLinkAccess.PREFIX);
			}
			return true;
		}
		var required = method.getMethodAnnotation(Requires.class);
		if (required == null) {
			throw new ForbiddenException("endpoint declares no permission and is therefore closed");
		}
		var caller = Callers.current()
			.orElseThrow(() -> new ForbiddenException("this endpoint needs an authenticated caller"));
		Permission permission = required.value();
		if (!caller.may(permission)) {
			throw new ForbiddenException("this action (" + permission + ") needs role " + permission.minimumRole()
					+ " or higher; the caller has " + caller.role());
		}
		return true;
	}

	private static boolean isOurs(HandlerMethod method) {
		return method.getBeanType().getPackageName().startsWith("io.runledger.api");
	}
}
