package io.runledger.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Invitations;
import io.runledger.tenancy.Member;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Organisations;
import io.runledger.tenancy.Slug;

/**
 * Accepts the identity provider's access tokens as API credentials. A token says who the person is (verified
 * email); our database says which organisations they belong to and with which role — a token never grants
 * membership by itself, so removing a member locks them out even while their token is unexpired.
 */
@Component
public class BearerTokens {

	private final JwtDecoder decoder;

	private final Organisations organisations;

	private final Members members;

	private final Invitations invitations;

	private final SingleSignOn singleSignOn;

	BearerTokens(SsoProperties sso, Organisations organisations, Members members, Invitations invitations,
			SingleSignOn singleSignOn, Clock clock) {
		var nimbus = NimbusJwtDecoder.withJwkSetUri(sso.jwkSetUri()).build();
		nimbus.setJwtValidator(AccessTokenValidation.validator(sso, clock));
		this.decoder = nimbus;
		this.organisations = organisations;
		this.members = members;
		this.invitations = invitations;
		this.singleSignOn = singleSignOn;
	}

	/** Whether a presented bearer value is a JWT rather than one of our API keys. */
	public static boolean looksLikeJwt(String presented) {
		return presented.chars().filter(c -> c == '.').count() == 2 && !presented.startsWith("rl_");
	}

	/**
	 * The identity provider's signing keys could not be fetched, so the token can be judged neither good nor bad: the
	 * caller should retry, not discard the token.
	 */
	public static final class Unavailable extends RuntimeException {

		Unavailable() {
			super("the identity provider (Keycloak) cannot be reached to check the token's signature; retry shortly, "
					+ "or use an API key");
		}
	}

	private static boolean keysUnreachable(JwtException e) {
		for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof com.nimbusds.jose.KeySourceException || cause instanceof java.io.IOException) {
				return true;
			}
		}
		return false;
	}

	/** A token that fails validation, or whose holder is no member of the chosen organisation. */
	public static final class Rejected extends RuntimeException {

		Rejected(String message) {
			super(message);
		}
	}

	/**
	 * @param organisation the slug the caller chose (header), or null to use the token's organization claim or the
	 * person's only membership
	 * @throws Rejected when the token is invalid or the person is not a member
	 * @throws Unavailable when the identity provider's keys cannot be fetched to check the token
	 * @throws InvalidRequestException when the organisation is ambiguous
	 */
	public CallerIdentity authenticate(String token, String organisation) {
		var jwt = decode(token);
		return callerFor(person(jwt), claimedOrganisations(jwt.getClaims()), organisation, "sso:" + jwt.getSubject());
	}

	/**
	 * The caller a signed-in person is in the chosen organisation (header), the one their identity claims names, or
	 * their only organisation; joining through an open invitation or the organisation's own IdP on first use.
	 */
	public CallerIdentity callerFor(Person person, List<String> claimed, String organisation, String credentialId) {
		var orgId = chooseOrganisation(claimed, person.email(), organisation);
		var member = members.findByEmail(orgId, person.email())
			.or(() -> join(orgId, person, claimed))
			.orElseThrow(() -> new Rejected("the token's holder is not a member of this organisation"));
		return new CallerIdentity(orgId, Actor.user(member.userId()), member.role(), credentialId);
	}

	/** The person a token vouches for, whatever their memberships (for signing up). */
	public Person person(String token) {
		return person(decode(token));
	}

	/**
	 * First sign-in: an open invitation, or a login through one of the organisation's own identity providers (the
	 * token names the organisation and the email's domain is routed to it), makes the person a member.
	 */
	private Optional<Member> join(OrgId orgId, Person person, List<String> claimedOrganisations) {
		var invited = invitations.accept(orgId, person.asNewMember());
		if (invited.isPresent()) {
			return invited;
		}
		var slug = organisations.get(orgId).slug().value();
		if (!claimedOrganisations.contains(slug)) {
			return Optional.empty();
		}
		return singleSignOn.justInTimeRole(orgId, person.email())
			.map(role -> members.add(orgId, person.asNewMember(), role, Actor.user(person.userId()), Role.OWNER));
	}

	private Jwt decode(String token) {
		try {
			return decoder.decode(token);
		}
		catch (JwtException e) {
			if (keysUnreachable(e)) {
				throw new Unavailable();
			}
			throw new Rejected("bearer token rejected: " + e.getMessage());
		}
	}

	private static Person person(Jwt jwt) {
		return person(jwt.getClaims());
	}

	/** The person that verified identity claims (of an access token or an OIDC login) describe. */
	public static Person person(java.util.Map<String, Object> claims) {
		var email = claims.get("email") instanceof String e ? e : null;
		if (email == null || !Boolean.TRUE.equals(claims.get("email_verified"))) {
			throw new Rejected("bearer token rejected: it carries no verified email");
		}
		var name = claims.get("name") instanceof String n && !n.isBlank() ? n : email;
		var issuer = claims.get("iss") == null ? "" : claims.get("iss").toString();
		return new Person(issuer, String.valueOf(claims.get("sub")), email, name);
	}

	private OrgId chooseOrganisation(List<String> claimed, String email, String requested) {
		if (requested != null) {
			return organisations.lookupIdBySlugAcrossTenants(new Slug(requested))
				.orElseThrow(() -> new Rejected("the token's holder is not a member of this organisation"));
		}
		if (claimed.size() == 1) {
			return organisations.lookupIdBySlugAcrossTenants(new Slug(claimed.getFirst()))
				.orElseThrow(() -> new Rejected("the token's organisation is not known here"));
		}
		var memberships = organisations.lookupIdsForEmailAcrossTenants(email);
		if (memberships.size() == 1) {
			return memberships.getFirst();
		}
		if (memberships.isEmpty()) {
			throw new Rejected("the token's holder is not a member of any organisation");
		}
		throw new InvalidRequestException("the token's holder belongs to " + memberships.size()
				+ " organisations; choose one with the X-Runledger-Organization header (its slug)");
	}

	/** Keycloak's organization claim is a list of aliases, or a map keyed by alias when details are requested. */
	public static List<String> claimedOrganisations(java.util.Map<String, Object> claims) {
		Object claim = claims.get("organization");
		if (claim instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		if (claim instanceof java.util.Map<?, ?> map) {
			return map.keySet().stream().map(String::valueOf).toList();
		}
		return Optional.ofNullable(claim).map(c -> List.of(String.valueOf(c))).orElse(List.of());
	}
}
