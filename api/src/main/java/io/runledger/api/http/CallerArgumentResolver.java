package io.runledger.api.http;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Person;
import io.runledger.tenancy.ForbiddenException;

/** Lets controllers take the {@link CallerIdentity} as a parameter. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CallerIdentity.class || parameter.getParameterType() == Person.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binderFactory) {
		if (parameter.getParameterType() == Person.class) {
			if (SecurityContextHolder.getContext().getAuthentication() instanceof PersonAuthentication person) {
				return person.getPrincipal();
			}
			throw new ForbiddenException("this endpoint needs a single sign-on access token (Bearer)");
		}
		return Callers.current().orElseThrow(() -> new ForbiddenException("this endpoint needs an authenticated caller"));
	}
}
