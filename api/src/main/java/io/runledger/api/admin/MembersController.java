package io.runledger.api.admin;

import java.net.URI;
import java.time.Instant;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Member;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.NewMember;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/members")
@Tag(name = "Members")
class MembersController {

	private final Members members;

	MembersController(Members members) {
		this.members = members;
	}

	record MemberView(String userId, String email, String displayName, String role, Instant createdAt) {

		static MemberView of(Member member) {
			return new MemberView(member.userId().toString(), member.email(), member.displayName(),
					member.role().name(), member.createdAt());
		}
	}

	record AddMember(String email, String displayName, String role) {
	}

	record ChangeRole(String role) {
	}

	@GetMapping
	@Requires(Permission.READ)
	@Operation(summary = "List members, ordered by email (cursor-paginated)")
	Page<MemberView> list(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return members.list(caller.orgId(), PageRequest.of(limit, cursor)).map(MemberView::of);
	}

	@Creates
	@PostMapping
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "Add a person by email with a role (SSO invitations build on this)")
	ResponseEntity<MemberView> add(CallerIdentity caller, @RequestBody AddMember body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var member = members.add(caller.orgId(), new NewMember(UserId.random(), body.email(), body.displayName()),
				Role.parse(body.role()), caller.actor(), caller.role());
		return ResponseEntity.created(URI.create("/api/v1/members/" + member.userId())).body(MemberView.of(member));
	}

	@GetMapping("/{userId}")
	@Requires(Permission.READ)
	@Operation(summary = "Get one member")
	MemberView get(CallerIdentity caller, @PathVariable String userId) {
		return MemberView.of(members.get(caller.orgId(), UserId.parse(userId)));
	}

	@PatchMapping("/{userId}")
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "Change a member's role; only an OWNER grants or removes OWNER")
	MemberView changeRole(CallerIdentity caller, @PathVariable String userId, @RequestBody ChangeRole body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		return MemberView.of(members.changeRole(caller.orgId(), UserId.parse(userId), Role.parse(body.role()),
				caller.actor(), caller.role()));
	}

	@DeleteMapping("/{userId}")
	@Requires(Permission.MANAGE_MEMBERS)
	@Operation(summary = "Remove a member; their API keys are revoked at once")
	ResponseEntity<Void> remove(CallerIdentity caller, @PathVariable String userId) {
		members.remove(caller.orgId(), UserId.parse(userId), caller.actor(), caller.role());
		return ResponseEntity.noContent().build();
	}
}
