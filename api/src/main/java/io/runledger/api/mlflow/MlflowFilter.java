package io.runledger.api.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.runledger.tenancy.Printable;

/**
 * MLflow's search filter syntax (mlflow/utils/search_utils.py), parsed into a small tree: comparisons
 * {@code <entity>.<key> <op> <value>} joined by {@code AND} (MLflow's only connective; {@code OR}, {@code NOT} and
 * parentheses are accepted too, because the run search engine understands them). Entities are written as MLflow
 * accepts them ({@code metric(s)}, {@code param(s)}/{@code parameter(s)}, {@code tag(s)},
 * {@code attribute(s)}/{@code attr}/{@code run}, {@code dataset(s)}, or a bare attribute name); keys may be
 * back-quoted or double-quoted. String values are single- or double-quoted and, as in MLflow, taken verbatim between
 * the quotes.
 *
 * <p>
 * For runs the tree is rendered into the run search language ({@link #toRunFilter}), which is a superset of MLflow's:
 * keys are back-quoted, MLflow's attribute names mapped ({@code created} is {@code start_time}), and statuses mapped
 * to ours (FAILED also finds runs the platform marked CRASHED; SCHEDULED finds none).
 */
final class MlflowFilter {

	sealed interface Node {
	}

	record And(List<Node> operands) implements Node {
	}

	record Or(List<Node> operands) implements Node {
	}

	record Not(Node operand) implements Node {
	}

	/** {@code type} is one of attribute, metric, param, tag, dataset. */
	record Field(String type, String key) {
	}

	/** A literal: quoted text (verbatim between the quotes) or a number as written. */
	record Value(String text, boolean quoted) {
	}

	/** Operators are upper case: = != < <= > >= LIKE ILIKE NOT LIKE NOT ILIKE IN NOT IN IS NULL IS NOT NULL. */
	record Comparison(Field field, String operator, List<Value> values) implements Node {

		Value value() {
			return values.getFirst();
		}
	}

	private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("metric", "metric"),
			Map.entry("metrics", "metric"), Map.entry("param", "param"), Map.entry("params", "param"),
			Map.entry("parameter", "param"), Map.entry("parameters", "param"), Map.entry("tag", "tag"),
			Map.entry("tags", "tag"), Map.entry("attribute", "attribute"), Map.entry("attributes", "attribute"),
			Map.entry("attr", "attribute"), Map.entry("run", "attribute"), Map.entry("dataset", "dataset"),
			Map.entry("datasets", "dataset"));

	private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS", "NULL");

	private enum Kind {

		WORD, QUOTED, NUMBER, OPERATOR, PUNCT

	}

	private record Token(Kind kind, String text, char quote, int at) {

		boolean keyword(String word) {
			return kind == Kind.WORD && text.equalsIgnoreCase(word);
		}

		boolean punct(char c) {
			return kind == Kind.PUNCT && text.charAt(0) == c;
		}
	}

	private final String source;

	private final List<Token> tokens;

	private int pos;

	private MlflowFilter(String source) {
		this.source = source;
		this.tokens = tokenize(source);
	}

	/** The filter as a tree, or {@code null} when it is empty. */
	static Node parse(String filter) {
		if (filter == null || filter.isBlank()) {
			return null;
		}
		var parser = new MlflowFilter(filter);
		var node = parser.or(0);
		if (parser.pos < parser.tokens.size()) {
			throw parser.error("unexpected '" + parser.tokens.get(parser.pos).text() + "'",
					parser.tokens.get(parser.pos));
		}
		return node;
	}

	/** An order-by item: the field and whether it is descending. */
	record OrderItem(Field field, boolean descending) {
	}

	static OrderItem parseOrderBy(String item) {
		if (item == null || item.isBlank()) {
			throw MlflowException.invalid("Invalid order_by clause ''. Could not be parsed.");
		}
		var parser = new MlflowFilter(item);
		var field = parser.field();
		boolean descending = false;
		if (parser.pos < parser.tokens.size()) {
			var direction = parser.tokens.get(parser.pos++);
			if (direction.keyword("DESC")) {
				descending = true;
			}
			else if (!direction.keyword("ASC")) {
				throw MlflowException.invalid("Invalid order_by clause '" + Printable.abbreviate(item)
						+ "'. Could not be parsed.");
			}
		}
		if (parser.pos < parser.tokens.size()) {
			throw MlflowException.invalid("Invalid order_by clause '" + Printable.abbreviate(item)
					+ "'. Could not be parsed.");
		}
		return new OrderItem(field, descending);
	}

	/** The comparisons of an AND-only filter (what MLflow supports for experiments and the registry). */
	static List<Comparison> conjunction(String filter) {
		var node = parse(filter);
		var result = new ArrayList<Comparison>();
		if (node != null) {
			flatten(node, result, filter);
		}
		return result;
	}

	private static void flatten(Node node, List<Comparison> into, String filter) {
		switch (node) {
			case And and -> and.operands().forEach(operand -> flatten(operand, into, filter));
			case Comparison comparison -> into.add(comparison);
			default -> throw MlflowException.invalid("Invalid filter '" + Printable.abbreviate(filter, 200)
					+ "'. Only comparisons joined by AND are supported here.");
		}
	}

	// ------------------------------------------------------------------------------------------------ runs

	/** The filter in the run search language, or {@code null} when empty. */
	static String toRunFilter(String filter) {
		var node = parse(filter);
		return node == null ? null : render(node);
	}

	/** An order-by item in the run search language. */
	static String toRunOrder(String item) {
		var order = parseOrderBy(item);
		return runField(order.field()) + (order.descending() ? " DESC" : " ASC");
	}

	private static String render(Node node) {
		return switch (node) {
			case And and -> join(and.operands(), " AND ");
			case Or or -> join(or.operands(), " OR ");
			case Not not -> "NOT (" + render(not.operand()) + ")";
			case Comparison comparison -> renderComparison(comparison);
		};
	}

	private static String join(List<Node> operands, String connective) {
		var parts = new ArrayList<String>();
		for (var operand : operands) {
			parts.add("(" + render(operand) + ")");
		}
		return String.join(connective, parts);
	}

	private static String renderComparison(Comparison c) {
		var field = runField(c.field());
		if (field.equals("status")) {
			return status(c);
		}
		var op = c.operator();
		if (op.startsWith("IS")) {
			return field + " " + op;
		}
		if (op.endsWith("IN")) {
			var values = new ArrayList<String>();
			c.values().forEach(v -> values.add(literal(v)));
			return field + " " + op + " (" + String.join(", ", values) + ")";
		}
		return field + " " + op + " " + literal(c.value());
	}

	/** MLflow's statuses against ours: FAILED includes CRASHED (shown as FAILED), SCHEDULED never occurs. */
	private static String status(Comparison c) {
		var op = c.operator();
		boolean negated = op.equals("!=") || op.equals("NOT IN");
		if (!(op.equals("=") || op.equals("IN") || negated)) {
			if (op.startsWith("IS")) {
				return "status " + op;
			}
			throw MlflowException.invalid("Invalid comparator '" + op + "' for attribute 'status'; use =, !=, IN or NOT IN");
		}
		var states = new ArrayList<String>();
		for (var value : c.values()) {
			if (!value.quoted()) {
				throw MlflowException.invalid("Invalid status value " + value.text() + "; statuses are quoted strings");
			}
			var status = value.text().toUpperCase(Locale.ROOT);
			switch (status) {
				case "RUNNING", "FINISHED", "KILLED" -> states.add("'" + status + "'");
				case "FAILED" -> {
					states.add("'FAILED'");
					states.add("'CRASHED'");
				}
				case "SCHEDULED" -> {
					// no run is ever SCHEDULED here
				}
				default -> throw MlflowException.invalid("Invalid status '" + Printable.abbreviate(value.text())
						+ "'; statuses are RUNNING, SCHEDULED, FINISHED, FAILED, KILLED");
			}
		}
		if (states.isEmpty()) {
			// Always false (or, negated, always true): every run has a name.
			return negated ? "name IS NOT NULL" : "name IS NULL";
		}
		return "status " + (negated ? "NOT IN" : "IN") + " (" + String.join(", ", states) + ")";
	}

	private static String runField(Field field) {
		return switch (field.type()) {
			case "metric" -> "metrics." + quoteKey(field.key());
			case "param" -> "params." + quoteKey(field.key());
			case "tag" -> "tags." + quoteKey(field.key());
			case "dataset" -> throw MlflowException.invalid(
					"Searching runs by datasets ('datasets." + Printable.abbreviate(field.key()) + "') is not supported");
			default -> switch (field.key()) {
				case "created", "Created" -> "start_time";
				case "artifact_uri", "lifecycle_stage" -> throw MlflowException.invalid(
						"Searching or sorting runs by attribute '" + field.key() + "' is not supported");
				default -> {
					if (!field.key().matches("[A-Za-z_]+")) {
						throw MlflowException.invalid("Invalid attribute key '" + Printable.abbreviate(field.key())
								+ "' specified. Valid keys are run_id, run_name, status, start_time, end_time, "
								+ "user_id, created");
					}
					yield field.key().equals("status") ? "status" : field.key();
				}
			};
		};
	}

	private static String quoteKey(String key) {
		return "`" + key.replace("`", "``") + "`";
	}

	/** A value for the run search language: strings quoted so that they read back verbatim. */
	private static String literal(Value value) {
		if (!value.quoted()) {
			return value.text();
		}
		return "'" + value.text().replace("\\", "\\\\").replace("'", "''") + "'";
	}

	// ------------------------------------------------------------------------------------------------ parsing

	private Node or(int depth) {
		var first = and(depth);
		List<Node> operands = null;
		while (pos < tokens.size() && tokens.get(pos).keyword("OR")) {
			pos++;
			if (operands == null) {
				operands = new ArrayList<>(List.of(first));
			}
			operands.add(and(depth));
		}
		return operands == null ? first : new Or(operands);
	}

	private Node and(int depth) {
		var first = unary(depth);
		List<Node> operands = null;
		while (pos < tokens.size() && tokens.get(pos).keyword("AND")) {
			pos++;
			if (operands == null) {
				operands = new ArrayList<>(List.of(first));
			}
			operands.add(unary(depth));
		}
		return operands == null ? first : new And(operands);
	}

	private Node unary(int depth) {
		if (depth > 20) {
			throw MlflowException.invalid("Invalid filter: nested too deeply");
		}
		var token = peek("a comparison");
		if (token.keyword("NOT")) {
			pos++;
			return new Not(unary(depth + 1));
		}
		if (token.punct('(')) {
			pos++;
			var inner = or(depth + 1);
			var close = peek("')'");
			if (!close.punct(')')) {
				throw error("expected ')'", close);
			}
			pos++;
			return inner;
		}
		return comparison();
	}

	private Comparison comparison() {
		var field = field();
		var token = peek("a comparator");
		String op;
		if (token.kind() == Kind.OPERATOR) {
			pos++;
			op = token.text().equals("<>") ? "!=" : token.text().equals("==") ? "=" : token.text();
		}
		else if (token.keyword("LIKE") || token.keyword("ILIKE") || token.keyword("IN")) {
			pos++;
			op = token.text().toUpperCase(Locale.ROOT);
		}
		else if (token.keyword("NOT")) {
			pos++;
			var next = peek("IN, LIKE or ILIKE");
			if (!(next.keyword("IN") || next.keyword("LIKE") || next.keyword("ILIKE"))) {
				throw error("expected IN, LIKE or ILIKE after NOT", next);
			}
			pos++;
			op = "NOT " + next.text().toUpperCase(Locale.ROOT);
		}
		else if (token.keyword("IS")) {
			pos++;
			boolean not = false;
			if (pos < tokens.size() && tokens.get(pos).keyword("NOT")) {
				pos++;
				not = true;
			}
			var nul = peek("NULL");
			if (!nul.keyword("NULL")) {
				throw error("expected NULL", nul);
			}
			pos++;
			return new Comparison(field, not ? "IS NOT NULL" : "IS NULL", List.of());
		}
		else {
			throw error("Invalid comparator '" + token.text() + "'", token);
		}
		var values = new ArrayList<Value>();
		if (op.endsWith("IN")) {
			var open = peek("'('");
			if (!open.punct('(')) {
				throw error("expected '(' after " + op, open);
			}
			pos++;
			while (true) {
				values.add(value());
				var next = peek("',' or ')'");
				pos++;
				if (next.punct(')')) {
					break;
				}
				if (!next.punct(',')) {
					throw error("expected ',' or ')'", next);
				}
			}
		}
		else {
			values.add(value());
		}
		return new Comparison(field, op, values);
	}

	private Field field() {
		var token = peek("an identifier");
		pos++;
		if (token.kind() == Kind.QUOTED && token.quote() == '`') {
			return new Field("attribute", token.text());
		}
		if (token.kind() != Kind.WORD || KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT))) {
			throw error("expected an identifier such as metrics.<key>, params.<key>, tags.<key> or an attribute, found '"
					+ token.text() + "'", token);
		}
		var word = token.text();
		int dot = word.indexOf('.');
		if (dot < 0) {
			return new Field("attribute", word);
		}
		var prefix = word.substring(0, dot);
		var type = ENTITIES.get(prefix.toLowerCase(Locale.ROOT));
		if (type == null) {
			throw error("Invalid entity type '" + prefix + "'. Valid values are metric, parameter, tag, attribute, "
					+ "dataset", token);
		}
		var key = word.substring(dot + 1);
		if (key.isEmpty()) {
			var quoted = peek("a key");
			if (quoted.kind() != Kind.QUOTED || quoted.quote() == '\'') {
				throw error("expected a key after '" + word + "'", quoted);
			}
			pos++;
			key = quoted.text();
		}
		return new Field(type, key);
	}

	private Value value() {
		var token = peek("a value");
		pos++;
		if (token.kind() == Kind.QUOTED && token.quote() != '`') {
			return new Value(token.text(), true);
		}
		if (token.kind() == Kind.NUMBER) {
			return new Value(token.text(), false);
		}
		if (token.kind() == Kind.WORD && (token.text().equalsIgnoreCase("NaN")
				|| token.text().equalsIgnoreCase("Infinity") || token.text().equalsIgnoreCase("inf"))) {
			return new Value(token.text(), false);
		}
		throw error("expected a quoted string or a number, found '" + token.text() + "'", token);
	}

	private Token peek(String expected) {
		if (pos >= tokens.size()) {
			throw MlflowException.invalid("Invalid filter '" + Printable.abbreviate(source, 200) + "': expected "
					+ expected + " at the end");
		}
		return tokens.get(pos);
	}

	private MlflowException error(String problem, Token token) {
		return MlflowException.invalid("Invalid filter '" + Printable.abbreviate(source, 200) + "': " + problem
				+ " at position " + (token.at() + 1));
	}

	// ------------------------------------------------------------------------------------------------ tokens

	private static List<Token> tokenize(String s) {
		var tokens = new ArrayList<Token>();
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			int start = i;
			if (c == '\'' || c == '"') {
				// sqlparse's string token: the quote doubled or backslash-escaped inside; the text stays verbatim.
				i++;
				while (true) {
					if (i >= s.length()) {
						throw MlflowException.invalid("Invalid filter '" + Printable.abbreviate(s, 200)
								+ "': unterminated string starting at position " + (start + 1));
					}
					char d = s.charAt(i);
					if (d == '\\' && i + 1 < s.length()) {
						i += 2;
					}
					else if (d == c && i + 1 < s.length() && s.charAt(i + 1) == c) {
						i += 2;
					}
					else if (d == c) {
						break;
					}
					else {
						i++;
					}
				}
				tokens.add(new Token(Kind.QUOTED, s.substring(start + 1, i), c, start));
				i++;
			}
			else if (c == '`') {
				var text = new StringBuilder();
				i++;
				while (true) {
					if (i >= s.length()) {
						throw MlflowException.invalid("Invalid filter '" + Printable.abbreviate(s, 200)
								+ "': unterminated back-quoted key starting at position " + (start + 1));
					}
					char d = s.charAt(i);
					if (d == '`' && i + 1 < s.length() && s.charAt(i + 1) == '`') {
						text.append('`');
						i += 2;
					}
					else if (d == '`') {
						i++;
						break;
					}
					else {
						text.append(d);
						i++;
					}
				}
				tokens.add(new Token(Kind.QUOTED, text.toString(), '`', start));
			}
			else if (Character.isLetter(c) || c == '_') {
				while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_.-/:".indexOf(s.charAt(i)) >= 0)) {
					i++;
				}
				tokens.add(new Token(Kind.WORD, s.substring(start, i), (char) 0, start));
			}
			else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < s.length()
					&& (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '.'))) {
				i++;
				while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.'
						|| s.charAt(i) == 'e' || s.charAt(i) == 'E'
						|| ((s.charAt(i) == '-' || s.charAt(i) == '+')
								&& (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
					i++;
				}
				var text = s.substring(start, i);
				try {
					Double.parseDouble(text);
				}
				catch (NumberFormatException e) {
					throw MlflowException.invalid("Invalid filter '" + Printable.abbreviate(s, 200)
							+ "': malformed number '" + text + "' at position " + (start + 1));
				}
				tokens.add(new Token(Kind.NUMBER, text, (char) 0, start));
			}
			else if ("=!<>".indexOf(c) >= 0) {
				i++;
				if (i < s.length() && "=>".indexOf(s.charAt(i)) >= 0 && !(c == '>' && s.charAt(i) == '>')) {
					i++;
				}
				var op = s.substring(start, i);
				if (!List.of("=", "==", "!=", "<>", "<", "<=", ">", ">=").contains(op)) {
					throw MlflowException.invalid("Invalid filter '" + Printable.abbreviate(s, 200)
							+ "': invalid comparator '" + op + "' at position " + (start + 1));
				}
				tokens.add(new Token(Kind.OPERATOR, op, (char) 0, start));
			}
			else if (c == '(' || c == ')' || c == ',') {
				i++;
				tokens.add(new Token(Kind.PUNCT, String.valueOf(c), (char) 0, start));
			}
			else {
				throw MlflowException.invalid("Invalid filter '" + Printable.abbreviate(s, 200)
						+ "': unexpected character '" + c + "' at position " + (start + 1));
			}
		}
		return tokens;
	}
}
