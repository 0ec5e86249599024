package io.runledger.api.http;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final PermissionInterceptor permissions;

	WebConfiguration(PermissionInterceptor permissions) {
		this.permissions = permissions;
	}

	/**
	 * After Spring Security's filters (order -100): the caller, and so the organisation owning the key, is known, and
	 * a request refused for its credential or rate never claims a key.
	 */
	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
			IdempotencyKeys keys) {
		var registration = new FilterRegistrationBean<>(new IdempotencyFilter(mappings, keys));
		registration.addUrlPatterns("/api/v1/*");
		registration.setOrder(0);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(permissions);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver());
	}
}
