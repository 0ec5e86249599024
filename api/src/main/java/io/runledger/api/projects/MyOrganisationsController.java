package io.runledger.api.projects;

import java.util.Comparator;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.Person;
import io.runledger.auth.SignedInPerson;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.Organisations;
import io.runledger.tenancy.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Which organisations the signed-in person belongs to, for the web UI's organisation switcher. It answers before
 * an organisation is chosen (a person in several must name one with {@code X-Runledger-Organization} everywhere
 * else), so it takes the person, not a tenant, like signing up.
 */
@RestController
@Tag(name = "Organisation")
class MyOrganisationsController {

	private final Organisations organisations;

	private final Members members;

	MyOrganisationsController(Organisations organisations, Members members) {
		this.organisations = organisations;
		this.members = members;
	}

	/** {@code slug} is what {@code X-Runledger-Organization} takes. */
	record MembershipView(String id, String slug, String name, String role) {
	}

	@GetMapping("/api/v1/me/organisations")
	@SignedInPerson
	@Operation(summary = "The organisations the signed-in person belongs to, with their role in each, by slug",
			description = "For a browser session or an SSO access token (an API key belongs to one organisation: "
					+ "GET /api/v1/organisation). Pick one with the X-Runledger-Organization header (its slug).")
	Page<MembershipView> list(Person person) {
		// Cross-tenant by nature, through the SECURITY DEFINER lookup that sign-in uses; each organisation's
		// details and the person's role there are then read inside that tenant.
		var items = organisations.lookupIdsForEmailAcrossTenants(person.email()).stream()
			.flatMap(orgId -> members.findByEmail(orgId, person.email()).map(member -> {
				var org = organisations.get(orgId);
				return new MembershipView(org.id().toString(), org.slug().value(), org.name(), member.role().name());
			}).stream())
			.sorted(Comparator.comparing(MembershipView::slug))
			.toList();
		return new Page<>(items, null);
	}
}
