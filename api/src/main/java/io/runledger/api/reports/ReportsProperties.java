package io.runledger.api.reports;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reports' settings ({@code runledger.reports.*}).
 * @param publicBaseUrl where people reach the web UI, e.g. {@code https://runledger.example.com}; share links are
 * handed out as {@code <publicBaseUrl>/shared/<token>}. Unset: the scheme, host and port the creating request came to.
 */
@ConfigurationProperties("runledger.reports")
record ReportsProperties(URI publicBaseUrl) {

	ReportsProperties {
		if (publicBaseUrl != null && (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null
				|| !(publicBaseUrl.getScheme().equals("https") || publicBaseUrl.getScheme().equals("http")))) {
			throw new IllegalArgumentException(
					"runledger.reports.public-base-url must be an absolute http(s) URL, got " + publicBaseUrl);
		}
	}
}
