package io.runledger.api.artifacts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.Runs;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Which run produced which artifact version (OUTPUT, at most one per version) and which runs consumed it (INPUT),
 * and the graph those edges make: upstream (what something was made from) and downstream (what was made from it).
 * Only committed versions take part in the graph.
 */
@Component
class Lineage {

	static final int MAX_DEPTH = 20;

	static final int MAX_NODES = 2_000;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Artifacts artifacts;

	private final Runs runs;

	private final Clock clock;

	Lineage(JdbcClient jdbc, TenantTransactions tx, Artifacts artifacts, Runs runs, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.artifacts = artifacts;
		this.runs = runs;
		this.clock = clock;
	}

	enum Direction {
		UPSTREAM, DOWNSTREAM, BOTH;

		static Direction parse(String text) {
			for (var d : values()) {
				if (d.name().equalsIgnoreCase(text)) {
					return d;
				}
			}
			throw new InvalidRequestException("direction must be upstream, downstream or both");
		}
	}

	/** A node: a run ({@code run:<id>}) or an artifact version ({@code artifact:<id>:v<n>}). */
	record Node(String id, String kind, String runId, String runName, String artifactId, String name, String type,
			Integer version) {
	}

	/** An edge in the direction data flowed: run → version it produced, version → run that consumed it. */
	record Edge(String from, String to) {

		/** How a run relates to a version: it consumed it or produced it. */
		enum Kind {
			INPUT, OUTPUT
		}
	}

	record Graph(List<Node> nodes, List<Edge> edges, boolean truncated) {
	}

	private record VersionKey(UUID artifactId, int version) {

		String id() {
			return "artifact:" + artifactId + ":v" + version;
		}
	}

	/** Records that a run consumed (INPUT) or produced (OUTPUT) a committed version; again is a no-op. */
	void link(OrgId orgId, RunId runId, ArtifactId artifactId, VersionRef ref, Edge.Kind kind) {
		tx.writeVoid(orgId, () -> {
			runs.get(orgId, runId);
			var version = artifacts.resolve(orgId, artifactId, ref);
			try {
				jdbc.sql("""
						insert into artifact_lineage (org_id, artifact_id, version, run_id, direction, created_at)
						values (?, ?, ?, ?, ?, ?) on conflict (org_id, artifact_id, version, direction, run_id) do nothing""")
					.params(orgId.value(), artifactId.value(), version.version(), runId.value(), kind.name(),
							Timestamp.from(clock.instant()))
					.update();
			}
			catch (DuplicateKeyException e) {
				throw new ConflictException("version " + version.version() + " of artifact " + artifactId
						+ " was already logged as the output of another run; a version has one producer");
			}
		});
	}

	/** The run that produced a version (its id and name). */
	record Producer(String runId, String runName) {
	}

	/** Which run produced each of an artifact's versions that has a producer, by version number, in one query. */
	Map<Integer, Producer> producers(OrgId orgId, ArtifactId artifactId) {
		return tx.read(orgId, () -> {
			var producers = new java.util.HashMap<Integer, Producer>();
			jdbc.sql("""
					select l.version, r.run_id, r.name from artifact_lineage l
					join runs r on r.org_id = l.org_id and r.run_id = l.run_id
					where l.org_id = ? and l.artifact_id = ? and l.direction = 'OUTPUT'""")
				.params(orgId.value(), artifactId.value())
				.query(rs -> {
					producers.put(rs.getInt(1), new Producer(rs.getObject(2, UUID.class).toString(), rs.getString(3)));
				});
			return producers;
		});
	}

	Graph ofRun(OrgId orgId, RunId runId, Direction direction, int depth) {
		runs.get(orgId, runId);
		return walk(orgId, Set.of(runId.value()), Set.of(), direction, depth);
	}

	Graph ofVersion(OrgId orgId, ArtifactId artifactId, VersionRef ref, Direction direction, int depth) {
		var version = artifacts.resolve(orgId, artifactId, ref);
		return walk(orgId, Set.of(), Set.of(new VersionKey(artifactId.value(), version.version())), direction, depth);
	}

	/** Breadth first from the start nodes, one query per hop and direction, up to {@code depth} hops. */
	private Graph walk(OrgId orgId, Set<UUID> startRuns, Set<VersionKey> startVersions, Direction direction,
			int depth) {
		if (depth < 1 || depth > MAX_DEPTH) {
			throw new InvalidRequestException("depth must be between 1 and " + MAX_DEPTH);
		}
		return tx.read(orgId, () -> {
			var seenRuns = new HashSet<>(startRuns);
			var seenVersions = new HashSet<>(startVersions);
			var edges = new LinkedHashMap<String, Edge>();
			boolean truncated = false;
			for (var dir : direction == Direction.BOTH ? List.of(Direction.UPSTREAM, Direction.DOWNSTREAM)
					: List.of(direction)) {
				Set<UUID> runs = new HashSet<>(startRuns);
				Set<VersionKey> versions = new HashSet<>(startVersions);
				for (int hop = 0; hop < depth && (!runs.isEmpty() || !versions.isEmpty()); hop++) {
					var nextRuns = new HashSet<UUID>();
					var nextVersions = new HashSet<VersionKey>();
					// From runs: upstream are the versions they consumed, downstream the ones they produced.
					for (var edge : runEdges(orgId, runs, dir == Direction.UPSTREAM ? "INPUT" : "OUTPUT")) {
						var key = edge.getValue();
						var run = "run:" + edge.getKey();
						var e = dir == Direction.UPSTREAM ? new Edge(key.id(), run) : new Edge(run, key.id());
						edges.putIfAbsent(e.from() + ">" + e.to(), e);
						if (seenVersions.add(key)) {
							nextVersions.add(key);
						}
					}
					// From versions: upstream is the run that produced them, downstream the runs that consumed them.
					for (var edge : versionEdges(orgId, versions, dir == Direction.UPSTREAM ? "OUTPUT" : "INPUT")) {
						var key = edge.getKey();
						var run = "run:" + edge.getValue();
						var e = dir == Direction.UPSTREAM ? new Edge(run, key.id()) : new Edge(key.id(), run);
						edges.putIfAbsent(e.from() + ">" + e.to(), e);
						if (seenRuns.add(edge.getValue())) {
							nextRuns.add(edge.getValue());
						}
					}
					if (seenRuns.size() + seenVersions.size() > MAX_NODES) {
						truncated = true;
						break;
					}
					runs = nextRuns;
					versions = nextVersions;
				}
			}
			return new Graph(nodes(orgId, seenRuns, seenVersions), List.copyOf(edges.values()), truncated);
		});
	}

	private List<Map.Entry<UUID, VersionKey>> runEdges(OrgId orgId, Set<UUID> runIds, String direction) {
		if (runIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select l.run_id, l.artifact_id, l.version from artifact_lineage l
				join artifact_versions v on v.org_id = l.org_id and v.artifact_id = l.artifact_id and v.version = l.version
				where l.org_id = ? and l.run_id = any(?) and l.direction = ? and v.state = 'COMMITTED'""")
			.params(orgId.value(), runIds.toArray(UUID[]::new), direction)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class),
					new VersionKey(rs.getObject(2, UUID.class), rs.getInt(3))))
			.list();
	}

	private List<Map.Entry<VersionKey, UUID>> versionEdges(OrgId orgId, Set<VersionKey> versions, String direction) {
		var result = new ArrayList<Map.Entry<VersionKey, UUID>>();
		for (var key : versions) {
			jdbc.sql("""
					select l.run_id from artifact_lineage l
					join runs r on r.org_id = l.org_id and r.run_id = l.run_id
					where l.org_id = ? and l.artifact_id = ? and l.version = ? and l.direction = ?""")
				.params(orgId.value(), key.artifactId(), key.version(), direction)
				.query(UUID.class)
				.list()
				.forEach(run -> result.add(Map.entry(key, run)));
		}
		return result;
	}

	private List<Node> nodes(OrgId orgId, Set<UUID> runIds, Set<VersionKey> versions) {
		var nodes = new ArrayList<Node>();
		if (!runIds.isEmpty()) {
			jdbc.sql("select run_id, name from runs where org_id = ? and run_id = any(?) order by started_at, run_id")
				.params(orgId.value(), runIds.toArray(UUID[]::new))
				.query(rs -> {
					var id = rs.getObject(1, UUID.class).toString();
					nodes.add(new Node("run:" + id, "run", id, rs.getString(2), null, null, null, null));
				});
		}
		versions.stream().sorted(java.util.Comparator.comparing(VersionKey::id)).forEach(key -> jdbc.sql(
				"select name, type from artifacts where org_id = ? and artifact_id = ?")
			.params(orgId.value(), key.artifactId())
			.query(rs -> {
				nodes.add(new Node(key.id(), "artifact", null, null, key.artifactId().toString(), rs.getString(1),
						rs.getString(2), key.version()));
			}));
		return nodes;
	}
}
