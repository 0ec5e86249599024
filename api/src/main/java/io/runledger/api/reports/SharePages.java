package io.runledger.api.reports;

import java.net.URI;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address a person opens for a share link: the web UI's page {@code /shared/<token>}, absolute, so it can be
 * pasted into a chat as it is. The API path alone ({@code /api/v1/shared/reports/<token>}) is JSON for the page's
 * own calls, not something to send a person.
 */
@Component
class SharePages {

	static final String PAGE = "/shared/";

	private final URI configuredBase;

	SharePages(ReportsProperties properties) {
		this.configuredBase = properties.publicBaseUrl();
	}

	/** Within a request: without a configured base, the one the caller reached us at. */
	URI pageOf(String token) {
		return pageOf(configuredBase != null ? configuredBase.toString()
				: ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(), token);
	}

	static URI pageOf(String base, String token) {
		var trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		return URI.create(trimmed + PAGE + token);
	}
}
