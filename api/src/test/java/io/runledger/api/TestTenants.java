package io.runledger.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;

import io.runledger.auth.ApiKeys;
import io.runledger.auth.KeyHolder;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.NewMember;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Organisations;
import io.runledger.tenancy.Project;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.Slug;
import io.runledger.tenancy.UserId;

/** Makes fresh organisations for a test: one person and one API key per role, and a project. */
@TestComponent
public class TestTenants {

	private final Organisations organisations;

	private final Members members;

	private final ApiKeys apiKeys;

	private final Projects projects;

	TestTenants(Organisations organisations, Members members, ApiKeys apiKeys, Projects projects) {
		this.organisations = organisations;
		this.members = members;
		this.apiKeys = apiKeys;
		this.projects = projects;
	}

	public record Tenant(OrgId orgId, String slug, Project project, Map<Role, UserId> people, Map<Role, String> keys) {

		public String key(Role role) {
			return keys.get(role);
		}
	}

	public Tenant create() {
		var suffix = UUID.randomUUID().toString().substring(0, 8);
		var slug = "t-" + suffix;
		var people = new EnumMap<Role, UserId>(Role.class);
		var keys = new EnumMap<Role, String>(Role.class);
		var owner = new NewMember(UserId.random(), "owner-" + suffix + "@example.test", "Owner");
		var org = organisations.create(new Slug(slug), "Org " + suffix, owner);
		for (var role : Role.values()) {
			var person = role == Role.OWNER ? owner
					: new NewMember(UserId.random(), role.name().toLowerCase() + "-" + suffix + "@example.test",
							role.name());
			if (role != Role.OWNER) {
				members.add(org.id(), person, role, Actor.user(owner.userId()), Role.OWNER);
			}
			people.put(role, person.userId());
			keys.put(role, apiKeys.issue(org.id(), new KeyHolder.User(person.userId()), "test-" + role, role, null,
					Actor.user(owner.userId()), Role.OWNER).secret());
		}
		var project = projects.create(org.id(), new Slug("p-" + suffix), "Project " + suffix, "");
		return new Tenant(org.id(), slug, project, people, keys);
	}
}
