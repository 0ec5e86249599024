package io.runledger.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
			"0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255", "224.0.0.1", "255.255.255.255", "240.0.0.1",
			"192.0.0.8", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1",
			"::ffff:10.0.0.1", "ff02::1" })
	void private_loopback_link_local_and_reserved_addresses_are_not_public(String address) throws UnknownHostException {
		assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1",
			"2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8" })
	void ordinary_internet_addresses_are_public(String address) throws UnknownHostException {
		assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).isTrue();
	}
}
