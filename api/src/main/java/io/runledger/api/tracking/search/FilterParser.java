package io.runledger.api.tracking.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.runledger.api.tracking.search.RunField.Aggregate;
import io.runledger.api.tracking.search.RunFilter.And;
import io.runledger.api.tracking.search.RunFilter.Comparison;
import io.runledger.api.tracking.search.RunFilter.Not;
import io.runledger.api.tracking.search.RunFilter.Or;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

/**
 * A hand-written recursive-descent parser over the characters of a filter (or of one order-by item). Whether a
 * double-quoted token is a key or a value, or whether {@code -1} is a number or part of a key, depends on where it
 * stands, so the parser reads characters in context rather than a token stream. Positions in messages are 1-based.
 */
final class FilterParser {

	/** Longest order-by item accepted, in characters. */
	static final int MAX_ORDER_ITEM_LENGTH = 1_000;

	/** The earliest and latest instants a filter may name (PostgreSQL keeps more, clients never need it). */
	static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

	private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

	private static final Pattern UUID_DASHED = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern UUID_PLAIN = Pattern.compile("[0-9a-fA-F]{32}");

	private static final Pattern DATE_SPACE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d.*");

	private enum Prefix {

		METRIC, PARAM, TAG, ATTRIBUTE

	}

	private static final Map<String, Prefix> PREFIXES = Map.of("metrics", Prefix.METRIC, "metric", Prefix.METRIC,
			"params", Prefix.PARAM, "param", Prefix.PARAM, "config", Prefix.PARAM, "tags", Prefix.TAG, "tag",
			Prefix.TAG, "attributes", Prefix.ATTRIBUTE, "attribute", Prefix.ATTRIBUTE, "run", Prefix.ATTRIBUTE);

	private static final String FIELD_HELP = "use metrics.<key>, min(metrics.<key>), max(metrics.<key>), "
			+ "params.<key>, config.<key>, tags.<key> or an attribute: name, state, run_id, group, created_by, "
			+ "started_at, ended_at, duration";

	private static final String OPERATORS = "=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL or IS NOT NULL";

	/** A value as written, before it is typed for its field. */
	private record Raw(boolean string, String text, double number, boolean special, int at) {
	}

	private final String source;

	private final String label;

	private int pos;

	private int comparisons;

	private FilterParser(String source, String label) {
		this.source = source;
		this.label = label;
	}

	static RunFilter parseFilter(String filter) {
		if (filter == null) {
			return null;
		}
		if (filter.length() > RunFilter.MAX_LENGTH) {
			throw new InvalidRequestException("filter: longer than " + RunFilter.MAX_LENGTH + " characters ("
					+ filter.length() + ")");
		}
		var parser = new FilterParser(filter, "filter");
		parser.checkCharacters();
		parser.skipSpace();
		if (parser.atEnd()) {
			return null;
		}
		var result = parser.parseOr(0);
		parser.skipSpace();
		if (!parser.atEnd()) {
			throw parser.peek(')') ? parser.error("unexpected token ')' without a matching '('", parser.pos)
					: parser.unexpected();
		}
		return result;
	}

	static RunOrder.SortKey parseSortKey(String item, String label) {
		if (item == null) {
			throw new InvalidRequestException(label + ": must not be null");
		}
		if (item.length() > MAX_ORDER_ITEM_LENGTH) {
			throw new InvalidRequestException(label + ": longer than " + MAX_ORDER_ITEM_LENGTH + " characters");
		}
		var parser = new FilterParser(item, label);
		parser.checkCharacters();
		parser.skipSpace();
		if (parser.atEnd()) {
			throw new InvalidRequestException(label + ": is empty; write a field, optionally followed by ASC or DESC");
		}
		var field = parser.parseField(false);
		boolean descending = false;
		if (parser.acceptKeyword("DESC")) {
			descending = true;
		}
		else if (!parser.acceptKeyword("ASC")) {
			parser.skipSpace();
			if (!parser.atEnd()) {
				throw parser.error("expected ASC or DESC after " + field.toFilterString() + ", found "
						+ parser.describe(parser.pos), parser.pos);
			}
		}
		parser.skipSpace();
		if (!parser.atEnd()) {
			throw parser.unexpected();
		}
		return new RunOrder.SortKey(field, descending);
	}

	// ---------------------------------------------------------------- structure

	private RunFilter parseOr(int depth) {
		var first = parseAnd(depth);
		List<RunFilter> operands = null;
		while (acceptKeyword("OR")) {
			if (operands == null) {
				operands = new ArrayList<>();
				operands.add(first);
			}
			operands.add(parseAnd(depth));
		}
		return operands == null ? first : new Or(operands);
	}

	private RunFilter parseAnd(int depth) {
		var first = parseUnary(depth);
		List<RunFilter> operands = null;
		while (acceptKeyword("AND")) {
			if (operands == null) {
				operands = new ArrayList<>();
				operands.add(first);
			}
			operands.add(parseUnary(depth));
		}
		return operands == null ? first : new And(operands);
	}

	private RunFilter parseUnary(int depth) {
		skipSpace();
		int start = this.pos;
		if (acceptKeyword("NOT")) {
			nest(depth + 1, start);
			return new Not(parseUnary(depth + 1));
		}
		if (peek('(')) {
			nest(depth + 1, start);
			this.pos++;
			var inner = parseOr(depth + 1);
			skipSpace();
			if (!peek(')')) {
				throw error("expected ')' to close the '(' at position " + (start + 1) + ", found " + describe(this.pos),
						this.pos);
			}
			this.pos++;
			return inner;
		}
		return parseComparison();
	}

	private void nest(int depth, int at) {
		if (depth > RunFilter.MAX_NESTING) {
			throw error("nested deeper than " + RunFilter.MAX_NESTING + " levels of parentheses and NOT", at);
		}
	}

	private Comparison parseComparison() {
		var field = parseField(false);
		skipSpace();
		int opAt = this.pos;
		var operator = parseOperator(field);
		List<Raw> raws = new ArrayList<>();
		if (operator.isList()) {
			skipSpace();
			if (!peek('(')) {
				throw error("expected '(' after " + operator.symbol() + ", found " + describe(this.pos), this.pos);
			}
			int open = this.pos++;
			while (true) {
				raws.add(parseValue());
				skipSpace();
				if (peek(',')) {
					this.pos++;
				}
				else if (peek(')')) {
					this.pos++;
					break;
				}
				else {
					throw error("expected ',' or ')' in the list opened at position " + (open + 1) + ", found "
							+ describe(this.pos), this.pos);
				}
			}
		}
		else if (operator.takesOneValue()) {
			raws.add(parseValue());
		}
		if (++this.comparisons > RunFilter.MAX_COMPARISONS) {
			throw new InvalidRequestException(
					this.label + ": more than " + RunFilter.MAX_COMPARISONS + " comparisons");
		}
		return new Comparison(field, operator, typed(field, operator, opAt, raws));
	}

	private Operator parseOperator(RunField field) {
		if (startsWith("!=") || startsWith("<>")) {
			this.pos += 2;
			return Operator.NE;
		}
		if (startsWith("<=")) {
			this.pos += 2;
			return Operator.LE;
		}
		if (startsWith(">=")) {
			this.pos += 2;
			return Operator.GE;
		}
		if (peek('<') || peek('>') || peek('=')) {
			char c = this.source.charAt(this.pos++);
			return c == '<' ? Operator.LT : c == '>' ? Operator.GT : Operator.EQ;
		}
		if (acceptKeyword("IN")) {
			return Operator.IN;
		}
		if (acceptKeyword("LIKE")) {
			return Operator.LIKE;
		}
		if (acceptKeyword("ILIKE")) {
			return Operator.ILIKE;
		}
		int at = this.pos;
		if (acceptKeyword("NOT")) {
			if (acceptKeyword("IN")) {
				return Operator.NOT_IN;
			}
			if (acceptKeyword("LIKE")) {
				return Operator.NOT_LIKE;
			}
			if (acceptKeyword("ILIKE")) {
				return Operator.NOT_ILIKE;
			}
			skipSpace();
			throw error("expected IN, LIKE or ILIKE after NOT, found " + describe(this.pos), this.pos);
		}
		if (acceptKeyword("IS")) {
			boolean not = acceptKeyword("NOT");
			if (!acceptKeyword("NULL")) {
				skipSpace();
				throw error("expected NULL after IS" + (not ? " NOT" : "") + ", found " + describe(this.pos),
						this.pos);
			}
			return not ? Operator.IS_NOT_NULL : Operator.IS_NULL;
		}
		var hint = (field instanceof RunField.Attribute || atEnd() || !isKeyChar(this.source.codePointAt(at))) ? ""
				: " (keys containing spaces or other characters must be quoted: metrics.`val loss`)";
		throw error("expected an operator (" + OPERATORS + ") after " + field.toFilterString() + ", found "
				+ describe(at) + hint, at);
	}

	// ---------------------------------------------------------------- fields

	private RunField parseField(boolean insideFunction) {
		skipSpace();
		int at = this.pos;
		if (atEnd()) {
			throw error("expected a field, found end of input (" + FIELD_HELP + ")", at);
		}
		var head = readIdentifier();
		if (head.isEmpty()) {
			throw error("expected a field, found " + describe(at) + " (" + FIELD_HELP + ")", at);
		}
		var lower = head.toLowerCase(Locale.ROOT);
		int afterHead = this.pos;
		skipSpace();
		if (peek('(') && (lower.equals("min") || lower.equals("max") || lower.equals("last"))) {
			if (insideFunction) {
				throw error(lower + "() cannot be nested", at);
			}
			this.pos++;
			var inner = parseField(true);
			if (!(inner instanceof RunField.Metric metric)) {
				throw error(lower + "() applies to metrics only, e.g. " + lower + "(metrics.loss)", at);
			}
			skipSpace();
			if (!peek(')')) {
				throw error("expected ')' to close " + lower + "(, found " + describe(this.pos), this.pos);
			}
			this.pos++;
			var aggregate = switch (lower) {
				case "min" -> Aggregate.MIN;
				case "max" -> Aggregate.MAX;
				default -> Aggregate.LAST;
			};
			return new RunField.Metric(metric.key(), aggregate);
		}
		this.pos = afterHead;
		var prefix = PREFIXES.get(lower);
		if (prefix != null && peek('.')) {
			this.pos++;
			int keyAt = this.pos;
			var key = parseKey(head);
			return switch (prefix) {
				case METRIC -> new RunField.Metric(key);
				case PARAM -> new RunField.Param(key);
				case TAG -> new RunField.Tag(key);
				case ATTRIBUTE -> new RunField.Attribute(RunAttribute.named(key)
					.orElseThrow(() -> error("unknown attribute '" + Printable.abbreviate(key)
							+ "'; attributes are name, state, run_id, group, created_by, started_at, ended_at, duration",
							keyAt)));
			};
		}
		while (!atEnd() && isKeyChar(this.source.codePointAt(this.pos))) {
			this.pos += Character.charCount(this.source.codePointAt(this.pos));
		}
		var word = this.source.substring(at, this.pos);
		if (word.equals(head)) {
			var attribute = RunAttribute.named(head);
			if (attribute.isPresent()) {
				return new RunField.Attribute(attribute.get());
			}
		}
		throw error("unknown field '" + Printable.abbreviate(word) + "' (" + FIELD_HELP + ")", at);
	}

	private String parseKey(String prefix) {
		int at = this.pos;
		String key;
		if (peek('`')) {
			key = readQuoted('`');
		}
		else if (peek('"')) {
			key = readQuoted('"');
		}
		else {
			while (!atEnd() && isKeyChar(this.source.codePointAt(this.pos))) {
				this.pos += Character.charCount(this.source.codePointAt(this.pos));
			}
			key = this.source.substring(at, this.pos);
		}
		if (key.isEmpty()) {
			throw error("expected a key after '" + prefix + ".', found " + describe(at), at);
		}
		return key;
	}

	// ---------------------------------------------------------------- values

	private Raw parseValue() {
		skipSpace();
		int at = this.pos;
		if (atEnd()) {
			throw error("expected a value (a quoted string or a number), found end of input", at);
		}
		char c = this.source.charAt(at);
		if (c == '\'' || c == '"') {
			return new Raw(true, readQuoted(c), 0, false, at);
		}
		int p = at;
		double sign = 1;
		if (c == '-' || c == '+') {
			sign = c == '-' ? -1 : 1;
			p++;
		}
		if (p < this.source.length() && Character.isLetter(this.source.charAt(p))) {
			this.pos = p;
			var word = readIdentifier();
			switch (word.toLowerCase(Locale.ROOT)) {
				case "nan":
					return new Raw(false, word, Double.NaN, true, at);
				case "infinity", "inf":
					return new Raw(false, word, sign * Double.POSITIVE_INFINITY, true, at);
				case "null":
					if (p == at) {
						throw error("compare with NULL using IS NULL or IS NOT NULL", at);
					}
					break;
				default:
					if (p == at) {
						throw error("expected a value (a quoted string or a number), found '"
								+ Printable.abbreviate(word, 30) + "'; quote strings: '" + Printable.abbreviate(word, 30)
								+ "'", at);
					}
			}
			this.pos = at;
			throw error("expected a value (a quoted string or a number), found " + describe(at), at);
		}
		var matcher = NUMBER.matcher(this.source).region(at, this.source.length());
		if (!matcher.lookingAt()) {
			throw error("expected a value (a quoted string or a number), found " + describe(at), at);
		}
		this.pos = matcher.end();
		if (!atEnd() && isKeyChar(this.source.codePointAt(this.pos))) {
			throw error("malformed number " + describe(at), at);
		}
		var text = matcher.group();
		double value = Double.parseDouble(text);
		if (Double.isInfinite(value)) {
			throw error("number " + Printable.abbreviate(text, 30) + " is out of range", at);
		}
		return new Raw(false, text, value, false, at);
	}

	/**
	 * Reads a quoted string or key starting at the opening quote. The quote is escaped by doubling it; strings (not
	 * back-quoted keys) also take {@code \'}, {@code \"} and {@code \\}. Any other backslash is kept as it is, so LIKE
	 * patterns such as {@code 'a\_b'} read naturally.
	 */
	private String readQuoted(char quote) {
		int start = this.pos++;
		var text = new StringBuilder();
		while (true) {
			if (atEnd()) {
				throw error("unterminated " + (quote == '`' ? "quoted key" : "string") + " starting", start);
			}
			char c = this.source.charAt(this.pos);
			char next = this.pos + 1 < this.source.length() ? this.source.charAt(this.pos + 1) : 0;
			if (c == quote) {
				if (next == quote) {
					text.append(quote);
					this.pos += 2;
					continue;
				}
				this.pos++;
				return text.toString();
			}
			if (c == '\\' && quote != '`' && (next == '\'' || next == '"' || next == '\\')) {
				text.append(next);
				this.pos += 2;
				continue;
			}
			text.append(c);
			this.pos++;
		}
	}

	// ---------------------------------------------------------------- typing

	private List<Literal> typed(RunField field, Operator operator, int opAt, List<Raw> raws) {
		var name = field.toFilterString();
		List<Literal> values = new ArrayList<>(raws.size());
		switch (field) {
			case RunField.Metric m -> {
				if (operator.isPattern()) {
					throw error(operator.symbol() + " does not apply to " + name + ", a number", opAt);
				}
				for (var raw : raws) {
					if (raw.string()) {
						throw error(name + " is a number; compare it with a number, not a string", raw.at());
					}
					values.add(new Literal.Num(raw.number()));
				}
			}
			case RunField.Param p -> {
				for (var raw : raws) {
					if (raw.string()) {
						values.add(new Literal.Text(pattern(operator, raw)));
					}
					else if (operator.isPattern()) {
						throw error(operator.symbol() + " needs a quoted pattern, e.g. '1%'", raw.at());
					}
					else {
						values.add(new Literal.Num(raw.number()));
					}
				}
			}
			case RunField.Tag t -> {
				for (var raw : raws) {
					values.add(new Literal.Text(text(name, operator, raw)));
				}
			}
			case RunField.Attribute a -> {
				var attribute = a.attribute();
				switch (attribute.kind()) {
					case TEXT -> {
						for (var raw : raws) {
							values.add(new Literal.Text(text(name, operator, raw)));
						}
					}
					case STATE -> {
						equalityOnly(name, operator, opAt);
						for (var raw : raws) {
							var state = text(name, operator, raw).toUpperCase(Locale.ROOT);
							if (!RunAttribute.STATES.contains(state)) {
								throw error("unknown state '" + Printable.abbreviate(raw.text()) + "'; states are "
										+ String.join(", ", RunAttribute.STATES), raw.at());
							}
							values.add(new Literal.Text(state));
						}
					}
					case ID -> {
						equalityOnly(name, operator, opAt);
						for (var raw : raws) {
							values.add(new Literal.Id(runId(name, operator, raw)));
						}
					}
					case TIME -> {
						noPattern(name, operator, opAt);
						for (var raw : raws) {
							values.add(new Literal.Time(time(name, raw)));
						}
					}
					case DURATION -> {
						noPattern(name, operator, opAt);
						for (var raw : raws) {
							values.add(new Literal.Num(durationMillis(name, raw)));
						}
					}
				}
			}
		}
		return values;
	}

	private String text(String name, Operator operator, Raw raw) {
		if (!raw.string()) {
			throw error(name + " is text; quote the value: '" + Printable.abbreviate(raw.text(), 30) + "'", raw.at());
		}
		return pattern(operator, raw);
	}

	/** The string, checked as a LIKE pattern when the operator takes one. */
	private String pattern(Operator operator, Raw raw) {
		if (operator.isPattern()) {
			var text = raw.text();
			for (int i = 0; i < text.length(); i++) {
				if (text.charAt(i) == '\\') {
					if (i + 1 == text.length()) {
						throw error("a LIKE pattern must not end with a lone backslash (its escape character); "
								+ "write \\\\\\\\ for a literal backslash", raw.at());
					}
					i++;
				}
			}
		}
		return raw.text();
	}

	private void equalityOnly(String name, Operator operator, int opAt) {
		if (operator.isOrdering() || operator.isPattern()) {
			throw error(operator.symbol() + " does not apply to " + name + "; use =, !=, IN or NOT IN", opAt);
		}
	}

	private void noPattern(String name, Operator operator, int opAt) {
		if (operator.isPattern()) {
			throw error(operator.symbol() + " does not apply to " + name, opAt);
		}
	}

	private UUID runId(String name, Operator operator, Raw raw) {
		var text = text(name, operator, raw);
		if (UUID_DASHED.matcher(text).matches()) {
			return UUID.fromString(text);
		}
		if (UUID_PLAIN.matcher(text).matches()) {
			return new UUID(Long.parseUnsignedLong(text.substring(0, 16), 16),
					Long.parseUnsignedLong(text.substring(16), 16));
		}
		throw error(name + " must be a UUID (with or without dashes), got '" + Printable.abbreviate(text) + "'",
				raw.at());
	}

	private Instant time(String name, Raw raw) {
		special(name, raw);
		Instant instant;
		if (raw.string()) {
			instant = parseTime(raw.text());
			if (instant == null) {
				throw error(name + " needs epoch milliseconds or an ISO-8601 time such as '2024-05-01T12:00:00Z', got '"
						+ Printable.abbreviate(raw.text()) + "'", raw.at());
			}
		}
		else {
			var micros = new BigDecimal(raw.text()).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN);
			if (micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
				throw error(name + " is out of range", raw.at());
			}
			instant = Instant.EPOCH.plus(micros.longValueExact(), ChronoUnit.MICROS);
		}
		if (instant.isBefore(MIN_TIME) || instant.isAfter(MAX_TIME)) {
			throw error(name + " is out of range (years 1 to 9999)", raw.at());
		}
		return instant;
	}

	private static Instant parseTime(String text) {
		var iso = DATE_SPACE_TIME.matcher(text).matches() ? text.substring(0, 10) + "T" + text.substring(11) : text;
		try {
			return OffsetDateTime.parse(iso).toInstant().truncatedTo(ChronoUnit.MICROS);
		}
		catch (DateTimeException ignored) {
			// try the next form
		}
		try {
			return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
		}
		catch (DateTimeException ignored) {
			// try the next form
		}
		try {
			return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ignored) {
			return null;
		}
	}

	private double durationMillis(String name, Raw raw) {
		special(name, raw);
		if (!raw.string()) {
			return raw.number();
		}
		try {
			var duration = Duration.parse(raw.text());
			return new BigDecimal(duration.getSeconds()).movePointRight(3)
				.add(new BigDecimal(duration.getNano()).movePointLeft(6))
				.doubleValue();
		}
		catch (DateTimeException | ArithmeticException e) {
			throw error(name + " needs milliseconds or an ISO-8601 duration such as 'PT1H30M', got '"
					+ Printable.abbreviate(raw.text()) + "'", raw.at());
		}
	}

	private void special(String name, Raw raw) {
		if (raw.special()) {
			throw error("NaN and Infinity apply to metrics and params only, not to " + name, raw.at());
		}
	}

	// ---------------------------------------------------------------- characters

	private void checkCharacters() {
		for (int i = 0; i < this.source.length(); i++) {
			char c = this.source.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				throw error(String.format("control character U+%04X is not allowed", (int) c), i);
			}
			if (Character.isHighSurrogate(c) && i + 1 < this.source.length()
					&& Character.isLowSurrogate(this.source.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw error("invalid character (unpaired UTF-16 surrogate)", i);
			}
		}
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}

	private static boolean isIdentifierChar(int cp) {
		return Character.isLetterOrDigit(cp) || cp == '_';
	}

	private static boolean isKeyChar(int cp) {
		return isIdentifierChar(cp) || cp == '-' || cp == '.' || cp == '/' || cp == ':';
	}

	private void skipSpace() {
		while (!atEnd() && isSpace(this.source.charAt(this.pos))) {
			this.pos++;
		}
	}

	private boolean atEnd() {
		return this.pos >= this.source.length();
	}

	private boolean peek(char c) {
		return !atEnd() && this.source.charAt(this.pos) == c;
	}

	private boolean startsWith(String s) {
		return this.source.startsWith(s, this.pos);
	}

	private String readIdentifier() {
		int start = this.pos;
		while (!atEnd() && isIdentifierChar(this.source.codePointAt(this.pos))) {
			this.pos += Character.charCount(this.source.codePointAt(this.pos));
		}
		return this.source.substring(start, this.pos);
	}

	/** Consumes the keyword (case-insensitive, whole word) after optional space; leaves the position else. */
	private boolean acceptKeyword(String keyword) {
		int saved = this.pos;
		skipSpace();
		if (matchesAscii(keyword)) {
			int end = this.pos + keyword.length();
			if (end >= this.source.length() || !isKeyChar(this.source.codePointAt(end))) {
				this.pos = end;
				return true;
			}
		}
		this.pos = saved;
		return false;
	}

	/** Whether the (upper-case, ASCII) keyword stands at the position, in any case; only ASCII letters match. */
	private boolean matchesAscii(String keyword) {
		if (this.pos + keyword.length() > this.source.length()) {
			return false;
		}
		for (int i = 0; i < keyword.length(); i++) {
			char c = this.source.charAt(this.pos + i);
			if (c >= 128 || Character.toUpperCase(c) != keyword.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	// ---------------------------------------------------------------- errors

	private InvalidRequestException unexpected() {
		return error("unexpected token " + describe(this.pos), this.pos);
	}

	private InvalidRequestException error(String problem, int at) {
		return new InvalidRequestException(this.label + ": " + problem + " at position " + (at + 1));
	}

	/** What stands at a position, for messages: a short, printable excerpt. */
	private String describe(int at) {
		if (at >= this.source.length()) {
			return "end of input";
		}
		int end = at;
		char c = this.source.charAt(at);
		if (isSpace(c)) {
			return "whitespace";
		}
		if (c == '\'' || c == '"' || c == '`') {
			end = this.source.indexOf(c, at + 1);
			end = end < 0 ? this.source.length() : end + 1;
		}
		else if (isKeyChar(this.source.codePointAt(at))) {
			while (end < this.source.length() && isKeyChar(this.source.codePointAt(end))) {
				end += Character.charCount(this.source.codePointAt(end));
			}
		}
		else if ("!<>=".indexOf(c) >= 0) {
			while (end < this.source.length() && "!<>=".indexOf(this.source.charAt(end)) >= 0) {
				end++;
			}
		}
		else {
			end = at + Character.charCount(this.source.codePointAt(at));
		}
		return "'" + Printable.abbreviate(this.source.substring(at, end), 30) + "'";
	}
}
