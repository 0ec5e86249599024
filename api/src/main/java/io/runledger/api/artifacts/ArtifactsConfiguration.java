package io.runledger.api.artifacts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArtifactsProperties.class)
class ArtifactsConfiguration {
}
