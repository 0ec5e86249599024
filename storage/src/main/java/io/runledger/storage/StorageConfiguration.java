package io.runledger.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	/** Health contributor named {@code objectStore}; part of readiness. */
	@Bean
	HealthIndicator objectStoreHealthIndicator(ObjectStore store) {
		return new AbstractHealthIndicator("object store check failed") {
			@Override
			protected void doHealthCheck(Health.Builder builder) {
				store.ensureReady();
				builder.up().withDetail("bucket", store.bucket());
			}
		};
	}
}
