package io.runledger.auth;

import java.util.List;
import java.util.Map;

import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Slug;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Mirrors our organisations into Keycloak Organizations (one realm, one organization per tenant), through the
 * admin client and a service account that can manage organizations, users' memberships and identity providers,
 * nothing else. Our database stays the source of truth; every call here is idempotent (looked up by the
 * {@code runledger_org_id} attribute or alias before anything is created), so a retry after a crash creates nothing
 * twice.
 */
@Component
public class IdentityProvisioning {

	static final String ORG_ATTRIBUTE = "runledger_org_id";

	private static final Logger log = LoggerFactory.getLogger(IdentityProvisioning.class);

	private final SsoProperties.Admin admin;

	private volatile Keycloak keycloak;

	IdentityProvisioning(SsoProperties sso) {
		this.admin = sso.admin();
	}

	/** Keycloak or its admin API refused or failed; the caller may retry (every step is idempotent). */
	public static class ProvisioningFailed extends RuntimeException {

		ProvisioningFailed(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/** An email domain can be routed to one organisation only; another already claims one of these. */
	public static class DomainTaken extends ProvisioningFailed {

		DomainTaken(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/** Ensures a Keycloak organization exists for ours and returns its Keycloak id. */
	public String ensureOrganization(OrgId orgId, Slug slug, String name) {
		return call("ensure organization " + slug, realm -> {
			var found = realm.organizations().searchByAttribute(ORG_ATTRIBUTE + ":" + orgId);
			if (!found.isEmpty()) {
				return found.getFirst().getId();
			}
			var organization = new OrganizationRepresentation();
			// Keycloak wants organization names unique realm-wide; ours are free text, the slug is unique.
			organization.setName(slug.value());
			organization.setDescription(name);
			organization.setAlias(slug.value());
			organization.setEnabled(true);
			organization.setAttributes(Map.of(ORG_ATTRIBUTE, List.of(orgId.toString())));
			// Keycloak requires at least one domain; a placeholder under .invalid can never route anyone.
			var placeholder = new OrganizationDomainRepresentation();
			placeholder.setName(slug.value() + ".runledger.invalid");
			organization.addDomain(placeholder);
			try (Response response = realm.organizations().create(organization)) {
				if (response.getStatus() == 409) {
					var again = realm.organizations().searchByAttribute(ORG_ATTRIBUTE + ":" + orgId);
					if (!again.isEmpty()) {
						return again.getFirst().getId();
					}
					throw new ProvisioningFailed("Keycloak already has an organization named or aliased '" + slug
							+ "' that is not ours", null);
				}
				expect(response, 201);
				var location = response.getLocation().getPath();
				return location.substring(location.lastIndexOf('/') + 1);
			}
		});
	}

	/** Adds an existing Keycloak user (by email) to the organization; unknown users join on first login. */
	public boolean addMember(String keycloakOrgId, String email) {
		return call("add member " + email, realm -> {
			var users = realm.users().searchByEmail(email, true);
			if (users.isEmpty()) {
				return false;
			}
			var members = realm.organizations().get(keycloakOrgId).members();
			try (Response response = members.addMember(users.getFirst().getId())) {
				if (response.getStatus() != 409) {
					expect(response, 201);
				}
			}
			return true;
		});
	}

	/** Whether the Keycloak user with this email is a member of the organization. */
	public boolean isMember(String keycloakOrgId, String email) {
		return call("check member " + email, realm -> realm.organizations().get(keycloakOrgId).members()
			.search(email, true, 0, 10).stream().anyMatch(m -> email.equalsIgnoreCase(m.getEmail())));
	}

	/**
	 * Creates (or updates) an identity provider ({@code oidc} or {@code saml}) and links it to the organization for
	 * the given email domains, so people of those domains are sent to their corporate IdP and land in this
	 * organization.
	 */
	public void linkProvider(String keycloakOrgId, String providerId, String alias, Map<String, String> config,
			List<String> domains) {
		call("link identity provider " + alias, realm -> {
			var idp = new IdentityProviderRepresentation();
			idp.setAlias(alias);
			idp.setProviderId(providerId);
			idp.setEnabled(true);
			idp.setConfig(new java.util.HashMap<>(config));
			var providers = realm.identityProviders();
			if (providers.findAll().stream().anyMatch(p -> p.getAlias().equals(alias))) {
				providers.get(alias).update(idp);
			}
			else {
				try (Response response = providers.create(idp)) {
					expect(response, 201);
				}
			}
			var organization = realm.organizations().get(keycloakOrgId);
			var representation = organization.toRepresentation();
			for (var domain : domains) {
				if (representation.getDomain(domain) == null) {
					var d = new OrganizationDomainRepresentation();
					d.setName(domain);
					representation.addDomain(d);
				}
			}
			try (Response response = organization.update(representation)) {
				if (response.getStatus() == 400 || response.getStatus() == 409) {
					throw new DomainTaken("an email domain of " + domains
							+ " is already routed to another organisation", null);
				}
				expect(response, 204);
			}
			var linked = organization.identityProviders().getIdentityProviders().stream()
				.anyMatch(p -> p.getAlias().equals(alias));
			if (!linked) {
				try (Response response = organization.identityProviders().addIdentityProvider(alias)) {
					expect(response, 204);
				}
			}
			var stored = providers.get(alias).toRepresentation();
			stored.getConfig().put("kc.org.domain", domains.getFirst());
			stored.getConfig().put("kc.org.broker.redirect.mode.email-matches", "true");
			providers.get(alias).update(stored);
			return null;
		});
	}

	/** The identity providers linked to the organization, by alias. */
	public List<String> linkedProviders(String keycloakOrgId) {
		return call("list identity providers", realm -> realm.organizations().get(keycloakOrgId).identityProviders()
			.getIdentityProviders().stream().map(IdentityProviderRepresentation::getAlias).toList());
	}

	private <T> T call(String what, java.util.function.Function<RealmResource, T> work) {
		try {
			return work.apply(client().realm(admin.realm()));
		}
		catch (ProvisioningFailed e) {
			throw e;
		}
		catch (WebApplicationException e) {
			log.warn("Keycloak refused to {}: HTTP {}", what, e.getResponse().getStatus());
			throw new ProvisioningFailed("identity provider refused to " + what + " (HTTP "
					+ e.getResponse().getStatus() + ")", e);
		}
		catch (RuntimeException e) {
			log.warn("Keycloak unavailable to {}: {}", what, e.getMessage());
			throw new ProvisioningFailed("identity provider unavailable to " + what, e);
		}
	}

	private static void expect(Response response, int status) {
		if (response.getStatus() != status) {
			throw new WebApplicationException(response);
		}
	}

	private Keycloak client() {
		var current = keycloak;
		if (current == null) {
			synchronized (this) {
				if (keycloak == null) {
					keycloak = KeycloakBuilder.builder()
						.serverUrl(admin.serverUrl())
						.realm(admin.realm())
						.grantType(OAuth2Constants.CLIENT_CREDENTIALS)
						.clientId(admin.clientId())
						.clientSecret(admin.clientSecret())
						.build();
				}
				current = keycloak;
			}
		}
		return current;
	}
}
