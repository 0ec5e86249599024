package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class SharePagesTest {

	@Test
	void a_configured_public_base_url_makes_the_page_address_with_or_without_a_trailing_slash() {
		var pages = new SharePages(new ReportsProperties(URI.create("https://runledger.example.com/app/")));

		assertThat(pages.pageOf("rls_abc")).hasToString("https://runledger.example.com/app/shared/rls_abc");
		assertThat(SharePages.pageOf("https://runledger.example.com", "rls_abc"))
			.hasToString("https://runledger.example.com/shared/rls_abc");
	}

	@Test
	void a_public_base_url_that_is_not_an_absolute_http_url_is_refused_at_startup() {
		assertThatThrownBy(() -> new ReportsProperties(URI.create("runledger.example.com")))
			.hasMessageContaining("runledger.reports.public-base-url");
		assertThatThrownBy(() -> new ReportsProperties(URI.create("ftp://runledger.example.com")))
			.hasMessageContaining("absolute http(s) URL");
	}
}
