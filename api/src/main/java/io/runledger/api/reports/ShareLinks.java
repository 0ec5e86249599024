package io.runledger.api.reports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.artifacts.ArtifactReferences;
import io.runledger.api.artifacts.Downloads;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Share links: creating, listing and revoking them (audited), and opening one by its token for an anonymous reader.
 * Opening crosses tenants exactly once, in a SECURITY DEFINER function that maps the token's hash to ids; everything
 * after that happens in the link's organisation's own transaction, and yields only the link's report.
 */
@Component
class ShareLinks {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Reports reports;

	private final ReportRenderer renderer;

	private final AuditLog audit;

	private final JsonMapper json;

	private final Clock clock;

	private final ArtifactReferences artifacts;

	ShareLinks(JdbcClient jdbc, TenantTransactions tx, Reports reports, ReportRenderer renderer, AuditLog audit,
			JsonMapper json, Clock clock, ArtifactReferences artifacts) {
		this.artifacts = artifacts;
		this.jdbc = jdbc;
		this.tx = tx;
		this.reports = reports;
		this.renderer = renderer;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** The token is in this answer only; afterwards just its hash exists. */
	record Issued(ShareLink link, String token) {
	}

	Issued create(OrgId orgId, ReportId reportId, Instant expiresAt, boolean snapshot, Actor actor) {
		var now = clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new InvalidRequestException("expiresAt must be in the future");
		}
		var report = reports.get(orgId, reportId);
		// Rendered before the write transaction: a snapshot holds exactly what the report showed at this instant.
		byte[] data = snapshot ? gzip(json.writeValueAsBytes(renderer.render(orgId, report.projectId(), report.id(),
				report.version(), report.content()))) : null;
		var token = ShareTokens.generate();
		var id = new ShareLinkId(UUID.randomUUID());
		var link = new ShareLink(id, reportId, ShareTokens.prefixOf(token), Reports.who(actor), now, expiresAt, null,
				null, 0, null, snapshot ? now : null, snapshot ? report.version() : null);
		tx.writeVoid(orgId, () -> {
			jdbc.sql("""
					insert into report_share_links (org_id, link_id, report_id, token_hash, token_prefix, created_by,
					    created_at, expires_at, snapshot_at, snapshot_version, snapshot_data)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(orgId.value(), id.value(), reportId.value(), ShareTokens.hash(token), link.tokenPrefix(),
						link.createdBy(), Timestamp.from(now), timestamp(expiresAt), timestamp(link.snapshotAt()),
						link.snapshotVersion(), data)
				.update();
			var details = new HashMap<String, Object>();
			details.put("reportId", reportId.toString());
			details.put("snapshot", snapshot);
			if (expiresAt != null) {
				details.put("expiresAt", expiresAt.toString());
			}
			audit.record(orgId, actor, "report.share_link.created", "report_share_link", id.toString(), details);
		});
		return new Issued(link, token);
	}

	List<ShareLink> list(OrgId orgId, ReportId reportId) {
		return tx.read(orgId, () -> {
			reports.get(orgId, reportId);
			return jdbc.sql("""
					select * from report_share_links where org_id = ? and report_id = ? order by created_at desc""")
				.params(orgId.value(), reportId.value())
				.query(ShareLinks::map)
				.list();
		});
	}

	/** Revoking twice is harmless and audited once. */
	void revoke(OrgId orgId, ReportId reportId, ShareLinkId linkId, Actor actor) {
		tx.writeVoid(orgId, () -> {
			var link = get(orgId, reportId, linkId);
			if (link.revokedAt() != null) {
				return;
			}
			jdbc.sql("""
					update report_share_links set revoked_at = ?, revoked_by = ?
					where org_id = ? and link_id = ? and revoked_at is null""")
				.params(Timestamp.from(clock.instant()), Reports.who(actor), orgId.value(), linkId.value())
				.update();
			audit.record(orgId, actor, "report.share_link.revoked", "report_share_link", linkId.toString(),
					Map.of("reportId", reportId.toString()));
		});
	}

	private ShareLink get(OrgId orgId, ReportId reportId, ShareLinkId linkId) {
		return jdbc.sql("select * from report_share_links where org_id = ? and report_id = ? and link_id = ?")
			.params(orgId.value(), reportId.value(), linkId.value())
			.query(ShareLinks::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("share link", linkId));
	}

	/** What an anonymous reader sees of the report: content only, no people, no comments. */
	record SharedReport(ReportId reportId, int version, ReportContent content, Instant snapshotAt,
			Instant expiresAt) {
	}

	/** Opens the link and counts the view. */
	SharedReport view(String token) {
		var opened = open(token);
		var link = opened.link();
		return tx.write(opened.orgId(), () -> {
			jdbc.sql("""
					update report_share_links set view_count = view_count + 1, last_viewed_at = ?
					where org_id = ? and link_id = ?""")
				.params(Timestamp.from(clock.instant()), opened.orgId().value(), link.id().value())
				.update();
			if (link.snapshotVersion() != null) {
				var version = reports.version(opened.orgId(), link.reportId(), link.snapshotVersion());
				return new SharedReport(link.reportId(), version.version(), version.content(), link.snapshotAt(),
						link.expiresAt());
			}
			var report = reports.get(opened.orgId(), link.reportId());
			return new SharedReport(report.id(), report.version(), report.content(), null, link.expiresAt());
		});
	}

	/** The panel data of the link's report as JSON: kept from the snapshot instant, or rendered now. */
	byte[] data(String token) {
		var opened = open(token);
		var link = opened.link();
		if (link.snapshotAt() != null) {
			return snapshotData(opened.orgId(), link);
		}
		var report = reports.get(opened.orgId(), link.reportId());
		return json.writeValueAsBytes(renderer.render(opened.orgId(), report.projectId(), report.id(),
				report.version(), report.content()));
	}

	/**
	 * One file of an artifact that a block of the link's report references, and nothing else: the block must be an
	 * artifact reference of the report version the link shows, and the file one of the version that block resolves
	 * to (for snapshot links, the version resolved at the snapshot, so a moved alias cannot widen the link).
	 */
	SharedFile artifactFile(String token, String blockId, String path) {
		var opened = open(token);
		var link = opened.link();
		var orgId = opened.orgId();
		var report = reports.get(orgId, link.reportId());
		var content = link.snapshotVersion() == null ? report.content()
				: reports.version(orgId, link.reportId(), link.snapshotVersion()).content();
		var reference = content.block(blockId)
			.filter(Block.ArtifactReference.class::isInstance)
			.map(Block.ArtifactReference.class::cast)
			.orElseThrow(() -> new NotFoundException("artifact block", blockId));
		Integer version;
		if (link.snapshotAt() != null) {
			version = snapshotArtifactVersion(orgId, link, blockId);
		}
		else {
			version = artifacts.resolve(orgId, report.projectId(), reference.artifactName(), reference.ref())
				.map(ArtifactReferences.Resolved::version)
				.orElse(null);
		}
		if (version == null) {
			throw new NotFoundException("artifact", reference.artifactName());
		}
		return new SharedFile(artifacts.download(orgId, report.projectId(), reference.artifactName(), version, path),
				link.expiresAt());
	}

	/** A file a share link grants, and when the link stops granting it (null: never, unless revoked). */
	record SharedFile(Downloads.File file, Instant linkExpiresAt) {
	}

	/** The panel data a snapshot link kept at its creation, as JSON. */
	private byte[] snapshotData(OrgId orgId, ShareLink link) {
		return gunzip(tx.read(orgId, () -> jdbc.sql("""
				select snapshot_data from report_share_links where org_id = ? and link_id = ?""")
			.params(orgId.value(), link.id().value())
			.query(byte[].class)
			.single()));
	}

	private Integer snapshotArtifactVersion(OrgId orgId, ShareLink link, String blockId) {
		for (var panel : json.readTree(snapshotData(orgId, link)).path("panels")) {
			if (blockId.equals(panel.path("blockId").asString()) && panel.path("artifact").isObject()) {
				return panel.path("artifact").path("version").asInt();
			}
		}
		return null;
	}

	private record Located(OrgId orgId, ShareLinkId linkId) {
	}

	private record Opened(OrgId orgId, ShareLink link) {
	}

	/**
	 * Unknown, malformed, revoked and expired tokens get the same 404, so an answer never tells a guesser more than
	 * "no". Expiry is judged by the application's clock.
	 */
	private Opened open(String token) {
		var notFound = new NotFoundException("share link", "rls_…");
		if (!ShareTokens.wellFormed(token)) {
			throw notFound;
		}
		var found = jdbc.sql("select org_id, link_id from report_share_link_for_token(?)")
			.params((Object) ShareTokens.hash(token))
			.query((rs, row) -> new Located(new OrgId(rs.getObject(1, UUID.class)),
					new ShareLinkId(rs.getObject(2, UUID.class))))
			.optional()
			.orElseThrow(() -> notFound);
		var orgId = found.orgId();
		var link = tx.read(orgId, () -> jdbc.sql("select * from report_share_links where org_id = ? and link_id = ?")
			.params(orgId.value(), found.linkId().value())
			.query(ShareLinks::map)
			.single());
		if (!link.usableAt(clock.instant())) {
			throw notFound;
		}
		return new Opened(orgId, link);
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static ShareLink map(ResultSet rs, int row) throws SQLException {
		return new ShareLink(new ShareLinkId(rs.getObject("link_id", UUID.class)),
				new ReportId(rs.getObject("report_id", UUID.class)), rs.getString("token_prefix"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "expires_at"),
				instant(rs, "revoked_at"), rs.getString("revoked_by"), rs.getLong("view_count"),
				instant(rs, "last_viewed_at"), instant(rs, "snapshot_at"), rs.getObject("snapshot_version", Integer.class));
	}

	private static byte[] gzip(byte[] data) {
		var out = new ByteArrayOutputStream(data.length / 4 + 64);
		try (var zip = new GZIPOutputStream(out)) {
			zip.write(data);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	private static byte[] gunzip(byte[] data) {
		try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
