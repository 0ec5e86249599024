package io.runledger.api.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.runledger.api.http.MlflowErrors;
import io.runledger.storage.ObjectKey;
import io.runledger.storage.ObjectStore;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How every download route answers for one stored file, decided in one place: a file larger than
 * {@code runledger.artifacts.redirect-threshold} answers {@code 307} to a short-lived presigned URL of the object store
 * (the bytes then cost the application neither CPU nor egress); smaller files, {@code ?proxy=true}, and clients known
 * to send their {@code Authorization} header on to the redirect's target are streamed through the application. HEAD is
 * answered from the file's metadata without touching the store (a presigned GET cannot answer a HEAD), and a single
 * byte range is served as {@code 206} on the streamed path (the store serves ranges itself on the redirected one).
 */
@Component
public class Downloads {

	public static final String SHA256_HEADER = "X-Content-SHA256";

	/** The query parameter that asks for the bytes through the application even when a redirect would be chosen. */
	public static final String PROXY_PARAMETER = "proxy";

	/**
	 * Copies whatever has arrived (read, not readNBytes) so reading from the store and writing to the client overlap;
	 * the response buffer of the same size keeps socket writes large.
	 */
	private static final int BUFFER = 256 * 1024;

	private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

	/** One stored file as the answer presents it: its size, checksum, the name a browser saves it under, its object. */
	public record File(long size, String sha256, String fileName, ObjectKey key) {
	}

	private final ObjectStore store;

	private final ArtifactsProperties properties;

	private final Clock clock;

	Downloads(ObjectStore store, ArtifactsProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** Answers a download of {@code file} for a caller of the API (the presigned URL lives the configured expiry). */
	public void send(HttpServletRequest request, HttpServletResponse response, File file) {
		send(request, response, file, null);
	}

	/**
	 * Answers a download of {@code file}; a redirect's presigned URL expires no later than {@code validUntil} (a share
	 * link's expiry; null: no limit beyond the configured expiry). Whatever headers the caller set on the response
	 * stay on every answer, the redirect included, and its {@code Cache-Control} is signed into the URL so the store
	 * answers with it too.
	 */
	public void send(HttpServletRequest request, HttpServletResponse response, File file, Instant validUntil) {
		boolean proxy = proxyAskedFor(request);
		if ("HEAD".equals(request.getMethod())) {
			describe(response, file);
			response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
			response.setContentLengthLong(file.size());
			return;
		}
		if (!proxy && redirects(request, file)) {
			var url = store.presignGet(file.key(), expiry(validUntil), disposition(file),
					response.getHeader(HttpHeaders.CACHE_CONTROL));
			response.setStatus(HttpStatus.TEMPORARY_REDIRECT.value());
			response.setHeader(HttpHeaders.LOCATION, url.toString());
			response.setHeader(SHA256_HEADER, file.sha256());
			response.setContentLengthLong(0);
			return;
		}
		var range = range(request, file);
		if (range != null && range.length == 0) {
			unsatisfiable(request, response, file);
			return;
		}
		// The object is opened before any header is set: a missing object or an outage answers an error, not a file.
		var body = range == null ? store.get(file.key()) : store.get(file.key(), range[0], range[1]);
		describe(response, file);
		if (range == null) {
			stream(response, HttpStatus.OK, file.size(), body);
		}
		else {
			response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + file.size());
			stream(response, HttpStatus.PARTIAL_CONTENT, range[1] - range[0] + 1, body);
		}
	}

	private static void describe(HttpServletResponse response, File file) {
		response.setHeader(SHA256_HEADER, file.sha256());
		response.setHeader(HttpHeaders.ETAG, "\"" + file.sha256() + "\"");
		response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(file));
	}

	private static String disposition(File file) {
		return ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString();
	}

	/** {@code ?proxy=true}; checked on every request, so a wrong value is refused whatever the file's size. */
	private static boolean proxyAskedFor(HttpServletRequest request) {
		var proxy = request.getParameter(PROXY_PARAMETER);
		if (proxy == null || proxy.equalsIgnoreCase("false")) {
			return false;
		}
		if (proxy.equalsIgnoreCase("true")) {
			return true;
		}
		throw new InvalidRequestException("proxy must be true or false, got '" + Printable.abbreviate(proxy) + "'");
	}

	/** Whether this request (not asking for the bytes through us) is answered with a redirect to the store. */
	private boolean redirects(HttpServletRequest request, File file) {
		if (file.size() <= properties.redirectThreshold().toBytes()) {
			return false;
		}
		var agent = request.getHeader(HttpHeaders.USER_AGENT);
		if (agent != null) {
			var lower = agent.toLowerCase(Locale.ROOT);
			for (var resending : properties.proxiedUserAgents()) {
				if (lower.contains(resending.toLowerCase(Locale.ROOT))) {
					// It would send our credential on to the store: S3 refuses a request with two authentications,
					// and the credential has no business leaving us.
					return false;
				}
			}
		}
		return true;
	}

	/** The configured expiry, cut to what is left of {@code validUntil}; at least one second (S3's minimum). */
	private Duration expiry(Instant validUntil) {
		var expiry = properties.redirectExpiry();
		if (validUntil != null) {
			var left = Duration.between(clock.instant(), validUntil);
			// Rounded up to whole seconds (what a presigned URL counts in), so the URL never lives shorter than asked.
			var seconds = Duration.ofSeconds(Math.max(1, (left.toMillis() + 999) / 1000));
			expiry = seconds.compareTo(expiry) < 0 ? seconds : expiry;
		}
		return expiry;
	}

	/**
	 * The one byte range asked for, as {first, last}; an empty array when it lies beyond the file; null to answer the
	 * whole file: no Range, one that is not a single byte range (which HTTP allows a server to ignore), or an
	 * {@code If-Range} naming another version of the file.
	 */
	private static long[] range(HttpServletRequest request, File file) {
		var header = request.getHeader(HttpHeaders.RANGE);
		if (header == null) {
			return null;
		}
		var ifRange = request.getHeader(HttpHeaders.IF_RANGE);
		if (ifRange != null && !ifRange.equals("\"" + file.sha256() + "\"")) {
			return null;
		}
		var matcher = SINGLE_RANGE.matcher(header.strip());
		if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
			return null;
		}
		try {
			long size = file.size();
			if (matcher.group(1).isEmpty()) {
				long suffix = Long.parseLong(matcher.group(2));
				return suffix == 0 || size == 0 ? new long[0] : new long[] { Math.max(0, size - suffix), size - 1 };
			}
			long first = Long.parseLong(matcher.group(1));
			long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(matcher.group(2)));
			if (last < first) {
				return first >= size ? new long[0] : null;
			}
			return new long[] { first, last };
		}
		catch (NumberFormatException e) {
			// digits beyond a long: no file is that large
			return new long[0];
		}
	}

	/** 416 with the file's size, in the error format of the API the request addressed. */
	private static void unsatisfiable(HttpServletRequest request, HttpServletResponse response, File file) {
		response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size());
		var message = "the range '" + Printable.abbreviate(request.getHeader(HttpHeaders.RANGE)) + "' lies beyond the "
				+ file.size() + " bytes of the file";
		if (MlflowErrors.addresses(request)) {
			try {
				MlflowErrors.write(response, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, message);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return;
		}
		throw new ResponseStatusException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, message);
	}

	private static void stream(HttpServletResponse response, HttpStatus status, long length, InputStream body) {
		response.setStatus(status.value());
		response.setBufferSize(BUFFER);
		response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(length);
		try (var in = body; var out = response.getOutputStream()) {
			var buffer = new byte[BUFFER];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
