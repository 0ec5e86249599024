package io.runledger.api.mlflow;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Lets MLflow handlers take an {@link MlflowRequest}. It is resolved after the permission check, so a refused caller's
 * body is never read; parse errors reach {@link MlflowErrorHandling} like any other error of an MLflow handler.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MlflowProperties.class)
class MlflowWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == MlflowRequest.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
					NativeWebRequest request, WebDataBinderFactory binderFactory) {
				return MlflowRequest.read(request.getNativeRequest(HttpServletRequest.class));
			}
		});
	}
}
