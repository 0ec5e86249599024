/**
 * Run search: the filter and order-by language, and its compilation to parameterised PostgreSQL.
 *
 * <h2>Filters</h2>
 * A filter is a boolean expression over the runs of one project. It accepts everything MLflow's {@code search_runs}
 * accepts and adds {@code OR}, {@code NOT}, parentheses, {@code IS [NOT] NULL}, {@code NOT LIKE}, more attributes and
 * metric aggregates. Examples:
 *
 * <pre>
 * metrics.accuracy &gt; 0.9 AND params.optimizer = 'adam'
 * (tags.env = 'prod' OR tags.env = 'staging') AND NOT state IN ('FAILED', 'CRASHED')
 * min(metrics.`val loss`) &lt; 0.25 AND config.model.layers &gt;= 12
 * params.lr IN (0.1, 0.01) AND started_at &gt;= '2024-05-01' AND duration &gt; 'PT1H'
 * tags.mlflow.runName LIKE 'sweep-%' AND group IS NOT NULL
 * </pre>
 *
 * <h3>Grammar</h3>
 *
 * <pre>
 * filter     := or
 * or         := and ( OR and )*
 * and        := unary ( AND unary )*
 * unary      := NOT unary | '(' or ')' | comparison
 * comparison := field op value
 *             | field [NOT] LIKE string | field [NOT] ILIKE string
 *             | field [NOT] IN '(' value ( ',' value )* ')'
 *             | field IS [NOT] NULL
 * op         := '=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * field      := metric | MIN '(' metric ')' | MAX '(' metric ')' | LAST '(' metric ')'
 *             | ( params | param | config ) '.' key
 *             | ( tags | tag ) '.' key
 *             | ( attributes | attribute | run ) '.' attribute
 *             | attribute
 * metric     := ( metrics | metric ) '.' key
 * key        := unquoted | '`' … '`' | '"' … '"'
 * value      := string | number
 * </pre>
 *
 * <ul>
 * <li>Keywords ({@code AND OR NOT IN LIKE ILIKE IS NULL ASC DESC}), prefixes, function names and attribute names are
 * case-insensitive; keys and values are not. {@code NOT} binds tighter than {@code AND}, which binds tighter than
 * {@code OR}.</li>
 * <li>An unquoted key is a run of letters, digits and {@code _ - . / :}; so {@code tags.mlflow.runName} is the tag
 * {@code mlflow.runName}. Quote other keys in back-quotes ({@code metrics.`val loss`}, a back-quote doubled inside)
 * or double quotes.</li>
 * <li>Metric keys may contain dots, so an aggregate is never a suffix: {@code metrics.loss.min} is the metric
 * {@code loss.min}; the minimum of {@code loss} is {@code min(metrics.loss)}.</li>
 * <li>Strings are in single or double quotes. Inside, the quote is written doubled or with a backslash
 * ({@code 'it''s'}, {@code 'it\'s'}); {@code \\} is a backslash; any other backslash stays as it is, so LIKE patterns
 * read naturally: {@code 'a\_b'} matches {@code a_b} only.</li>
 * <li>Numbers: integers, decimals, exponents, signs ({@code 3}, {@code -0.5}, {@code .5}, {@code 1e-3}); for metrics
 * and params also {@code NaN}, {@code Infinity}, {@code -Infinity} (also {@code inf}).</li>
 * <li>Whitespace between tokens is optional where unambiguous ({@code metrics.loss<-1}). Control characters are
 * rejected.</li>
 * <li>Limits: 10,000 characters, 100 comparisons, 20 levels of nested parentheses and {@code NOT}.</li>
 * <li>Errors are HTTP 400 with a message naming the problem and its 1-based character position, e.g.
 * {@code filter: unexpected token ')' without a matching '(' at position 16}.</li>
 * </ul>
 *
 * <h3>Fields and what they compare</h3>
 * <table>
 * <caption>Fields</caption>
 * <tr><th>Field</th><th>Values</th><th>Operators</th></tr>
 * <tr><td>{@code metrics.<key>} (its last value), {@code min(metrics.<key>)}, {@code max(metrics.<key>)}</td>
 * <td>numbers, including NaN and infinities</td><td>all but LIKE/ILIKE</td></tr>
 * <tr><td>{@code params.<key>}, {@code config.<dotted.key>} (the same thing: config is stored flattened as
 * params)</td><td>numbers or strings</td><td>all</td></tr>
 * <tr><td>{@code tags.<key>}</td><td>strings</td><td>all</td></tr>
 * <tr><td>{@code name} (alias {@code run_name}), {@code created_by} ({@code user_id}, {@code user}), {@code group}
 * ({@code run_group})</td><td>strings</td><td>all</td></tr>
 * <tr><td>{@code state} ({@code status})</td><td>RUNNING, FINISHED, FAILED, KILLED, CRASHED, any case</td>
 * <td>{@code = != IN NOT IN}</td></tr>
 * <tr><td>{@code run_id} ({@code run_uuid}, {@code id})</td><td>UUIDs, with or without dashes</td>
 * <td>{@code = != IN NOT IN}</td></tr>
 * <tr><td>{@code started_at} ({@code start_time}), {@code ended_at} ({@code end_time})</td><td>epoch milliseconds
 * or ISO-8601 strings ({@code '2024-05-01T12:00:00Z'}, with an offset, without a zone meaning UTC, or a date)</td>
 * <td>all but LIKE/ILIKE</td></tr>
 * <tr><td>{@code duration}: milliseconds from {@code started_at} to {@code ended_at}, or to now while the run has
 * not ended</td><td>milliseconds or ISO-8601 durations ({@code 'PT1H30M'})</td><td>all but LIKE/ILIKE</td></tr>
 * </table>
 * A value of the wrong kind for its field ({@code metrics.loss = 'low'}, {@code tags.env = 1}) is a 400.
 *
 * <h3>Semantics</h3>
 * <ul>
 * <li>Metrics match on their display key (after aliases). A metric without a value for the chosen aggregate counts
 * as absent.</li>
 * <li>A comparison on an absent value (no such metric, param or tag; no {@code group} or {@code ended_at}) is false,
 * whatever the operator, {@code !=}, {@code NOT IN} and {@code NOT LIKE} included: as in MLflow, {@code tags.env !=
 * 'prod'} means "has the tag, with another value". {@code IS NULL} asks for absence, and {@code NOT} negates a whole
 * comparison: {@code NOT tags.env = 'prod'} also matches runs without the tag.</li>
 * <li>A param compared with a number compares its numeric reading (params whose value reads as a finite number
 * have one): {@code params.lr = 0.001} matches {@code 0.001}, {@code 1e-3} and {@code 0.0010}; a param without a
 * numeric reading matches no number, {@code !=} and {@code NOT IN} included. Compared with a string, a param compares
 * its text: {@code params.lr = '0.001'} matches only that text. {@code IN} lists may mix both.</li>
 * <li>Numbers compare as PostgreSQL's {@code double precision}: {@code NaN} equals {@code NaN} and is greater than
 * every other number, {@code Infinity} included; {@code -0} equals {@code 0}.</li>
 * <li>Text compares by Unicode code point ({@code 'Z' < 'a'}). {@code LIKE} is case-sensitive, {@code ILIKE} not;
 * {@code %} matches any run of characters, {@code _} one character, and a backslash makes the next character
 * literal (a pattern must not end with a lone backslash).</li>
 * </ul>
 *
 * <h2>Order</h2>
 * {@code order_by} is a list of items {@code <field> [ASC|DESC]} (ascending by default), with the fields of filters:
 * {@code ["metrics.accuracy DESC", "params.lr"]}, {@code ["min(metrics.loss)"]}, {@code ["attributes.start_time"]}.
 * <ul>
 * <li>Without {@code order_by}, runs come newest first ({@code started_at DESC}).</li>
 * <li>Ties are broken by {@code started_at DESC} (as MLflow does) and then by {@code run_id}, so the order is total
 * and pages never skip or repeat a run.</li>
 * <li>Runs without the value (no such metric, param or tag; no {@code ended_at} or {@code group}) come last, in both
 * directions.</li>
 * <li>Metrics sort by value, NaN above everything (so first when descending). Params sort numerically among those
 * with a numeric reading, then by text among the others ({@code 9 < 10 < 'adam'} ascending;
 * {@code 10 > 9 > 'adam'} descending). Text sorts by code point.</li>
 * <li>At most 10 items; a field named twice counts once.</li>
 * </ul>
 *
 * <h2>Pages</h2>
 * Results are pages of at most 50,000 runs (keyset pagination). The token for the next page encodes the sort values
 * and id of the last run shown; it only works with the same {@code order_by} and is otherwise a 400. Runs added
 * meanwhile show up on later pages if they sort after the token, and never cause a run to be repeated or skipped.
 *
 * <h2>Implementation</h2>
 * {@link io.runledger.api.tracking.search.RunFilter#parse} and {@link io.runledger.api.tracking.search.RunOrder#parse}
 * produce the syntax trees; {@link io.runledger.api.tracking.search.RunSearchSql} compiles them into one statement
 * whose text depends only on the structure of the search, every value being a bind parameter;
 * {@link io.runledger.api.tracking.search.RunFilterOracle} evaluates the same trees in memory and is the executable
 * definition of the semantics above, against which the SQL is tested.
 */
package io.runledger.api.tracking.search;
