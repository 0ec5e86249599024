package io.runledger.metering;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.InvalidRequestException;

/**
 * Where budget webhooks may go. A webhook URL is a request our servers make on a customer's behalf, so it must
 * never reach our own network (SSRF): only https, no credentials in the URL, and every address the host resolves to
 * must be public — not loopback, private, link-local (cloud metadata lives there), carrier-grade NAT, multicast or
 * unspecified. Checked when the budget is saved and again before each delivery (DNS can change); redirects are
 * never followed. Only development may allow private targets ({@code runledger.metering.webhooks-allow-private-targets}).
 */
@Component
class WebhookTargets {

	static final int MAX_URL_LENGTH = 2048;

	private final boolean allowPrivate;

	WebhookTargets(MeteringProperties properties) {
		this.allowPrivate = properties.webhooksAllowPrivateTargets();
	}

	/** The URL, checked; throws {@link InvalidRequestException} naming what is wrong. */
	URI check(String url) {
		if (url.length() > MAX_URL_LENGTH) {
			throw new InvalidRequestException("webhookUrl is longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException e) {
			throw new InvalidRequestException("webhookUrl is not a valid URL: " + e.getReason());
		}
		var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
			throw new InvalidRequestException("webhookUrl must be an https:// URL");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidRequestException("webhookUrl must not carry credentials");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new InvalidRequestException("webhookUrl must name a host");
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidRequestException("webhookUrl must not have a fragment");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException e) {
			throw new InvalidRequestException("webhookUrl host " + uri.getHost() + " does not resolve");
		}
		if (!allowPrivate) {
			for (var address : addresses) {
				if (!isPublic(address)) {
					throw new InvalidRequestException("webhookUrl host " + uri.getHost() + " resolves to "
							+ address.getHostAddress() + ", a private, loopback or link-local address; webhooks go "
							+ "to public addresses only");
				}
			}
		}
		return uri;
	}

	static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first != 0 // "this network"
					&& !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
					&& !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
					&& !(first == 198 && (second == 18 || second == 19)) // benchmarking
					&& first < 240; // reserved and broadcast
		}
		if (address instanceof Inet6Address) {
			int first = b[0] & 0xff;
			if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
				return false;
			}
			boolean v4Mapped = true;
			for (int i = 0; i < 10; i++) {
				v4Mapped &= b[i] == 0;
			}
			if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
				try {
					return isPublic(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
				}
				catch (UnknownHostException e) {
					return false;
				}
			}
		}
		return true;
	}
}
