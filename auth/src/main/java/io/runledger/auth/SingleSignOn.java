package io.runledger.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Organisation;
import io.runledger.tenancy.Organisations;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.Slug;
import io.runledger.tenancy.TenantTransactions;

/**
 * Organisations and their identity providers in Keycloak: sign-up, provisioning (idempotent, retryable) and
 * bring-your-own corporate IdP with domain routing. Our database records what was provisioned and stays the source
 * of truth for who belongs where.
 */
@Component
public class SingleSignOn {

	private static final Pattern DOMAIN = Pattern.compile("(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

	private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Organisations organisations;

	private final IdentityProvisioning keycloak;

	private final AuditLog audit;

	private final Clock clock;

	SingleSignOn(JdbcClient jdbc, TenantTransactions tx, Organisations organisations, IdentityProvisioning keycloak,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.organisations = organisations;
		this.keycloak = keycloak;
		this.audit = audit;
		this.clock = clock;
	}

	public record SignedUp(Organisation organisation, Optional<String> keycloakOrganisationId) {
	}

	/**
	 * Creates the organisation with the person as OWNER, then mirrors it into Keycloak. If Keycloak is down the
	 * organisation still exists; {@link #provision} can be retried later.
	 */
	public SignedUp signUp(Person person, Slug slug, String name) {
		var organisation = organisations.create(slug, name, person.asNewMember());
		try {
			var keycloakId = provision(organisation.id());
			keycloak.addMember(keycloakId, person.email());
			return new SignedUp(organisation, Optional.of(keycloakId));
		}
		catch (IdentityProvisioning.ProvisioningFailed e) {
			return new SignedUp(organisation, Optional.empty());
		}
	}

	/** Ensures the Keycloak organization exists and is recorded; safe to repeat. */
	public String provision(OrgId orgId) {
		var organisation = organisations.get(orgId);
		var keycloakId = keycloak.ensureOrganization(orgId, organisation.slug(), organisation.name());
		tx.writeVoid(orgId, () -> jdbc.sql("""
				insert into sso_organisations (org_id, keycloak_org_id, provisioned_at) values (?, ?, ?)
				on conflict (org_id) do update set keycloak_org_id = excluded.keycloak_org_id""")
			.params(orgId.value(), keycloakId, Timestamp.from(clock.instant()))
			.update());
		return keycloakId;
	}

	public Optional<String> keycloakOrganisation(OrgId orgId) {
		return tx.read(orgId, () -> jdbc.sql("select keycloak_org_id from sso_organisations where org_id = ?")
			.param(orgId.value())
			.query(String.class)
			.optional());
	}

	public record IdentityProvider(String alias, String keycloakAlias, String kind, List<String> domains,
			Role defaultRole, Instant createdAt) {
	}

	public enum Kind {
		OIDC, SAML
	}

	/**
	 * A corporate identity provider. OIDC uses issuer, authorizationUrl, tokenUrl, jwksUrl, clientId and clientSecret;
	 * SAML uses singleSignOnServiceUrl, idpEntityId and (recommended) signingCertificate.
	 */
	public record NewProvider(Kind kind, String alias, String issuer, String authorizationUrl, String tokenUrl,
			String jwksUrl, String clientId, String clientSecret, String singleSignOnServiceUrl, String idpEntityId,
			String signingCertificate, List<String> domains, Role defaultRole) {
	}

	/** Adds (or reconfigures) a corporate identity provider and routes the given email domains to it. */
	public IdentityProvider addProvider(OrgId orgId, NewProvider spec, Actor actor) {
		if (spec.alias() == null || !ALIAS.matcher(spec.alias()).matches()) {
			throw new InvalidRequestException("alias must be 1-40 lowercase letters, digits or dashes");
		}
		if (spec.domains() == null || spec.domains().isEmpty()) {
			throw new InvalidRequestException("domains must name at least one email domain");
		}
		var domains = spec.domains().stream().map(d -> d == null ? "" : d.toLowerCase(Locale.ROOT)).toList();
		for (var domain : domains) {
			if (!DOMAIN.matcher(domain).matches()) {
				throw new InvalidRequestException("'" + Printable.abbreviate(domain) + "' is not an email domain");
			}
		}
		var role = spec.defaultRole() == null ? Role.VIEWER : spec.defaultRole();
		if (role == Role.OWNER) {
			throw new InvalidRequestException("people joining through an identity provider cannot become OWNER");
		}
		var kind = spec.kind() == null ? Kind.OIDC : spec.kind();
		var config = kind == Kind.OIDC ? oidcConfig(spec) : samlConfig(spec);
		var organisation = organisations.get(orgId);
		// Keycloak aliases are realm-wide; prefixing with the slug keeps tenants from colliding or hijacking.
		var keycloakAlias = organisation.slug().value() + "-" + spec.alias();
		var keycloakOrg = keycloakOrganisation(orgId).orElseGet(() -> provision(orgId));
		keycloak.linkProvider(keycloakOrg, kind.name().toLowerCase(Locale.ROOT), keycloakAlias, config, domains);
		var created = clock.instant();
		tx.writeVoid(orgId, () -> {
			jdbc.sql("""
					insert into sso_identity_providers (org_id, alias, kind, domains, default_role, created_at)
					values (?, ?, ?, ?, ?, ?)
					on conflict (org_id, alias) do update set kind = excluded.kind, domains = excluded.domains,
					    default_role = excluded.default_role""")
				.params(orgId.value(), spec.alias(), kind.name(), domains.toArray(String[]::new), role.name(),
						Timestamp.from(created))
				.update();
			audit.record(orgId, actor, "sso.identity_provider_linked", "identity_provider", spec.alias(),
					Map.of("kind", kind.name(), "domains", domains, "defaultRole", role.name()));
		});
		return new IdentityProvider(spec.alias(), keycloakAlias, kind.name(), domains, role, created);
	}

	private static Map<String, String> oidcConfig(NewProvider spec) {
		var config = new LinkedHashMap<String, String>();
		config.put("authorizationUrl", url(spec.authorizationUrl(), "authorizationUrl"));
		config.put("tokenUrl", url(spec.tokenUrl(), "tokenUrl"));
		if (spec.issuer() != null) {
			config.put("issuer", url(spec.issuer(), "issuer"));
		}
		if (spec.jwksUrl() != null) {
			config.put("jwksUrl", url(spec.jwksUrl(), "jwksUrl"));
			config.put("useJwksUrl", "true");
			config.put("validateSignature", "true");
		}
		config.put("clientId", required(spec.clientId(), "clientId"));
		config.put("clientSecret", required(spec.clientSecret(), "clientSecret"));
		config.put("clientAuthMethod", "client_secret_post");
		config.put("syncMode", "IMPORT");
		return config;
	}

	/** SAML 2.0: people are identified by their email as NameID; responses are signature-checked when a cert is given. */
	private static Map<String, String> samlConfig(NewProvider spec) {
		var config = new LinkedHashMap<String, String>();
		config.put("singleSignOnServiceUrl", url(spec.singleSignOnServiceUrl(), "singleSignOnServiceUrl"));
		config.put("idpEntityId", required(spec.idpEntityId(), "idpEntityId"));
		config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
		config.put("principalType", "SUBJECT");
		config.put("postBindingResponse", "true");
		config.put("postBindingAuthnRequest", "true");
		config.put("wantAssertionsSigned", "true");
		config.put("syncMode", "IMPORT");
		if (spec.signingCertificate() != null && !spec.signingCertificate().isBlank()) {
			var certificate = spec.signingCertificate().replaceAll("-----(BEGIN|END) CERTIFICATE-----|\\s", "");
			if (!certificate.matches("[A-Za-z0-9+/=]{100,20000}")) {
				throw new InvalidRequestException("signingCertificate must be a PEM or base64 X.509 certificate");
			}
			config.put("signingCertificate", certificate);
			config.put("validateSignature", "true");
		}
		else {
			config.put("validateSignature", "false");
		}
		return config;
	}

	public List<IdentityProvider> providers(OrgId orgId) {
		return providers(orgId, "", Integer.MAX_VALUE);
	}

	/** The providers by alias, paged. */
	public Page<IdentityProvider> providers(OrgId orgId, PageRequest page) {
		return Page.of(providers(orgId, page.cursor().orElse(""), page.limit() + 1), page.limit(),
				IdentityProvider::alias);
	}

	private List<IdentityProvider> providers(OrgId orgId, String afterAlias, int limit) {
		var slug = organisations.get(orgId).slug().value();
		return tx.read(orgId, () -> jdbc.sql("""
				select * from sso_identity_providers where org_id = ? and alias > ? order by alias limit ?""")
			.params(orgId.value(), afterAlias, limit)
			.query((rs, row) -> new IdentityProvider(rs.getString("alias"), slug + "-" + rs.getString("alias"),
					rs.getString("kind"), Arrays.asList((String[]) rs.getArray("domains").getArray()),
					Role.valueOf(rs.getString("default_role")), rs.getTimestamp("created_at").toInstant()))
			.list());
	}

	/** The role a person signing in through one of the organisation's providers joins with, if any applies. */
	Optional<Role> justInTimeRole(OrgId orgId, String email) {
		var domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
		return providers(orgId).stream()
			.filter(p -> p.domains().contains(domain))
			.map(IdentityProvider::defaultRole)
			.findFirst();
	}

	private static String url(String value, String field) {
		var text = required(value, field);
		if (!(text.startsWith("https://") || text.startsWith("http://")) || text.length() > 2000
				|| text.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException(field + " must be an http(s) URL");
		}
		return text;
	}

	private static String required(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidRequestException(field + " is required");
		}
		return value;
	}
}
