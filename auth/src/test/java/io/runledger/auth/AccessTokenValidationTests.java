package io.runledger.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Each way a token can be wrong is refused; only a current access token of our issuer and audience passes. */
class AccessTokenValidationTests {

	static final String ISSUER = "http://127.0.0.1:8180/realms/runledger";

	static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	final SsoProperties sso = new SsoProperties(ISSUER, "runledger-api", null, null, null);

	final RSAPublicKey publicKey;

	final RSAPrivateKey privateKey;

	final RSAPrivateKey otherKey;

	final NimbusJwtDecoder decoder;

	AccessTokenValidationTests() throws Exception {
		var generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var pair = generator.generateKeyPair();
		publicKey = (RSAPublicKey) pair.getPublic();
		privateKey = (RSAPrivateKey) pair.getPrivate();
		otherKey = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
		decoder = NimbusJwtDecoder.withPublicKey(publicKey).build();
		decoder.setJwtValidator(AccessTokenValidation.validator(sso, Clock.fixed(NOW, ZoneOffset.UTC)));
	}

	JWTClaimsSet.Builder valid() {
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(List.of("runledger-api"))
			.subject("user-1")
			.claim("typ", "Bearer")
			.claim("email", "alice@acme.test")
			.claim("email_verified", true)
			.issueTime(Date.from(NOW.minusSeconds(60)))
			.expirationTime(Date.from(NOW.plusSeconds(240)));
	}

	String sign(JWTClaimsSet claims, RSAPrivateKey key) throws Exception {
		var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	@Test
	void a_current_access_token_of_our_issuer_and_audience_is_accepted() throws Exception {
		var jwt = decoder.decode(sign(valid().build(), privateKey));

		assertThat(jwt.getClaimAsString("email")).isEqualTo("alice@acme.test");
	}

	@Test
	void an_expired_token_is_refused() throws Exception {
		var token = sign(valid().expirationTime(Date.from(NOW.minusSeconds(31))).build(), privateKey);

		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
	}

	@Test
	void a_token_of_another_issuer_is_refused() throws Exception {
		var token = sign(valid().issuer("http://127.0.0.1:8180/realms/evil").build(), privateKey);

		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("iss");
	}

	@Test
	void a_token_for_another_audience_is_refused() throws Exception {
		var token = sign(valid().audience(List.of("account")).build(), privateKey);

		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("aud");
	}

	@Test
	void an_id_token_used_as_bearer_is_refused() throws Exception {
		var token = sign(valid().claim("typ", "ID").build(), privateKey);

		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("typ");
	}

	@Test
	void a_token_signed_with_another_key_is_refused() throws Exception {
		var token = sign(valid().build(), otherKey);

		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
	}

	@Test
	void an_unsigned_token_with_alg_none_is_refused() throws Exception {
		var encoder = Base64.getUrlEncoder().withoutPadding();
		var header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
		var payload = encoder.encodeToString(valid().build().toString().getBytes());
		var token = header + "." + payload + ".";

		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
	}

	@Test
	void jwts_and_api_keys_are_told_apart_by_shape() {
		assertThat(BearerTokens.looksLikeJwt("a.b.c")).isTrue();
		assertThat(BearerTokens.looksLikeJwt("rl_abcdefghijkl_abcdefghijklmnopqrstuvwxyzABCDEF")).isFalse();
	}
}
