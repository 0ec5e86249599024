package io.runledger.api.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletResponse;

/** Streams an opened object to an HTTP response: headers first (the object is already open), then the bytes. */
public final class Downloads {

	public static final String SHA256_HEADER = "X-Content-SHA256";

	/**
	 * Copies whatever has arrived (read, not readNBytes) so reading from the store and writing to the client overlap;
	 * the response buffer of the same size keeps socket writes large.
	 */
	private static final int BUFFER = 256 * 1024;

	private Downloads() {
	}

	public static void send(HttpServletResponse response, long size, String sha256, String fileName, InputStream body) {
		response.setBufferSize(BUFFER);
		response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(size);
		response.setHeader(SHA256_HEADER, sha256);
		response.setHeader(HttpHeaders.ETAG, "\"" + sha256 + "\"");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
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
