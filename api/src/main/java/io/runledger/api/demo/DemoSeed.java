package io.runledger.api.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.runledger.auth.ApiKey;
import io.runledger.auth.ApiKeys;
import io.runledger.auth.IdentityProvisioning;
import io.runledger.auth.SingleSignOn;
import io.runledger.auth.KeyHolder;
import io.runledger.metering.Budgets;
import io.runledger.metering.Meter;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.Member;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.NewMember;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Organisations;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.Slug;
import io.runledger.tenancy.UserId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo organisations {@code acme} and {@code globex} (a project and one API key per role each) and writes
 * the logins to the dev file that scripts and benchmarks read. Idempotent: keys listed in an existing dev file that
 * still work are kept; otherwise the demo keys are revoked and issued anew.
 */
@Component
@ConditionalOnProperty(name = "runledger.demo.enabled", havingValue = "true")
class DemoSeed implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

	private static final List<Role> ROLES = List.of(Role.OWNER, Role.ADMIN, Role.MEMBER, Role.VIEWER);

	private static final Map<String, List<String>> PEOPLE = Map.of("acme",
			List.of("alice@acme.test", "adam@acme.test", "mia@acme.test", "victor@acme.test"), "globex",
			List.of("grace@globex.test", "gary@globex.test", "gina@globex.test", "vera@globex.test"));

	private final Organisations organisations;

	private final Projects projects;

	private final Members members;

	private final ApiKeys apiKeys;

	private final DemoProperties properties;

	private final SingleSignOn singleSignOn;

	private final IdentityProvisioning provisioning;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Budgets budgets;

	private final DemoWorkspace workspace;

	DemoSeed(Organisations organisations, Projects projects, Members members, ApiKeys apiKeys,
			DemoProperties properties, SingleSignOn singleSignOn, IdentityProvisioning provisioning, Budgets budgets,
			DemoWorkspace workspace) {
		this.workspace = workspace;
		this.budgets = budgets;
		this.singleSignOn = singleSignOn;
		this.provisioning = provisioning;
		this.organisations = organisations;
		this.projects = projects;
		this.members = members;
		this.apiKeys = apiKeys;
		this.properties = properties;
	}

	/** A person in both organisations makes the web UI's organisation switcher visible: acme's admin helps globex. */
	static final String GUEST = "adam@acme.test";

	@Override
	public void run(ApplicationArguments args) throws IOException {
		seedLogins();
		seedGuest();
		// The workspace (runs, curves, the live run) lives in acme, the organisation the README's logins open.
		var acme = organisations.lookupIdBySlugAcrossTenants(new Slug("acme")).orElseThrow();
		writeTour(acme, workspace.seed(acme));
	}

	/**
	 * "Where to look" in the dev file ({@code tour}: the sweep, a run page, a compare link, the report and its share
	 * link), which {@code infra/local/app.sh info} prints. A share link's token is only known when it is made: the one
	 * in the file is kept while it names the same report, and a new link is made when the file has none.
	 */
	private void writeTour(OrgId acme, DemoWorkspace.Tour tour) throws IOException {
		var file = Path.of(properties.devFile());
		var root = (tools.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
		var base = properties.baseUrl();
		var report = base + "/reports/" + tour.report().value();
		var previous = root.path("tour");
		String share = tour.shareToken().map(token -> base + "/shared/" + token).orElse(null);
		if (share == null && report.equals(previous.path("report").asString(null))
				&& previous.path("shareLink").isString()) {
			share = previous.path("shareLink").asString();
		}
		if (share == null) {
			share = base + "/shared/" + workspace.newShareLink(acme, tour.report());
		}
		var project = base + "/projects/" + tour.project().value();
		// The web UI's router keeps arrays in the URL as JSON.
		var compare = java.net.URLEncoder.encode(
				tour.compare().stream().map(id -> "\"" + id.value() + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]")),
				java.nio.charset.StandardCharsets.UTF_8);
		var node = root.putObject("tour");
		node.put("sweep", project);
		if (tour.run() != null) {
			node.put("run", base + "/runs/" + tour.run().value());
		}
		node.put("compare", project + "?view=compare&sel=" + compare);
		node.put("report", report);
		node.put("shareLink", share);
		Files.writeString(file, json.writeValueAsString(root));
	}

	/** Idempotent: the membership is looked up by the guest's id first (the dev file may be current). */
	private void seedGuest() {
		var globex = organisations.lookupIdBySlugAcrossTenants(new Slug("globex")).orElseThrow();
		var guest = newMember(GUEST);
		if (members.find(globex, guest.userId()).isEmpty()) {
			var owner = Actor.user(userId(PEOPLE.get("globex").getFirst()));
			members.add(globex, guest, Role.MEMBER, owner, Role.OWNER);
		}
	}

	private void seedLogins() throws IOException {
		var file = Path.of(properties.devFile());
		if (existingFileStillWorks(file)) {
			log.info("Demo seed: {} is current", file);
			return;
		}
		var orgs = new ArrayList<Map<String, Object>>();
		for (var slug : List.of("acme", "globex")) {
			orgs.add(seed(new Slug(slug)));
		}
		var document = new LinkedHashMap<String, Object>();
		document.put("baseUrl", properties.baseUrl());
		document.put("orgs", orgs);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, json.writeValueAsString(document));
		log.info("Demo seed: wrote logins to {}", file.toAbsolutePath());
	}

	private Map<String, Object> seed(Slug slug) {
		var people = PEOPLE.get(slug.value());
		var orgId = organisations.lookupIdBySlugAcrossTenants(slug)
			.orElseGet(() -> organisations
				.create(slug, capitalised(slug.value()), newMember(people.getFirst()))
				.id());
		var owner = Actor.user(userId(people.getFirst()));
		try {
			projects.getBySlug(orgId, new Slug("demo"));
		}
		catch (NotFoundException e) {
			projects.create(orgId, new Slug("demo"), "Demo", "Seeded demo project");
		}
		var keys = new LinkedHashMap<String, String>();
		revokeDemoKeys(orgId, owner);
		for (int i = 0; i < ROLES.size(); i++) {
			var role = ROLES.get(i);
			var person = newMember(people.get(i));
			Member member = members.find(orgId, person.userId())
				.orElseGet(() -> members.add(orgId, person, role, owner, Role.OWNER));
			var issued = apiKeys.issue(orgId, new KeyHolder.User(member.userId()), "demo-" + role.name().toLowerCase(),
					role, null, owner, Role.OWNER);
			keys.put(role.name().toLowerCase(), issued.secret());
		}
		mirrorIntoKeycloak(orgId, people);
		if (budgets.list(orgId).isEmpty()) {
			// Something to see on the budgets page; alerts only, never a hard cap (the benchmarks write to acme).
			budgets.create(orgId, new Budgets.BudgetSpec("Monthly data points", null, Meter.DATA_POINTS,
					new java.math.BigDecimal("1000000000"), null, null, false, null), owner);
		}
		var org = new LinkedHashMap<String, Object>();
		org.put("slug", slug.value());
		org.put("id", orgId.toString());
		org.put("projects", List.of("demo"));
		org.put("apiKeys", keys);
		var logins = new ArrayList<Map<String, String>>();
		for (int i = 0; i < ROLES.size(); i++) {
			var email = people.get(i);
			// The dev realm's passwords (infra/local/keycloak/runledger-realm.json); dev only.
			logins.add(Map.of("email", email, "password", email.substring(0, email.indexOf('@')) + "-dev-password",
					"role", ROLES.get(i).name()));
		}
		org.put("users", logins);
		return org;
	}

	/** The demo people become members of the organisation's Keycloak Organization too; Keycloak may be down. */
	private void mirrorIntoKeycloak(OrgId orgId, List<String> people) {
		try {
			var keycloakOrg = singleSignOn.provision(orgId);
			people.forEach(email -> provisioning.addMember(keycloakOrg, email));
		}
		catch (IdentityProvisioning.ProvisioningFailed e) {
			log.warn("Demo seed: Keycloak organization not provisioned ({}); POST /api/v1/organisation/sso/sync "
					+ "retries", e.getMessage());
		}
	}

	private void revokeDemoKeys(OrgId orgId, Actor owner) {
		var page = PageRequest.first(PageRequest.MAX_LIMIT);
		while (true) {
			var keys = apiKeys.list(orgId, page);
			keys.items().stream()
				.filter(key -> key.name().startsWith("demo-") && key.revokedAt() == null)
				.map(ApiKey::id)
				.forEach(id -> apiKeys.revoke(orgId, id, owner));
			if (keys.nextCursor() == null) {
				return;
			}
			page = PageRequest.of(PageRequest.MAX_LIMIT, keys.nextCursor());
		}
	}

	private boolean existingFileStillWorks(Path file) {
		if (!Files.isRegularFile(file)) {
			return false;
		}
		try {
			JsonNode root = json.readTree(file.toFile());
			if (!properties.baseUrl().equals(root.path("baseUrl").asString())) {
				return false;
			}
			int working = 0;
			for (JsonNode org : root.path("orgs")) {
				if (!org.path("users").path(0).isObject()) {
					return false; // written by an older version without SSO logins
				}
				for (JsonNode key : org.path("apiKeys")) {
					if (apiKeys.authenticateAcrossTenants(key.asString()).isEmpty()) {
						return false;
					}
					working++;
				}
			}
			return working == 2 * ROLES.size();
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	private static NewMember newMember(String email) {
		var name = email.substring(0, email.indexOf('@'));
		return new NewMember(userId(email), email, capitalised(name));
	}

	/** Demo people get the ids SSO will give them, so a later Keycloak login lands on the same member. */
	static UserId userId(String email) {
		return UserId.forSubject("demo", email);
	}

	private static String capitalised(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}
}
