package io.runledger.api.tracking.search;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

import io.runledger.api.tracking.search.RunFilter.And;
import io.runledger.api.tracking.search.RunFilter.Comparison;
import io.runledger.api.tracking.search.RunFilter.Not;
import io.runledger.api.tracking.search.RunFilter.Or;
import io.runledger.api.tracking.search.RunOrder.SortKey;
import io.runledger.api.tracking.search.RunSearchSql.ColumnType;

/**
 * The semantics of run search, executable: an in-memory evaluator of filters and orders over plain records, with the
 * same results as the SQL {@link RunSearchSql} produces on PostgreSQL. It is the reference for tests (generate runs,
 * store them, compare the database's answer with this one) and the most precise statement of what search means:
 * <ul>
 * <li>numbers compare as PostgreSQL's {@code double precision}: {@code NaN} equals {@code NaN} and is greater than
 * every other number including {@code Infinity}; {@code -0.0} equals {@code 0.0};</li>
 * <li>text compares by Unicode code point ({@code COLLATE "C"}); {@code LIKE} with {@code %}, {@code _} and
 * {@code \} as escape; {@code ILIKE} lower-cases both sides code point by code point (as PostgreSQL does; outside
 * ASCII the two can differ in rare cases, so random tests should keep ILIKE to ASCII);</li>
 * <li>a comparison on an absent value (no such metric/param/tag, no {@code group}/{@code ended_at}, or a metric whose
 * chosen aggregate is null) is false, {@code !=} and {@code NOT IN} included; only {@code IS NULL} is true, and
 * {@code NOT} turns any false into true;</li>
 * <li>a param compared with a number compares its numeric value ({@code value_num}); a param without one never
 * matches a number, {@code !=} and {@code NOT IN} included;</li>
 * <li>absent sort values sort last in both directions; run ids sort by their bytes (unsigned), as PostgreSQL's
 * {@code uuid} does.</li>
 * </ul>
 */
public final class RunFilterOracle {

	/**
	 * A param as {@code run_params} stores it.
	 * @param value the text
	 * @param valueNum the numeric reading ({@code value_num}), {@code null} when the text is not a finite number
	 */
	public record Param(String value, Double valueNum) {

		public Param {
			Objects.requireNonNull(value, "value");
		}

		/**
		 * A param whose numeric reading is Java's reading of a plain decimal number (optional sign, digits, point,
		 * exponent), when finite. Tests that store params must store this same {@code value_num}.
		 */
		public static Param of(String value) {
			Double number = null;
			if (PLAIN_NUMBER.matcher(value).matches()) {
				double parsed = Double.parseDouble(value);
				number = Double.isFinite(parsed) ? parsed : null;
			}
			return new Param(value, number);
		}

		private static final Pattern PLAIN_NUMBER = Pattern
			.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
	}

	/** A metric series' summary as {@code metric_series} stores it; a {@code null} means no value. */
	public record Summary(Double last, Double min, Double max) {

		Double get(RunField.Aggregate aggregate) {
			return switch (aggregate) {
				case LAST -> this.last;
				case MIN -> this.min;
				case MAX -> this.max;
			};
		}
	}

	/**
	 * A run with everything search can see. Times should have microsecond precision, as PostgreSQL keeps them.
	 * @param metrics by display key
	 */
	public record Run(UUID runId, String name, String state, String createdBy, String group, Instant startedAt,
			Instant endedAt, boolean deleted, Map<String, Param> params, Map<String, String> tags,
			Map<String, Summary> metrics) {

		public Run {
			Objects.requireNonNull(runId, "runId");
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(state, "state");
			Objects.requireNonNull(createdBy, "createdBy");
			Objects.requireNonNull(startedAt, "startedAt");
			params = Map.copyOf(params);
			tags = Map.copyOf(tags);
			metrics = Map.copyOf(metrics);
		}
	}

	private RunFilterOracle() {
	}

	/**
	 * The runs a search finds, in its order: what {@link RunSearchSql#page} returns page after page.
	 * @param filter the filter, or {@code null}
	 * @param order the order, or {@code null} for the default
	 */
	public static List<Run> search(Collection<Run> runs, RunFilter filter, RunOrder order, boolean includeDeleted,
			Instant now) {
		return runs.stream()
			.filter(run -> includeDeleted || !run.deleted())
			.filter(run -> filter == null || matches(filter, run, now))
			.sorted(comparator(order, now))
			.toList();
	}

	/** Whether the run matches the filter ({@code null} matches every run). */
	public static boolean matches(RunFilter filter, Run run, Instant now) {
		return switch (filter) {
			case null -> true;
			case And and -> and.operands().stream().allMatch(f -> matches(f, run, now));
			case Or or -> or.operands().stream().anyMatch(f -> matches(f, run, now));
			case Not not -> !matches(not.operand(), run, now);
			case Comparison comparison -> compare(comparison, run, now);
		};
	}

	/** The order of runs a search returns (the effective order, tiebreaks included). */
	public static Comparator<Run> comparator(RunOrder order, Instant now) {
		var effective = order == null ? RunOrder.DEFAULT : order;
		var columns = RunSearchSql.sortColumns(effective);
		var directions = directions(effective);
		boolean idDescending = directions.get(directions.size() - 1);
		return (a, b) -> {
			var x = sortValues(a, effective, now);
			var y = sortValues(b, effective, now);
			for (int i = 0; i < columns.size(); i++) {
				int c = compareNullsLast(x.get(i), y.get(i), columns.get(i).type(), directions.get(i));
				if (c != 0) {
					return c;
				}
			}
			int c = compareUuids(a.runId(), b.runId());
			return idDescending ? -c : c;
		};
	}

	/**
	 * A run's sort values in the order's sort columns: the values {@link RunSearchSql#readRow} reads for it.
	 */
	public static List<Object> sortValues(Run run, RunOrder order, Instant now) {
		var keys = (order == null ? RunOrder.DEFAULT : order).effectiveKeys();
		var values = new ArrayList<Object>();
		for (var key : keys.subList(0, keys.size() - 1)) {
			switch (key.field()) {
				case RunField.Metric metric -> values.add(metric(run, metric));
				case RunField.Param param -> {
					var p = run.params().get(param.key());
					values.add(p == null ? null : p.valueNum());
					values.add(p == null ? null : p.value());
				}
				case RunField.Tag tag -> values.add(run.tags().get(tag.key()));
				case RunField.Attribute attribute -> values.add(attribute(run, attribute.attribute(), now));
			}
		}
		return values;
	}

	/** For each sort column and then the run id: whether it sorts descending. */
	private static List<Boolean> directions(RunOrder order) {
		var directions = new ArrayList<Boolean>();
		for (SortKey key : order.effectiveKeys()) {
			directions.add(key.descending());
			if (key.field() instanceof RunField.Param) {
				directions.add(key.descending());
			}
		}
		return directions;
	}

	// ------------------------------------------------------------------------------------------------ comparisons

	private static boolean compare(Comparison c, Run run, Instant now) {
		var op = c.operator();
		return switch (c.field()) {
			case RunField.Metric metric -> {
				var value = metric(run, metric);
				yield op.isNullTest() ? (value == null) == (op == Operator.IS_NULL)
						: value != null && holds(op, c.values(), literal -> compareNumbers(value, number(literal)));
			}
			case RunField.Param param -> {
				var p = run.params().get(param.key());
				if (op.isNullTest()) {
					yield (p == null) == (op == Operator.IS_NULL);
				}
				if (p == null) {
					yield false;
				}
				if (op.isPattern()) {
					yield textHolds(op, p.value(), c.values());
				}
				// Element by element: a number compares value_num (and never matches a non-numeric param), a string
				// the text.
				yield holdsEach(op, c.values(), literal -> {
					if (literal instanceof Literal.Num n) {
						return p.valueNum() != null && holds(op, List.of(literal), l -> compareNumbers(p.valueNum(), n.value()));
					}
					return textHolds(op, p.value(), List.of(literal));
				});
			}
			case RunField.Tag tag -> {
				var value = run.tags().get(tag.key());
				yield op.isNullTest() ? (value == null) == (op == Operator.IS_NULL)
						: value != null && textHolds(op, value, c.values());
			}
			case RunField.Attribute attribute -> {
				var value = attribute(run, attribute.attribute(), now);
				if (op.isNullTest()) {
					yield (value == null) == (op == Operator.IS_NULL);
				}
				if (value == null) {
					yield false;
				}
				yield switch (value) {
					case String text -> textHolds(op, text, c.values());
					case Double number -> holds(op, c.values(), literal -> compareNumbers(number, number(literal)));
					case Instant time -> holds(op, c.values(), literal -> time.compareTo(((Literal.Time) literal).value()));
					case UUID id -> holds(op, c.values(), literal -> id.equals(((Literal.Id) literal).value()) ? 0 : 1);
					default -> throw new IllegalStateException(value.getClass().toString());
				};
			}
		};
	}

	/** For IN: one element matches; for NOT IN: every element matches {@code !=}; else the one value matches. */
	private static boolean holdsEach(Operator op, List<Literal> values,
			Predicate<Literal> elementHolds) {
		return switch (op) {
			case IN -> values.stream().anyMatch(elementHolds);
			case NOT_IN -> values.stream().allMatch(elementHolds);
			default -> elementHolds.test(values.get(0));
		};
	}

	/** The operator on a value whose order against each literal {@code compare} gives. */
	private static boolean holds(Operator op, List<Literal> values,
			ToIntFunction<Literal> compare) {
		return switch (op) {
			case EQ -> compare.applyAsInt(values.get(0)) == 0;
			case NE -> compare.applyAsInt(values.get(0)) != 0;
			case LT -> compare.applyAsInt(values.get(0)) < 0;
			case LE -> compare.applyAsInt(values.get(0)) <= 0;
			case GT -> compare.applyAsInt(values.get(0)) > 0;
			case GE -> compare.applyAsInt(values.get(0)) >= 0;
			case IN -> values.stream().anyMatch(v -> compare.applyAsInt(v) == 0);
			case NOT_IN -> values.stream().noneMatch(v -> compare.applyAsInt(v) == 0);
			default -> throw new IllegalStateException(op + " does not apply here");
		};
	}

	private static boolean textHolds(Operator op, String text, List<Literal> values) {
		return switch (op) {
			case LIKE -> like(text, ((Literal.Text) values.get(0)).value(), false);
			case NOT_LIKE -> !like(text, ((Literal.Text) values.get(0)).value(), false);
			case ILIKE -> like(text, ((Literal.Text) values.get(0)).value(), true);
			case NOT_ILIKE -> !like(text, ((Literal.Text) values.get(0)).value(), true);
			default -> holds(op, values, literal -> compareText(text, ((Literal.Text) literal).value()));
		};
	}

	private static double number(Literal literal) {
		return ((Literal.Num) literal).value();
	}

	private static Double metric(Run run, RunField.Metric metric) {
		var summary = run.metrics().get(metric.key());
		return summary == null ? null : summary.get(metric.aggregate());
	}

	private static Object attribute(Run run, RunAttribute attribute, Instant now) {
		return switch (attribute) {
			case NAME -> run.name();
			case STATE -> run.state();
			case RUN_ID -> run.runId();
			case GROUP -> run.group();
			case CREATED_BY -> run.createdBy();
			case STARTED_AT -> run.startedAt();
			case ENDED_AT -> run.endedAt();
			case DURATION -> ChronoUnit.MICROS.between(run.startedAt(),
					run.endedAt() != null ? run.endedAt() : now.truncatedTo(ChronoUnit.MICROS)) / 1000.0;
		};
	}

	// ------------------------------------------------------------------------------------------------ primitives

	/** PostgreSQL's order of {@code double precision}: NaN equal to NaN and above everything; -0 equal to 0. */
	public static int compareNumbers(double a, double b) {
		if (Double.isNaN(a)) {
			return Double.isNaN(b) ? 0 : 1;
		}
		if (Double.isNaN(b)) {
			return -1;
		}
		return a < b ? -1 : a > b ? 1 : 0;
	}

	/** Text order of {@code COLLATE "C"} on UTF-8: by code point. */
	public static int compareText(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Boolean.compare(i < a.length(), j < b.length());
	}

	/** PostgreSQL's {@code uuid} order: the 16 bytes, unsigned. */
	public static int compareUuids(UUID a, UUID b) {
		int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

	/** SQL {@code LIKE}/{@code ILIKE}: {@code %} any run, {@code _} one character, {@code \} escapes the next. */
	public static boolean like(String text, String pattern, boolean ignoreCase) {
		var subject = ignoreCase ? lower(text) : text;
		var source = ignoreCase ? lower(pattern) : pattern;
		var regex = new StringBuilder();
		for (int i = 0; i < source.length();) {
			int cp = source.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == '\\' && i < source.length()) {
				cp = source.codePointAt(i);
				i += Character.charCount(cp);
				regex.append(Pattern.quote(new String(Character.toChars(cp))));
			}
			else if (cp == '%') {
				regex.append(".*");
			}
			else if (cp == '_') {
				regex.append('.');
			}
			else {
				regex.append(Pattern.quote(new String(Character.toChars(cp))));
			}
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(subject).matches();
	}

	private static String lower(String text) {
		var lower = new StringBuilder(text.length());
		text.codePoints().forEach(cp -> lower.appendCodePoint(Character.toLowerCase(cp)));
		return lower.toString();
	}

	@SuppressWarnings("unchecked")
	private static int compareNullsLast(Object a, Object b, ColumnType type, boolean descending) {
		if (a == null || b == null) {
			return a == null ? (b == null ? 0 : 1) : -1;
		}
		int c = switch (type) {
			case NUMBER -> compareNumbers((Double) a, (Double) b);
			case TEXT -> compareText((String) a, (String) b);
			case TIME -> ((Instant) a).compareTo((Instant) b);
			case ID -> compareUuids((UUID) a, (UUID) b);
		};
		return descending ? -c : c;
	}
}
