package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.runledger.api.IntegrationTest;

@IntegrationTest
class SocketBuffersTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void the_connector_moves_bodies_in_64_kib_slices_and_caps_connections_to_keep_their_heap_bounded() {
		var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
		var protocol = ((Http11NioProtocol) connector.getProtocolHandler());

		assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo("65536");
		assertThat(connector.getProperty("socket.appReadBufSize")).isEqualTo("65536");
		assertThat(protocol.getMaxConnections()).isEqualTo(4096);
	}
}
