package io.runledger.api.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.search.RunField;
import io.runledger.api.tracking.search.RunFilter;
import io.runledger.api.tracking.search.RunOrder;
import io.runledger.api.tracking.search.RunSearchSql;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Run search over several projects of one organisation at once (MLflow's {@code runs/search} takes a list of
 * experiments). Each project is searched with exactly the statements {@link RunSearch} uses ({@link RunSearchSql}),
 * page by page, and the per-project streams are merged in the search order, so a page is what one search over the
 * union of the projects would return. The page token holds one keyset cursor per project that still has runs.
 *
 * <p>
 * The merge compares rows the way the SQL orders them: sort columns in their key's direction with runs lacking a
 * value last in both directions, text by code point ({@code COLLATE "C"}), NaN above every number, then the run id.
 */
@Component
public class MultiProjectRunSearch {

	/** Which runs count: MLflow's view types. */
	public enum Lifecycle {

		ACTIVE_ONLY, DELETED_ONLY, ALL

	}

	/**
	 * @param projects the projects to search (duplicates ignored)
	 * @param filter the filter, or {@code null}
	 * @param order the order, or {@code null} for {@link RunOrder#DEFAULT}
	 * @param limit the page size, 1 to {@link RunSearchSql#MAX_LIMIT}
	 * @param pageToken the previous page's {@link Result#nextPageToken()}, or {@code null} for the first page
	 * @param lifecycle which runs count
	 */
	public record Request(List<ProjectId> projects, RunFilter filter, RunOrder order, int limit, String pageToken,
			Lifecycle lifecycle) {
	}

	/** A page of runs with everything {@link RunSearch} loads, and the token of the next page ({@code null}: none). */
	public record Result(List<RunSearch.Found> runs, String nextPageToken) {
	}

	private static final byte TOKEN_VERSION = 1;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final RunSearch search;

	private final Clock clock;

	MultiProjectRunSearch(JdbcClient jdbc, TenantTransactions tx, RunSearch search, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.search = search;
		this.clock = clock;
	}

	public Result search(OrgId orgId, Request request) {
		if (request.limit() < 1 || request.limit() > RunSearchSql.MAX_LIMIT) {
			throw new InvalidRequestException(
					"max_results must be between 1 and " + RunSearchSql.MAX_LIMIT + ", got " + request.limit());
		}
		var order = request.order() == null ? RunOrder.DEFAULT : request.order();
		var projects = new LinkedHashSet<UUID>();
		request.projects().forEach(p -> projects.add(p.value()));
		var positions = decode(request.pageToken(), projects);
		var comparator = new RowOrder(order);
		int fetch = Math.min(request.limit() + 1, RunSearchSql.MAX_LIMIT);
		Instant now = clock.instant();
		return tx.read(orgId, () -> {
			var sources = new ArrayList<Source>();
			for (var project : projects) {
				if (positions.containsKey(project)) {
					sources.add(new Source(orgId, project, positions.get(project), request, order, fetch, now));
				}
			}
			var taken = new ArrayList<UUID>();
			while (taken.size() < request.limit()) {
				Source best = null;
				for (var source : sources) {
					var head = source.peek();
					if (head != null && (best == null || comparator.compare(head, best.peek()) < 0)) {
						best = source;
					}
				}
				if (best == null) {
					break;
				}
				taken.add(best.next().runId());
			}
			var remaining = new LinkedHashMap<UUID, String>();
			for (var source : sources) {
				if (source.peek() != null) {
					remaining.put(source.project, source.position());
				}
			}
			return new Result(search.load(orgId, taken), remaining.isEmpty() ? null : encode(remaining));
		});
	}

	/** One project's runs in search order, fetched a page at a time. */
	private final class Source {

		final UUID project;

		private final OrgId orgId;

		private final Request request;

		private final RunOrder order;

		private final int fetch;

		private final Instant now;

		private final ArrayDeque<RunSearchSql.Row> buffer = new ArrayDeque<>();

		/** Where the token resumes: after the last row taken, or where this request started. */
		private String position;

		/** Where the next fetch starts: after the last row fetched. */
		private String fetchCursor;

		private boolean exhausted;

		Source(OrgId orgId, UUID project, String start, Request request, RunOrder order, int fetch, Instant now) {
			this.orgId = orgId;
			this.project = project;
			this.position = start;
			this.fetchCursor = start;
			this.request = request;
			this.order = order;
			this.fetch = fetch;
			this.now = now;
		}

		RunSearchSql.Row peek() {
			while (this.buffer.isEmpty() && !this.exhausted) {
				fill();
			}
			return this.buffer.peekFirst();
		}

		RunSearchSql.Row next() {
			var row = this.buffer.pollFirst();
			this.position = RunSearchSql.nextCursor(this.order, row);
			return row;
		}

		String position() {
			return this.position == null ? "" : this.position;
		}

		private void fill() {
			var lifecycle = this.request.lifecycle() == null ? Lifecycle.ACTIVE_ONLY : this.request.lifecycle();
			var page = RunSearchSql.page(this.orgId.value(), this.project, this.request.filter(), this.order,
					this.fetch, this.fetchCursor, lifecycle != Lifecycle.ACTIVE_ONLY, this.now);
			var rows = jdbc.sql(page.sql()).params(page.params()).query((rs, i) -> RunSearchSql.readRow(rs, page)).list();
			if (rows.size() < this.fetch) {
				this.exhausted = true;
			}
			if (rows.isEmpty()) {
				return;
			}
			this.fetchCursor = RunSearchSql.nextCursor(this.order, rows.getLast());
			if (lifecycle == Lifecycle.DELETED_ONLY) {
				var deleted = new HashSet<>(jdbc
					.sql("select run_id from runs where org_id = ? and run_id = any(?) and deleted_at is not null")
					.params(this.orgId.value(), rows.stream().map(RunSearchSql.Row::runId).toArray(UUID[]::new))
					.query(UUID.class)
					.list());
				rows = rows.stream().filter(row -> deleted.contains(row.runId())).toList();
			}
			this.buffer.addAll(rows);
		}
	}

	/** The order of {@link RunSearchSql}'s result rows, in Java. */
	private static final class RowOrder {

		private final List<RunSearchSql.SortColumn> columns;

		private final boolean[] descending;

		private final boolean runIdDescending;

		RowOrder(RunOrder order) {
			this.columns = RunSearchSql.sortColumns(order);
			var keys = order.effectiveKeys();
			var directions = new ArrayList<Boolean>();
			for (var key : keys.subList(0, keys.size() - 1)) {
				directions.add(key.descending());
				if (key.field() instanceof RunField.Param) {
					directions.add(key.descending());
				}
			}
			if (directions.size() != this.columns.size()) {
				throw new IllegalStateException("sort columns and keys disagree for " + order.toOrderString());
			}
			this.descending = new boolean[directions.size()];
			for (int i = 0; i < this.descending.length; i++) {
				this.descending[i] = directions.get(i);
			}
			this.runIdDescending = keys.getLast().descending();
		}

		int compare(RunSearchSql.Row a, RunSearchSql.Row b) {
			for (int i = 0; i < this.columns.size(); i++) {
				var x = a.sortValues().get(i);
				var y = b.sortValues().get(i);
				if (x == null || y == null) {
					if (x != y) {
						return x == null ? 1 : -1;
					}
					continue;
				}
				int c = switch (this.columns.get(i).type()) {
					case NUMBER -> numbers((Double) x, (Double) y);
					case TEXT -> codePoints((String) x, (String) y);
					case TIME -> ((Instant) x).compareTo((Instant) y);
					case ID -> ids((UUID) x, (UUID) y);
				};
				if (c != 0) {
					return this.descending[i] ? -c : c;
				}
			}
			int c = ids(a.runId(), b.runId());
			return this.runIdDescending ? -c : c;
		}

		/** PostgreSQL's order of double precision: NaN above everything, -0 equal to 0. */
		private static int numbers(double x, double y) {
			return x == y ? 0 : Double.compare(x, y);
		}

		/** {@code COLLATE "C"}: by code point (UTF-8 byte order). */
		private static int codePoints(String x, String y) {
			int i = 0;
			int j = 0;
			while (i < x.length() && j < y.length()) {
				int a = x.codePointAt(i);
				int b = y.codePointAt(j);
				if (a != b) {
					return Integer.compare(a, b);
				}
				i += Character.charCount(a);
				j += Character.charCount(b);
			}
			return i < x.length() ? 1 : j < y.length() ? -1 : 0;
		}

		/** PostgreSQL compares uuids as unsigned bytes, which is the order of their canonical text. */
		private static int ids(UUID x, UUID y) {
			return x.toString().compareTo(y.toString());
		}
	}

	// ------------------------------------------------------------------------------------------------ token

	/** Binary, base64url: version, then per project still in play its id and its keyset cursor ("" = start). */
	private static String encode(Map<UUID, String> positions) {
		var parts = new ArrayList<byte[]>();
		int size = 1 + 4;
		for (var cursor : positions.values()) {
			var bytes = cursor.getBytes(StandardCharsets.US_ASCII);
			parts.add(bytes);
			size += 16 + 4 + bytes.length;
		}
		var buffer = ByteBuffer.allocate(size).put(TOKEN_VERSION).putInt(positions.size());
		int i = 0;
		for (var project : positions.keySet()) {
			var bytes = parts.get(i++);
			buffer.putLong(project.getMostSignificantBits()).putLong(project.getLeastSignificantBits());
			buffer.putInt(bytes.length).put(bytes);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/** Project → cursor ({@code null} = from the start) for the projects the token (or a first page) covers. */
	private static Map<UUID, String> decode(String token, java.util.Set<UUID> projects) {
		var positions = new LinkedHashMap<UUID, String>();
		if (token == null || token.isEmpty()) {
			projects.forEach(p -> positions.put(p, null));
			return positions;
		}
		try {
			var buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
			if (buffer.get() != TOKEN_VERSION) {
				throw malformed();
			}
			int count = buffer.getInt();
			if (count < 0 || count > projects.size()) {
				throw malformed();
			}
			for (int i = 0; i < count; i++) {
				var project = new UUID(buffer.getLong(), buffer.getLong());
				int length = buffer.getInt();
				if (length < 0 || length > buffer.remaining() || !projects.contains(project)) {
					throw malformed();
				}
				var bytes = new byte[length];
				buffer.get(bytes);
				var cursor = new String(bytes, StandardCharsets.US_ASCII);
				positions.put(project, cursor.isEmpty() ? null : cursor);
			}
			if (buffer.hasRemaining()) {
				throw malformed();
			}
			return positions;
		}
		catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
			throw malformed();
		}
	}

	private static InvalidRequestException malformed() {
		return new InvalidRequestException(
				"page_token is malformed or was made for other experiments; pass back the next_page_token of the "
						+ "previous page with the same experiment_ids");
	}
}
