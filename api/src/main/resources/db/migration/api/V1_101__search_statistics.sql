-- Key/value tables hide the correlation between a key and its values from the planner, which then misjudges how
-- many runs a param or tag filter matches (by ~20x) and picks slow plans. Extended statistics fix the estimates.
CREATE STATISTICS run_params_key_value (dependencies, mcv) ON key, value FROM run_params;
CREATE STATISTICS run_params_key_number (dependencies, mcv) ON key, value_num FROM run_params;
CREATE STATISTICS run_tags_key_value (dependencies, mcv) ON key, value FROM run_tags;
CREATE STATISTICS metric_series_key_value (dependencies, mcv) ON display_key, last_value FROM metric_series;
