package io.runledger.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Integration tests run against the real PostgreSQL, Redis and S3 that {@code infra/local/services.sh up} starts
 * (or that {@code make test} starts for them). If one is missing the suite fails here, loudly, instead of skipping.
 */
public class RealServices implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		require("PostgreSQL", port("RUNLEDGER_PG_PORT", 5432));
		require("Redis", port("RUNLEDGER_REDIS_PORT", 16379));
		require("S3 (S3Proxy)", port("RUNLEDGER_S3_PORT", 19000));
	}

	static int port(String variable, int fallback) {
		var value = System.getenv(variable);
		return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
	}

	static void require(String service, int port) {
		try (var socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
		}
		catch (IOException e) {
			throw new IllegalStateException(service + " is not reachable on 127.0.0.1:" + port
					+ ". Start the local services with 'infra/local/services.sh up' (make test does this).", e);
		}
	}
}
