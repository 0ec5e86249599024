package io.runledger.api.projects;

import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.Organisations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Organisation")
class OrganisationController {

	private final Organisations organisations;

	OrganisationController(Organisations organisations) {
		this.organisations = organisations;
	}

	record CallerView(String kind, String id, String role) {
	}

	record OrganisationView(String id, String slug, String name, Instant createdAt, CallerView caller) {
	}

	@GetMapping("/api/v1/organisation")
	@Requires(Permission.READ)
	@Operation(summary = "The caller's organisation, and who the caller is in it")
	OrganisationView current(CallerIdentity caller) {
		var org = organisations.get(caller.orgId());
		return new OrganisationView(org.id().toString(), org.slug().value(), org.name(), org.createdAt(),
				new CallerView(caller.actor().kind().name(), caller.actor().id(), caller.role().name()));
	}
}
