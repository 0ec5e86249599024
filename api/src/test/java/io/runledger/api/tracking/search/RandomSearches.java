package io.runledger.api.tracking.search;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.runledger.api.tracking.search.RunField.Aggregate;
import io.runledger.api.tracking.search.RunFilter.And;
import io.runledger.api.tracking.search.RunFilter.Comparison;
import io.runledger.api.tracking.search.RunFilter.Not;
import io.runledger.api.tracking.search.RunFilter.Or;
import io.runledger.api.tracking.search.RunFilterOracle.Param;
import io.runledger.api.tracking.search.RunFilterOracle.Run;
import io.runledger.api.tracking.search.RunFilterOracle.Summary;

/**
 * Random runs, filters and orders drawn from small pools, so that filters often hit (equal values, ties, shared
 * keys) and the edge cases come up: NaN and infinities, -0, missing keys, numeric and non-numeric params, LIKE
 * metacharacters, non-ASCII text, keys with dots, spaces and back-quotes.
 */
final class RandomSearches {

	static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

	static final Instant NOW = BASE.plus(20, ChronoUnit.DAYS);

	static final List<String> PARAM_KEYS = List.of("lr", "batch", "opt", "a.b", "x y", "n`b");

	static final List<String> PARAM_VALUES = List.of("0.1", "1e-3", "32", "-5", "0", "-0", "1.0", "1", "adam", "sgd",
			"Adam", "a%b", "a_b", "x\\y", "", "it's", "1_0", "NaN", "ä", "😀", "10", "9");

	static final List<String> TAG_KEYS = List.of("env", "team", "mlflow.runName", "k:v/x");

	static final List<String> TAG_VALUES = List.of("prod", "dev", "Dev", "a%b", "a_b", "x\\y", "", "😀", "é", "É",
			"z");

	static final List<String> METRIC_KEYS = List.of("loss", "acc", "val loss", "a.min");

	static final double[] NUMBERS = { 0, -0.0, 1, -1, 0.5, 2, 1e-3, 100, Double.NaN, Double.POSITIVE_INFINITY,
			Double.NEGATIVE_INFINITY, 0.1, 0.2, 0.3, 32, 10, 9 };

	static final List<String> NAMES = List.of("run-1", "run-2", "Run-3", "ünïcode", "😀run", "Z", "a%b", "a_b");

	static final List<String> USERS = List.of("alice", "bob", "Ädam");

	static final List<String> GROUPS = List.of("g1", "g2", "G1");

	static final List<String> PATTERNS = List.of("%", "a%", "%b", "_", "a\\_b", "a\\%b", "%\\%%", "A%", "x\\\\y",
			"%😀%", "prod", "d_v", "%é%", "%e%", "", "run-_", "%1%", "R%");

	private final Random random;

	private final List<Run> runs = new ArrayList<>();

	RandomSearches(long seed) {
		this.random = new Random(seed);
	}

	<T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	double number() {
		return NUMBERS[this.random.nextInt(NUMBERS.length)];
	}

	boolean chance(double p) {
		return this.random.nextDouble() < p;
	}

	int nextInt(int bound) {
		return this.random.nextInt(bound);
	}

	List<Run> runs(int count) {
		var pool = new ArrayList<Instant>();
		for (int i = 0; i < 8; i++) {
			pool.add(time());
		}
		for (int i = 0; i < count; i++) {
			var started = chance(0.3) ? pick(pool) : time();
			Instant ended = chance(0.3) ? null : started.plus(this.random.nextInt(3_000_000), ChronoUnit.MILLIS);
			var params = new HashMap<String, Param>();
			for (var key : PARAM_KEYS) {
				if (chance(0.7)) {
					params.put(key, Param.of(pick(PARAM_VALUES)));
				}
			}
			var tags = new HashMap<String, String>();
			for (var key : TAG_KEYS) {
				if (chance(0.6)) {
					tags.put(key, pick(TAG_VALUES));
				}
			}
			var metrics = new HashMap<String, Summary>();
			for (var key : METRIC_KEYS) {
				if (chance(0.7)) {
					metrics.put(key, chance(0.1) ? new Summary(null, null, null)
							: new Summary(number(), chance(0.1) ? null : number(), number()));
				}
			}
			this.runs.add(new Run(UUID.randomUUID(), pick(NAMES), pick(RunAttribute.STATES), pick(USERS),
					chance(0.3) ? null : pick(GROUPS), started, ended, chance(0.1), params, tags, metrics));
		}
		return List.copyOf(this.runs);
	}

	private Instant time() {
		return BASE.plus(this.random.nextLong(10L * 24 * 3600 * 1_000_000), ChronoUnit.MICROS);
	}

	RunFilter filter() {
		return filter(0);
	}

	private RunFilter filter(int depth) {
		if (depth > 3 || chance(0.45)) {
			return comparison();
		}
		return switch (this.random.nextInt(3)) {
			case 0 -> new And(List.of(filter(depth + 1), filter(depth + 1)));
			case 1 -> new Or(List.of(filter(depth + 1), filter(depth + 1)));
			default -> new Not(filter(depth + 1));
		};
	}

	Comparison comparison() {
		return switch (this.random.nextInt(4)) {
			case 0 -> {
				var op = pick(List.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE,
						Operator.IN, Operator.NOT_IN, Operator.IS_NULL, Operator.IS_NOT_NULL));
				yield new Comparison(new RunField.Metric(pick(METRIC_KEYS), pick(List.of(Aggregate.values()))), op,
						values(op, () -> new Literal.Num(number())));
			}
			case 1 -> {
				var op = pick(List.of(Operator.values()));
				yield new Comparison(new RunField.Param(pick(PARAM_KEYS)), op,
						values(op, () -> op.isPattern() ? new Literal.Text(pick(PATTERNS))
								: chance(0.5) ? new Literal.Num(number()) : new Literal.Text(pick(PARAM_VALUES))));
			}
			case 2 -> {
				var op = pick(List.of(Operator.values()));
				yield new Comparison(new RunField.Tag(pick(TAG_KEYS)), op,
						values(op, () -> new Literal.Text(op.isPattern() ? pick(PATTERNS) : pick(TAG_VALUES))));
			}
			default -> attributeComparison();
		};
	}

	private Comparison attributeComparison() {
		var attribute = pick(List.of(RunAttribute.values()));
		var field = new RunField.Attribute(attribute);
		return switch (attribute.kind()) {
			case TEXT -> {
				var op = pick(List.of(Operator.values()));
				var pool = attribute == RunAttribute.NAME ? NAMES : attribute == RunAttribute.GROUP ? GROUPS : USERS;
				yield new Comparison(field, op,
						values(op, () -> new Literal.Text(op.isPattern() ? pick(PATTERNS) : pick(pool))));
			}
			case STATE -> {
				var op = pick(List.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN));
				yield new Comparison(field, op, values(op, () -> new Literal.Text(pick(RunAttribute.STATES))));
			}
			case ID -> {
				var op = pick(List.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN));
				yield new Comparison(field, op, values(op, () -> new Literal.Id(
						this.runs.isEmpty() || chance(0.2) ? UUID.randomUUID() : pick(this.runs).runId())));
			}
			case TIME -> {
				var op = pick(List.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE,
						Operator.IN, Operator.NOT_IN, Operator.IS_NULL, Operator.IS_NOT_NULL));
				yield new Comparison(field, op, values(op, () -> new Literal.Time(
						this.runs.isEmpty() || chance(0.5) ? time() : pick(this.runs).startedAt())));
			}
			case DURATION -> {
				var op = pick(List.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE,
						Operator.IN, Operator.NOT_IN));
				yield new Comparison(field, op,
						values(op, () -> new Literal.Num(this.random.nextInt(3_000_000) + (chance(0.5) ? 0.5 : 0))));
			}
		};
	}

	private List<Literal> values(Operator op, java.util.function.Supplier<Literal> value) {
		if (op.isNullTest()) {
			return List.of();
		}
		if (!op.isList()) {
			return List.of(value.get());
		}
		var values = new ArrayList<Literal>();
		int n = 1 + this.random.nextInt(3);
		for (int i = 0; i < n; i++) {
			values.add(value.get());
		}
		return values;
	}

	RunOrder order() {
		var keys = new ArrayList<RunOrder.SortKey>();
		int n = this.random.nextInt(4);
		for (int i = 0; i < n; i++) {
			RunField field = switch (this.random.nextInt(4)) {
				case 0 -> new RunField.Metric(pick(METRIC_KEYS), pick(List.of(Aggregate.values())));
				case 1 -> new RunField.Param(pick(PARAM_KEYS));
				case 2 -> new RunField.Tag(pick(TAG_KEYS));
				default -> new RunField.Attribute(pick(List.of(RunAttribute.values())));
			};
			keys.add(new RunOrder.SortKey(field, chance(0.5)));
		}
		return new RunOrder(keys);
	}
}
