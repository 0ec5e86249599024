package io.runledger.api.tracking;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Streams the columnar ingestion format straight into primitive arrays, without building a tree or boxing:
 *
 * <pre>
 * {"batchId": "optional idempotency key",
 *  "series": [{"key": "loss", "steps": [0, 1], "timestamps": [1700000000000, 1700000000100], "values": [0.9, 0.8]}]}
 * </pre>
 *
 * Values are JSON numbers, or "NaN", "Infinity", "-Infinity" (as strings or, as Python's json module writes them,
 * bare tokens). Steps and timestamps are integers (epoch milliseconds); timestamps may be omitted for "now". Any
 * problem rejects the whole batch with a message naming the series, the field and the index.
 */
final class MetricBatchParser {

	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxDocumentLength(TrackingLimits.MAX_BATCH_BYTES)
			.maxNestingDepth(16)
			.maxStringLength(1_000_000)
			.build())
		.build();

	private MetricBatchParser() {
	}

	static MetricBatch parse(InputStream body, long nowMillis) {
		try (var parser = JSON.createParser(ObjectReadContext.empty(), new Limited(body))) {
			return new Reading(parser, nowMillis).batch();
		}
		catch (InputCoercionException e) {
			throw new InvalidRequestException("number out of range: " + firstLine(e.getOriginalMessage()));
		}
		catch (JacksonException e) {
			if (e.getCause() instanceof PayloadTooLargeException tooLarge) {
				throw tooLarge;
			}
			throw new InvalidRequestException("request body is not valid JSON: " + firstLine(e.getOriginalMessage()));
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable input";
		}
		int newline = message.indexOf('\n');
		return Printable.abbreviate(newline < 0 ? message : message.substring(0, newline), 200);
	}

	private static final class Reading {

		private final JsonParser p;

		private final long now;

		private long points;

		Reading(JsonParser parser, long now) {
			this.p = parser;
			this.now = now;
		}

		MetricBatch batch() {
			expect(p.nextToken(), JsonToken.START_OBJECT, "request body must be a JSON object");
			String batchId = null;
			var series = new LinkedHashMap<String, SeriesPoints>();
			boolean sawSeries = false;
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				var field = p.currentName();
				var token = p.nextToken();
				switch (field) {
					case "batchId" -> batchId = batchId(token);
					case "series" -> {
						sawSeries = true;
						expect(token, JsonToken.START_ARRAY, "series must be an array");
						while (p.nextToken() != JsonToken.END_ARRAY) {
							expect(p.currentToken(), JsonToken.START_OBJECT, "each entry of series must be an object");
							var one = series();
							var existing = series.get(one.key);
							if (existing == null) {
								if (series.size() == TrackingLimits.MAX_SERIES_PER_BATCH) {
									throw new PayloadTooLargeException("a batch may carry at most "
											+ TrackingLimits.MAX_SERIES_PER_BATCH + " series");
								}
								series.put(one.key, one);
							}
							else {
								for (int i = 0; i < one.size; i++) {
									existing.add(one.steps[i], one.timestamps[i], one.values[i]);
								}
							}
						}
					}
					default -> p.skipChildren();
				}
			}
			if (p.nextToken() != null) {
				throw new InvalidRequestException("request body has content after the JSON object");
			}
			if (!sawSeries) {
				throw new InvalidRequestException("series is required");
			}
			return new MetricBatch(batchId, new ArrayList<>(series.values()));
		}

		private String batchId(JsonToken token) {
			if (token == JsonToken.VALUE_NULL) {
				return null;
			}
			expect(token, JsonToken.VALUE_STRING, "batchId must be a string");
			var id = p.getString();
			if (id.isEmpty() || id.length() > TrackingLimits.MAX_BATCH_ID_LENGTH
					|| id.chars().anyMatch(Character::isISOControl)) {
				throw new InvalidRequestException("batchId must be 1 to " + TrackingLimits.MAX_BATCH_ID_LENGTH
						+ " characters without control characters");
			}
			return id;
		}

		private SeriesPoints series() {
			String key = null;
			long[] steps = null;
			long[] timestamps = null;
			double[] values = null;
			int[] counts = new int[3];
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				var field = p.currentName();
				var token = p.nextToken();
				switch (field) {
					case "key" -> {
						expect(token, JsonToken.VALUE_STRING, "series key must be a string");
						key = TrackingLimits.key(p.getString(), "metric");
					}
					case "steps" -> {
						steps = longs(token, "steps", key, counts, 0);
					}
					case "timestamps" -> {
						timestamps = token == JsonToken.VALUE_NULL ? null : longs(token, "timestamps", key, counts, 1);
					}
					case "values" -> {
						values = doubles(token, key, counts);
					}
					default -> p.skipChildren();
				}
			}
			if (key == null) {
				throw new InvalidRequestException("every series needs a key");
			}
			if (steps == null || values == null) {
				throw new InvalidRequestException("series '" + Printable.abbreviate(key) + "' needs steps and values");
			}
			int n = counts[0];
			if (counts[2] != n || (timestamps != null && counts[1] != n)) {
				throw new InvalidRequestException("series '" + Printable.abbreviate(key)
						+ "' has arrays of different lengths: steps " + n + ", values " + counts[2]
						+ (timestamps == null ? "" : ", timestamps " + counts[1]));
			}
			if (timestamps == null) {
				timestamps = new long[n];
				Arrays.fill(timestamps, now);
			}
			points += n;
			if (points > TrackingLimits.MAX_POINTS_PER_BATCH) {
				throw new PayloadTooLargeException("a batch may carry at most " + TrackingLimits.MAX_POINTS_PER_BATCH
						+ " points; split it into several requests");
			}
			return new SeriesPoints(key, Arrays.copyOf(steps, n), Arrays.copyOf(timestamps, n),
					Arrays.copyOf(values, n));
		}

		private long[] longs(JsonToken token, String field, String key, int[] counts, int slot) {
			expect(token, JsonToken.START_ARRAY, where(key) + field + " must be an array of integers");
			var out = new long[256];
			int n = 0;
			JsonToken t;
			while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
				if (t != JsonToken.VALUE_NUMBER_INT) {
					throw new InvalidRequestException(where(key) + field + "[" + n + "] must be an integer"
							+ (field.equals("timestamps") ? " (epoch milliseconds)" : ""));
				}
				long value;
				try {
					value = p.getLongValue();
				}
				catch (InputCoercionException e) {
					throw new InvalidRequestException(where(key) + field + "[" + n + "] is outside the 64-bit range");
				}
				if (n == out.length) {
					out = Arrays.copyOf(out, n * 2);
				}
				out[n++] = value;
			}
			counts[slot] = n;
			return out;
		}

		private double[] doubles(JsonToken token, String key, int[] counts) {
			expect(token, JsonToken.START_ARRAY, where(key) + "values must be an array of numbers");
			var out = new double[256];
			int n = 0;
			JsonToken t;
			while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
				double value = switch (t) {
					case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(n, key);
					case VALUE_STRING -> special(p.getString(), n, key);
					default -> throw new InvalidRequestException(where(key) + "values[" + n + "] is not a number");
				};
				if (n == out.length) {
					out = Arrays.copyOf(out, n * 2);
				}
				out[n++] = value;
			}
			counts[2] = n;
			return out;
		}

		private double number(int index, String key) {
			double value = p.getDoubleValue();
			if (Double.isInfinite(value) && !p.isNaN() && !p.getString().toLowerCase().contains("inf")) {
				// 1e400 parses as Infinity; storing a different number than was sent would be silent data change.
				throw new InvalidRequestException(where(key) + "values[" + index + "] (" + Printable.abbreviate(
						p.getString()) + ") is outside the range of a 64-bit float");
			}
			return value;
		}

		private static double special(String text, int index, String key) {
			return switch (text) {
				case "NaN", "nan" -> Double.NaN;
				case "Infinity", "+Infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
				case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
				default -> throw new InvalidRequestException(where(key) + "values[" + index + "] is the string '"
						+ Printable.abbreviate(text) + "', not a number (strings allowed: NaN, Infinity, -Infinity)");
			};
		}

		private static String where(String key) {
			return key == null ? "series: " : "series '" + Printable.abbreviate(key) + "': ";
		}

		private static void expect(JsonToken actual, JsonToken expected, String message) {
			if (actual != expected) {
				throw new InvalidRequestException(message);
			}
		}
	}

	/** Counts bytes as they stream in, so an oversized body is refused without being buffered. */
	private static final class Limited extends FilterInputStream {

		private long read;

		Limited(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(long n) {
			read += n;
			if (read > TrackingLimits.MAX_BATCH_BYTES) {
				throw new PayloadTooLargeException("request body exceeds " + TrackingLimits.MAX_BATCH_BYTES
						+ " bytes; split the batch");
			}
		}
	}
}
