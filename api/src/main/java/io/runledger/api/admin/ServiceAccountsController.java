package io.runledger.api.admin;

import java.net.URI;
import java.time.Instant;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.auth.ServiceAccount;
import io.runledger.auth.ServiceAccountId;
import io.runledger.auth.ServiceAccounts;
import io.runledger.tenancy.ForbiddenException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/service-accounts")
@Tag(name = "Service accounts")
class ServiceAccountsController {

	private final ServiceAccounts serviceAccounts;

	ServiceAccountsController(ServiceAccounts serviceAccounts) {
		this.serviceAccounts = serviceAccounts;
	}

	record ServiceAccountView(String id, String name, String role, Instant createdAt) {

		static ServiceAccountView of(ServiceAccount account) {
			return new ServiceAccountView(account.id().toString(), account.name(), account.role().name(),
					account.createdAt());
		}
	}

	record CreateServiceAccount(String name, String role) {
	}

	@GetMapping
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "List service accounts")
	Page<ServiceAccountView> list(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return serviceAccounts.list(caller.orgId(), PageRequest.of(limit, cursor)).map(ServiceAccountView::of);
	}

	@Creates
	@PostMapping
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "Create a service account (non-human member) with a role up to ADMIN")
	ResponseEntity<ServiceAccountView> create(CallerIdentity caller, @RequestBody CreateServiceAccount body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var role = Role.parse(body.role());
		if (!caller.role().includes(role)) {
			throw new ForbiddenException("cannot create a " + role + " service account with role " + caller.role());
		}
		var account = serviceAccounts.create(caller.orgId(), body.name(), role, caller.actor());
		return ResponseEntity.created(URI.create("/api/v1/service-accounts/" + account.id()))
			.body(ServiceAccountView.of(account));
	}

	@GetMapping("/{serviceAccountId}")
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "Get one service account")
	ServiceAccountView get(CallerIdentity caller, @PathVariable String serviceAccountId) {
		return ServiceAccountView.of(serviceAccounts.get(caller.orgId(), ServiceAccountId.parse(serviceAccountId)));
	}

	@DeleteMapping("/{serviceAccountId}")
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "Delete a service account; its keys are revoked at once")
	ResponseEntity<Void> delete(CallerIdentity caller, @PathVariable String serviceAccountId) {
		serviceAccounts.delete(caller.orgId(), ServiceAccountId.parse(serviceAccountId), caller.actor());
		return ResponseEntity.noContent().build();
	}
}
