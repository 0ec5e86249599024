package io.runledger.api.reports;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.api.http.ShareLinkAccess;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Reports")
class ShareLinksController {

	private final ShareLinks links;

	private final SharePages pages;

	ShareLinksController(ShareLinks links, SharePages pages) {
		this.links = links;
		this.pages = pages;
	}

	record CreateLink(Instant expiresAt, Boolean snapshot) {
	}

	record LinkView(String id, String reportId, String tokenPrefix, String createdBy, Instant createdAt,
			Instant expiresAt, Instant revokedAt, String revokedBy, long viewCount, Instant lastViewedAt,
			Instant snapshotAt, Integer snapshotVersion) {

		static LinkView of(ShareLink l) {
			return new LinkView(l.id().toString(), l.reportId().toString(), l.tokenPrefix(), l.createdBy(),
					l.createdAt(), l.expiresAt(), l.revokedAt(), l.revokedBy(), l.viewCount(), l.lastViewedAt(),
					l.snapshotAt(), l.snapshotVersion());
		}
	}

	/** {@code url}: the page a person opens; {@code path}: the API resource the page reads. */
	record IssuedView(String token, String url, String path, LinkView link) {
	}

	record LinkList(List<LinkView> items) {
	}

	@Creates
	@PostMapping("/api/v1/reports/{reportId}/share-links")
	@Requires(Permission.EDIT_REPORTS)
	@Operation(summary = "Create a read-only share link to the report (the token is shown only in this answer)",
			description = """
					Body (optional): {"expiresAt": "2026-12-31T00:00:00Z", "snapshot": true}. Anyone with the link reads
					the report and its panels' data without signing in: live (the current version, panels rendered at
					each read) or, with snapshot, the version and panel data of this moment, frozen. The answer's url is the page to hand out (runledger.reports.public-base-url, else the
					address this request came to). Audited.""")
	ResponseEntity<IssuedView> create(CallerIdentity caller, @PathVariable String reportId,
			@RequestBody(required = false) CreateLink body) {
		var b = body == null ? new CreateLink(null, null) : body;
		var issued = links.create(caller.orgId(), ReportId.parse(reportId), b.expiresAt(),
				Boolean.TRUE.equals(b.snapshot()), caller.actor());
		var path = ShareLinkAccess.REPORTS + issued.token();
		return ResponseEntity.created(URI.create(path))
			.body(new IssuedView(issued.token(), pages.pageOf(issued.token()).toString(), path,
					LinkView.of(issued.link())));
	}

	@GetMapping("/api/v1/reports/{reportId}/share-links")
	@Requires(Permission.EDIT_REPORTS)
	@Operation(summary = "The report's share links with their state and view counts (never their tokens)")
	LinkList list(CallerIdentity caller, @PathVariable String reportId) {
		return new LinkList(links.list(caller.orgId(), ReportId.parse(reportId)).stream().map(LinkView::of).toList());
	}

	@DeleteMapping("/api/v1/reports/{reportId}/share-links/{linkId}")
	@Requires(Permission.EDIT_REPORTS)
	@Operation(summary = "Revoke a share link: it stops working at once. Audited.")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(CallerIdentity caller, @PathVariable String reportId, @PathVariable String linkId) {
		links.revoke(caller.orgId(), ReportId.parse(reportId), ShareLinkId.parse(linkId), caller.actor());
	}
}
