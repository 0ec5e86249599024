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
import io.runledger.auth.ApiKey;
import io.runledger.auth.ApiKeyId;
import io.runledger.auth.ApiKeys;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.KeyHolder;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.auth.ServiceAccountId;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys")
class ApiKeysController {

	private final ApiKeys apiKeys;

	ApiKeysController(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	record HolderView(String kind, String id) {
	}

	record ApiKeyView(String id, String name, String prefix, HolderView holder, String role, Instant createdAt,
			Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

		static ApiKeyView of(ApiKey key) {
			return new ApiKeyView(key.id().toString(), key.name(), key.prefix(),
					new HolderView(key.holder().kind().name(), key.holder().id().toString()), key.role().name(),
					key.createdAt(), key.expiresAt(), key.revokedAt(), key.lastUsedAt());
		}
	}

	/** The key's secret is in this response only. */
	record IssuedKeyView(ApiKeyView key, String secret) {
	}

	record CreateApiKey(String name, String role, HolderView holder, Instant expiresAt) {
	}

	@GetMapping
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "List the organisation's API keys (prefixes only, never secrets)")
	Page<ApiKeyView> list(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return apiKeys.list(caller.orgId(), PageRequest.of(limit, cursor)).map(ApiKeyView::of);
	}

	@Creates
	@PostMapping
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "Issue an API key for a member or service account; the secret is shown once")
	ResponseEntity<IssuedKeyView> issue(CallerIdentity caller, @RequestBody CreateApiKey body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var holder = holder(body.holder(), caller);
		var role = body.role() == null ? caller.role() : Role.parse(body.role());
		var issued = apiKeys.issue(caller.orgId(), holder, body.name(), role, body.expiresAt(), caller.actor(),
				caller.role());
		return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.key().id()))
			.body(new IssuedKeyView(ApiKeyView.of(issued.key()), issued.secret()));
	}

	@GetMapping("/{keyId}")
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "Get one API key's metadata")
	ApiKeyView get(CallerIdentity caller, @PathVariable String keyId) {
		return ApiKeyView.of(apiKeys.get(caller.orgId(), ApiKeyId.parse(keyId)));
	}

	@DeleteMapping("/{keyId}")
	@Requires(Permission.MANAGE_API_KEYS)
	@Operation(summary = "Revoke an API key; it stops working immediately")
	ApiKeyView revoke(CallerIdentity caller, @PathVariable String keyId) {
		return ApiKeyView.of(apiKeys.revoke(caller.orgId(), ApiKeyId.parse(keyId), caller.actor()));
	}

	private static KeyHolder holder(HolderView requested, CallerIdentity caller) {
		if (requested == null) {
			return switch (caller.actor().kind()) {
				case USER -> new KeyHolder.User(UserId.parse(caller.actor().id()));
				case SERVICE_ACCOUNT -> new KeyHolder.ServiceAccount(ServiceAccountId.parse(caller.actor().id()));
				case SYSTEM -> throw new InvalidRequestException("holder is required");
			};
		}
		if (requested.kind() == null || requested.id() == null) {
			throw new InvalidRequestException("holder needs kind (USER or SERVICE_ACCOUNT) and id");
		}
		return switch (requested.kind().toUpperCase()) {
			case "USER" -> new KeyHolder.User(UserId.parse(requested.id()));
			case "SERVICE_ACCOUNT" -> new KeyHolder.ServiceAccount(ServiceAccountId.parse(requested.id()));
			default -> throw new InvalidRequestException("holder.kind must be USER or SERVICE_ACCOUNT");
		};
	}

}
