package io.runledger.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the demo logins go, and the URL written beside them. */
@ConfigurationProperties("runledger.demo")
record DemoProperties(boolean enabled, String devFile, String baseUrl) {

	DemoProperties {
		devFile = devFile == null ? ".runledger/dev.json" : devFile;
		baseUrl = baseUrl == null ? "http://127.0.0.1:8080" : baseUrl;
	}
}
