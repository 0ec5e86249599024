package io.runledger.api.tracking.search;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.runledger.api.tracking.search.RunSearchSql.ColumnType;
import io.runledger.api.tracking.search.RunSearchSql.SortColumn;
import io.runledger.tenancy.InvalidRequestException;

/**
 * The keyset cursor: the sort values and run id of the last row of a page, bound to the order it was made for.
 * Binary, then base64url without padding: version byte, order fingerprint (int), value count (int), one tagged value
 * per sort column (0 null, 1 double bits, 2 UTF-8 text with int length, 3 epoch microseconds, 4 UUID), the run id.
 * Decoding trusts nothing: every value becomes a bind parameter, and any inconsistency is a 400.
 */
final class SearchCursor {

	static final int MAX_LENGTH = 200_000;

	private static final byte VERSION = 1;

	private static final byte NULL = 0;

	private static final byte NUMBER = 1;

	private static final byte TEXT = 2;

	private static final byte TIME = 3;

	private static final byte ID = 4;

	/** The decoded sort values ({@code null} where the row lacked the value) and the run id. */
	record Position(List<Object> values, UUID runId) {
	}

	private SearchCursor() {
	}

	static String encode(RunOrder order, List<SortColumn> columns, List<Object> values, UUID runId) {
		if (values.size() != columns.size() || runId == null) {
			throw new IllegalArgumentException("a row has " + columns.size() + " sort values and a run id");
		}
		var texts = new ArrayList<byte[]>();
		int size = 1 + 4 + 4 + 16;
		for (int i = 0; i < values.size(); i++) {
			var value = values.get(i);
			size += 1;
			if (value == null) {
				continue;
			}
			switch (columns.get(i).type()) {
				case NUMBER, TIME -> size += 8;
				case ID -> size += 16;
				case TEXT -> {
					var bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
					texts.add(bytes);
					size += 4 + bytes.length;
				}
			}
		}
		var buffer = ByteBuffer.allocate(size);
		buffer.put(VERSION).putInt(fingerprint(order)).putInt(values.size());
		int text = 0;
		for (int i = 0; i < values.size(); i++) {
			var value = values.get(i);
			if (value == null) {
				buffer.put(NULL);
				continue;
			}
			switch (columns.get(i).type()) {
				case NUMBER -> buffer.put(NUMBER).putLong(Double.doubleToRawLongBits(((Number) value).doubleValue()));
				case TIME -> buffer.put(TIME).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) value));
				case ID -> buffer.put(ID)
					.putLong(((UUID) value).getMostSignificantBits())
					.putLong(((UUID) value).getLeastSignificantBits());
				case TEXT -> {
					var bytes = texts.get(text++);
					buffer.put(TEXT).putInt(bytes.length).put(bytes);
				}
			}
		}
		buffer.putLong(runId.getMostSignificantBits()).putLong(runId.getLeastSignificantBits());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	static Position decode(String cursor, RunOrder order, List<SortColumn> columns) {
		if (cursor.length() > MAX_LENGTH) {
			throw malformed();
		}
		try {
			var buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
			if (buffer.get() != VERSION) {
				throw malformed();
			}
			if (buffer.getInt() != fingerprint(order)) {
				throw new InvalidRequestException(
						"page_token was made for a different order_by; pass the same order_by as for the first page");
			}
			if (buffer.getInt() != columns.size()) {
				throw malformed();
			}
			var values = new ArrayList<Object>(columns.size());
			for (var column : columns) {
				byte tag = buffer.get();
				if (tag == NULL) {
					if (!column.nullable()) {
						throw malformed();
					}
					values.add(null);
					continue;
				}
				values.add(switch (column.type()) {
					case NUMBER -> {
						expect(tag, NUMBER);
						yield Double.longBitsToDouble(buffer.getLong());
					}
					case TIME -> {
						expect(tag, TIME);
						var instant = Instant.EPOCH.plus(buffer.getLong(), ChronoUnit.MICROS);
						if (instant.isBefore(FilterParser.MIN_TIME.minus(1, ChronoUnit.DAYS))
								|| instant.isAfter(FilterParser.MAX_TIME.plus(1, ChronoUnit.DAYS))) {
							throw malformed();
						}
						yield instant;
					}
					case ID -> {
						expect(tag, ID);
						yield new UUID(buffer.getLong(), buffer.getLong());
					}
					case TEXT -> {
						expect(tag, TEXT);
						int length = buffer.getInt();
						if (length < 0 || length > buffer.remaining()) {
							throw malformed();
						}
						var bytes = new byte[length];
						buffer.get(bytes);
						var text = new String(bytes, StandardCharsets.UTF_8);
						if (text.indexOf('\0') >= 0) {
							throw malformed();
						}
						yield text;
					}
				});
			}
			var runId = new UUID(buffer.getLong(), buffer.getLong());
			if (buffer.hasRemaining()) {
				throw malformed();
			}
			return new Position(values, runId);
		}
		catch (IllegalArgumentException | BufferUnderflowException | ArithmeticException | DateTimeException e) {
			throw malformed();
		}
	}

	private static void expect(byte tag, byte expected) {
		if (tag != expected) {
			throw malformed();
		}
	}

	static int fingerprint(RunOrder order) {
		return order.toOrderString().hashCode();
	}

	private static InvalidRequestException malformed() {
		return new InvalidRequestException("page_token is malformed; pass back the next_page_token of the previous page");
	}
}
