package io.runledger.api.reports;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import tools.jackson.databind.JsonNode;

/**
 * Publishing a report with a share link in one step: the one way in for callers outside this package (the demo
 * seed), so the report internals stay package-private. Once per title and project: a second call finds the report
 * and makes no new link (a link's token is only ever known when it is made, so the first call's answer carries it).
 */
@Component
public class PublishReport {

	private final Reports reports;

	private final ShareLinks shareLinks;

	PublishReport(Reports reports, ShareLinks shareLinks) {
		this.reports = reports;
		this.shareLinks = shareLinks;
	}

	/** {@code shareToken}: present when this call made the report and its link; its page is /shared/{token}. */
	public record Published(ReportId reportId, Optional<String> shareToken) {
	}

	/**
	 * @param content a report as {@code POST /api/v1/projects/{id}/reports} takes it (title, description, blocks)
	 * @throws io.runledger.tenancy.InvalidRequestException for content the API would refuse
	 */
	public Published once(OrgId orgId, ProjectId projectId, JsonNode content, Actor actor) {
		var parsed = ReportJson.read(content);
		var existing = reports.list(orgId, projectId).stream()
			.filter(report -> report.content().title().equals(parsed.title()))
			.findFirst();
		if (existing.isPresent()) {
			return new Published(existing.get().id(), Optional.empty());
		}
		var report = reports.create(orgId, projectId, parsed, actor);
		var link = shareLinks.create(orgId, report.id(), null, false, actor);
		return new Published(report.id(), Optional.of(link.token()));
	}

	/** Another share link to a report (its token is only known now), e.g. when the first one's token was lost. */
	public String newShareLink(OrgId orgId, ReportId reportId, Actor actor) {
		return shareLinks.create(orgId, reportId, null, false, actor).token();
	}
}
