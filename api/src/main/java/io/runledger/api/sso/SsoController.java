package io.runledger.api.sso;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.IdentityProvisioning;
import io.runledger.auth.Permission;
import io.runledger.auth.Person;
import io.runledger.auth.Requires;
import io.runledger.auth.SignedInPerson;
import io.runledger.auth.SingleSignOn;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Invitations;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.Slug;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Single sign-on")
class SsoController {

	private final SingleSignOn sso;

	private final Invitations invitations;

	SsoController(SingleSignOn sso, Invitations invitations) {
		this.sso = sso;
		this.invitations = invitations;
	}

	record SignUp(String slug, String name) {
	}

	record SignedUpView(String id, String slug, String name, Instant createdAt, String role, String keycloakOrganizationId,
			boolean ssoProvisioned) {
	}

	@PostMapping("/api/v1/signup")
	@SignedInPerson
	@Operation(summary = "Create an organisation; the signed-in person (SSO access token) becomes its OWNER",
			description = "The organisation is mirrored into a Keycloak Organization; if Keycloak is unavailable the"
					+ " organisation still exists (ssoProvisioned false) and POST /api/v1/organisation/sso/sync retries.")
	ResponseEntity<SignedUpView> signUp(Person person, @RequestBody SignUp body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var done = sso.signUp(person, new Slug(body.slug()), body.name() == null ? body.slug() : body.name());
		var org = done.organisation();
		return ResponseEntity.created(URI.create("/api/v1/organisation"))
			.body(new SignedUpView(org.id().toString(), org.slug().value(), org.name(), org.createdAt(), "OWNER",
					done.keycloakOrganisationId().orElse(null), done.keycloakOrganisationId().isPresent()));
	}

	record SyncView(String keycloakOrganizationId) {
	}

	@PostMapping("/api/v1/organisation/sso/sync")
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "Ensure the organisation exists in Keycloak (idempotent; retries a failed sign-up step)")
	SyncView sync(CallerIdentity caller) {
		try {
			return new SyncView(sso.provision(caller.orgId()));
		}
		catch (IdentityProvisioning.ProvisioningFailed e) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; retry later");
		}
	}

	record AddProvider(String kind, String alias, String issuer, String authorizationUrl, String tokenUrl,
			String jwksUrl, String clientId, String clientSecret, String singleSignOnServiceUrl, String idpEntityId,
			String signingCertificate, List<String> domains, String defaultRole) {
	}

	@GetMapping("/api/v1/organisation/identity-providers")
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "The corporate identity providers linked to the organisation, and their email domains")
	Page<SingleSignOn.IdentityProvider> providers(CallerIdentity caller,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return sso.providers(caller.orgId(), PageRequest.of(limit, cursor));
	}

	@Creates
	@PostMapping("/api/v1/organisation/identity-providers")
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "Link a corporate identity provider (OIDC or SAML) for email domains; people of those domains sign in"
			+ " through it and join with the default role (VIEWER unless chosen otherwise; viewers are free)")
	ResponseEntity<SingleSignOn.IdentityProvider> addProvider(CallerIdentity caller, @RequestBody AddProvider body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		try {
			var added = sso.addProvider(caller.orgId(), new SingleSignOn.NewProvider(kind(body.kind()), body.alias(),
					body.issuer(), body.authorizationUrl(), body.tokenUrl(), body.jwksUrl(), body.clientId(),
					body.clientSecret(), body.singleSignOnServiceUrl(), body.idpEntityId(), body.signingCertificate(),
					body.domains(), body.defaultRole() == null ? null : Role.parse(body.defaultRole())), caller.actor());
			return ResponseEntity.status(HttpStatus.CREATED).body(added);
		}
		catch (IdentityProvisioning.DomainTaken e) {
			throw new ConflictException(e.getMessage());
		}
		catch (IdentityProvisioning.ProvisioningFailed e) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; retry later");
		}
	}

	private static SingleSignOn.Kind kind(String text) {
		if (text == null) {
			return SingleSignOn.Kind.OIDC;
		}
		try {
			return SingleSignOn.Kind.valueOf(text.toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("kind must be OIDC or SAML");
		}
	}

	record Invite(String email, String role) {
	}

	@Creates
	@PostMapping("/api/v1/invitations")
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "Invite a person by email with a role; they join on their first single sign-on login")
	ResponseEntity<Invitations.Invitation> invite(CallerIdentity caller, @RequestBody Invite body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(invitations.invite(caller.orgId(), body.email(), Role.parse(body.role()), caller.actor(),
					caller.role()));
	}

	@GetMapping("/api/v1/invitations")
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "Open invitations, by email (cursor-paginated)")
	Page<Invitations.Invitation> openInvitations(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return invitations.open(caller.orgId(), PageRequest.of(limit, cursor));
	}
}
