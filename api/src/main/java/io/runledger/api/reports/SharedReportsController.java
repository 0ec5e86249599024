package io.runledger.api.reports;

import java.time.Instant;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.artifacts.Downloads;
import io.runledger.api.http.ShareLinkAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * The anonymous face of share links. There are exactly three reads, all keyed by the token: the report, its panels'
 * data, and the files of artifacts its blocks reference. No route here takes a run, report, artifact or project id,
 * so nothing beyond the link's report can be reached.
 */
@RestController
@Tag(name = "Shared reports")
class SharedReportsController {

	private final ShareLinks links;

	private final Downloads downloads;

	SharedReportsController(ShareLinks links, Downloads downloads) {
		this.links = links;
		this.downloads = downloads;
	}

	record SharedReportView(String reportId, int version, String title, String description, JsonNode blocks,
			Instant snapshotAt, Instant expiresAt) {
	}

	@GetMapping(ShareLinkAccess.REPORTS + "{token}")
	@ShareLinkAccess
	@Operation(summary = "Read a shared report by its link token, without credentials (counts a view)")
	ResponseEntity<SharedReportView> report(@PathVariable String token) {
		var shared = links.view(token);
		var content = shared.content();
		return ResponseEntity.ok()
			.headers(h -> privateAnswer(h))
			.body(new SharedReportView(shared.reportId().toString(), shared.version(), content.title(),
					content.description(), ReportJson.write(content.blocks()), shared.snapshotAt(),
					shared.expiresAt()));
	}

	@GetMapping(ShareLinkAccess.REPORTS + "{token}/data")
	@ShareLinkAccess
	@Operation(summary = "The shared report's panel data (frozen for snapshot links), without credentials",
			// The bytes are the rendered report's JSON as stored (or rendered) once; document what they hold.
			responses = @ApiResponse(responseCode = "200", description = "OK",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = RenderedReport.class))))
	ResponseEntity<byte[]> data(@PathVariable String token) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.headers(h -> privateAnswer(h))
			.body(links.data(token));
	}

	@GetMapping(ShareLinkAccess.REPORTS + "{token}/artifacts/{blockId}/file")
	@ShareLinkAccess
	@Operation(summary = "Download one file of an artifact the shared report references, without credentials; large "
			+ "files answer 307 to a presigned URL of the object store that expires with the link at the latest")
	void artifactFile(@PathVariable String token, @PathVariable String blockId, @RequestParam String path,
			HttpServletRequest request, HttpServletResponse response) {
		var shared = links.artifactFile(token, blockId, path);
		// Set first, so the redirect carries them as well and the store's answer is signed to say no-store too.
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Robots-Tag", "noindex");
		downloads.send(request, response, shared.file(), shared.linkExpiresAt());
	}

	/** Revocation must bite at once (no caches), and the token in the URL must not leak onwards as a referrer. */
	private static void privateAnswer(HttpHeaders headers) {
		headers.setCacheControl(CacheControl.noStore());
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("X-Robots-Tag", "noindex");
	}
}
