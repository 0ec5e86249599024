package io.runledger.api.http;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's per-connection socket buffers, 64 KiB instead of 8 KiB. Tomcat moves request and response bodies in
 * slices of these buffers, one system call each; artifact uploads and downloads stream hundreds of megabytes, and at
 * 8 KiB the app made 32,000 reads and 32,000 writes per 256 MiB. The cost is memory per open connection (measured:
 * 65 KiB instead of 29 KiB of heap each), which is why {@code server.tomcat.max-connections} is lowered to 4,096:
 * a flood of idle connections can pin no more heap than the defaults allowed before.
 */
@Configuration(proxyBeanMethods = false)
class SocketBuffers {

	@Bean
	TomcatConnectorCustomizer largeSocketBuffers(@Value("${runledger.http.socket-write-buffer:65536}") int write,
			@Value("${runledger.http.socket-read-buffer:65536}") int read) {
		return connector -> {
			connector.setProperty("socket.appWriteBufSize", Integer.toString(write));
			connector.setProperty("socket.appReadBufSize", Integer.toString(read));
		};
	}
}
