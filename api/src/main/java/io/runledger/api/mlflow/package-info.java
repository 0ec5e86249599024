/**
 * The MLflow-compatible tracking API: MLflow's REST contract (2.x, as the official clients 2.17 speak it) under
 * {@code /api/2.0/mlflow/...}, with {@code /ajax-api/2.0/mlflow/...} as an alias, so that existing MLflow clients work
 * unchanged against Runledger. It is an adapter over the same engine as the native API; there is no second storage
 * path for runs, params, tags or metric points.
 *
 * <h2>Mapping decisions</h2>
 * <ul>
 * <li><b>Experiments are projects.</b> MLflow experiment names are free text ("/Users/x/exp", "my exp"); projects
 * have slugs. {@code mlflow_experiments} holds, per project, the MLflow name (unique per organisation, deleted
 * experiments included, as in MLflow), lifecycle stage, artifact location, creation and update times; experiment tags
 * live in {@code mlflow_experiment_tags}. Creating an experiment creates a project (slug from the name plus a random
 * suffix, name truncated to 200 characters) and the row in one transaction. The experiment id is the project's UUID
 * string. Projects created through the native API appear as experiments too: the first MLflow call that could see them
 * (search, get by name or id) gives them a row named after the project, disambiguated with the slug when the name is
 * taken. Renaming an experiment renames its project; renaming a project later does not rename the experiment.</li>
 * <li><b>Experiment "0"</b>, MLflow's default experiment, is a per-organisation project "Default" made on first use;
 * {@code mlflow_default_experiments} (primary key org_id) makes concurrent first uses agree. Its runs report
 * experiment id "0". It cannot be deleted (as in MLflow's file store); if its project is deleted through the native
 * API, the next use of "0" makes a new one.</li>
 * <li><b>Deleting an experiment</b> is a soft delete, as in MLflow: the experiment and its active runs are marked
 * deleted at one instant; restoring brings back exactly the runs deleted with it. Runs cannot be created in a deleted
 * experiment (INVALID_PARAMETER_VALUE).</li>
 * <li><b>Artifact locations</b> an experiment may name are only those the service serves: {@code mlflow-artifacts:/...}
 * (our proxy, no host) and the prefixes in {@code runledger.mlflow.artifact-locations}. Anything else ({@code file:},
 * a bare path, another host) is INVALID_PARAMETER_VALUE naming the accepted ones: clients write artifacts wherever the
 * experiment says, so a local path would leave them on the client's disk where nobody else can fetch them.</li>
 * <li><b>Run ids</b> are our run UUIDs as 32 hex digits (what MLflow generates); the dashed form is accepted on input,
 * {@code run_uuid} is accepted beside {@code run_id}. {@code run_name} is the run's name and is mirrored in the tag
 * {@code mlflow.runName} (setting that tag renames the run, as in MLflow); runs created without a name get the
 * engine's generated name. {@code user_id} is the run's {@code created_by} (the authenticated caller; a
 * {@code user_id} sent by the client is ignored). Statuses: RUNNING, FINISHED, FAILED, KILLED map to our states,
 * SCHEDULED is accepted as RUNNING. MLflow clients send no heartbeats, so a run that logs nothing for a while stays
 * RUNNING (quiet, not crashed); only after {@code runledger.tracking.abandon-timeout} (7 days) of silence is it ended
 * CRASHED, reported as FAILED. A client that calls our heartbeat endpoint makes its run one that crashes after the
 * heartbeat timeout instead. {@code lifecycle_stage} is
 * "deleted" when the run is soft-deleted. Times are epoch milliseconds; a start or end time later than
 * the server's clock at receipt (a client clock running ahead) is stored as that moment, so runs show and are billed
 * their real running time. {@code artifact_uri} is
 * {@code <artifact_location>/<run_id>/artifacts}, by default {@code mlflow-artifacts:/<experiment_id>/<run_id>/artifacts}.
 * </li>
 * <li><b>Writing to ended runs.</b> MLflow accepts data for any run that is not deleted; our engine only while a run
 * is RUNNING. A FINISHED/FAILED/KILLED run takes the write without being reopened
 * ({@code Runs.writingToEnded}: its status, end time and tracked time stay). Any status or end time change MLflow
 * allows (e.g. FINISHED to FAILED, a second end time) replaces the run's end ({@code Runs.replaceEnd}), and its
 * billed time follows the end it shows. An end time before the start time (client clocks) is taken as the start
 * time.</li>
 * <li><b>Params</b> are write-once (RunParams): the same value again is fine, another value is
 * INVALID_PARAMETER_VALUE (400) and nothing of the request is written. <b>Tags</b> overwrite (last one wins within a
 * request). <b>Metrics</b> are appended through MetricWriter: one series per key, steps int64, timestamps the client's
 * epoch milliseconds, NaN and ±Infinity kept. Every MLflow metric request carries a batch id derived from its run and
 * points, so a client's retry of the same request is applied once; and a point its series already holds (same key,
 * step, timestamp and value, from any earlier request or the same one) is dropped ({@code MetricWriter.writeDistinct}),
 * as MLflow's SQL store keeps it once by its primary key. Metering counts only the points stored. {@code log-batch} is one transaction
 * (params, tags, then metrics, so that the run row is locked before series rows); a refused param writes nothing.</li>
 * <li><b>Latest metric values</b> in a run's {@code data.metrics} are the series summary's last point: the highest
 * (step, timestamp).</li>
 * <li><b>Search</b> translates MLflow's filter ({@link io.runledger.api.mlflow.MlflowFilter}) into the run search
 * language, which is a superset (OR, NOT and parentheses also work): entity prefixes as MLflow spells them
 * ({@code metric}, {@code parameter}, {@code attr}, ...), {@code created} as {@code start_time}, statuses as above
 * (FAILED also finds CRASHED runs). Filtering by datasets, {@code artifact_uri} or {@code lifecycle_stage} is refused
 * with INVALID_PARAMETER_VALUE. Several experiments are searched with MultiProjectRunSearch (one keyset cursor per
 * experiment in the page token); unknown experiment ids are ignored, as MLflow does. {@code max_results} defaults to
 * 1,000 and may be up to 50,000.</li>
 * <li><b>Metric histories</b> come from SeriesReader in (step, timestamp) order; {@code get-history} pages with
 * {@code max_results}/{@code page_token} (all points when {@code max_results} is absent).
 * {@code get-history-bulk-interval} samples steps as MLflow's handler does, except that it compares the sample index
 * with the end of the requested range (MLflow compares it with the range's length, which drops most samples of a
 * zoomed-in range). The UI's {@code get-history-bulk} is served too.</li>
 * <li><b>Datasets</b> ({@code runs/log-inputs}) are kept in {@code mlflow_datasets} (per experiment, deduplicated by
 * name and digest) and {@code mlflow_run_inputs}. {@code runs/log-model} appends to the run tag
 * {@code mlflow.log-model.history}, as MLflow's server does.</li>
 * <li><b>Artifacts</b> of a run live in object storage like versioned artifacts (api/artifacts, {@code RunFiles}):
 * one artifact per run whose files are visible as soon as each is stored, replaced by a new PUT and deleted at once
 * (MLflow's semantics), with their bytes reported to metering. Runs report {@code mlflow-artifacts:/...} URIs, so
 * clients upload through the {@code mlflow-artifacts} proxy (PUT/GET/DELETE, listing); {@code artifacts/list} and the
 * UI's {@code get-artifact} read the same files. A proxy path must be the run's own artifact URI. Paths are checked by
 * {@code ObjectPath} (400 naming the problem). Proxied multipart uploads and model-version artifacts answer
 * NOT_IMPLEMENTED (501), which clients do not retry.</li>
 * <li><b>Model registry</b>: registered models, versions (numbers never reused, status READY at once, stages
 * None/Staging/Production/Archived), tags and aliases in {@code mlflow_registered_models},
 * {@code mlflow_model_versions}, their tag tables and {@code mlflow_registered_model_aliases}; unique (org_id, name).
 * A version's {@code run_id}, when given, must name a run of the organisation; local-path sources are refused as
 * MLflow refuses them (there is no local artifact directory).</li>
 * <li><b>JSON</b> is protobuf JSON: snake_case names, enums as names, int64 as JSON numbers, unset fields and empty
 * lists left out, empty answers {@code {}}, non-finite doubles as {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"} (what protobuf's JSON printer writes and MLflow's clients parse). Requests may send int64 as
 * numbers or strings (the Java client sends strings), doubles also as those strings or bare NaN/Infinity tokens (the
 * Python client), and a double-encoded body. GET requests carry fields in the query string; repeated fields as
 * {@code key=a&key=b} or {@code key[]=a}.</li>
 * <li><b>Errors</b> are {@code {"error_code", "message"}} with MLflow's status per code (MlflowErrorHandling, which
 * also maps the platform's exceptions: invalid input and conflicts to INVALID_PARAMETER_VALUE 400, unknown or another
 * organisation's ids to RESOURCE_DOES_NOT_EXIST 404, missing role to PERMISSION_DENIED 403). Unknown paths under the
 * MLflow prefixes are ENDPOINT_NOT_FOUND (404), a known path with the wrong method 405. Authentication (Bearer, or
 * Basic with the key as password) and rate limits (429, {@code Retry-After}, REQUEST_LIMIT_EXCEEDED) are the HTTP
 * layer's. Reads need READ, writes WRITE_TRACKING.</li>
 * </ul>
 *
 * <h2>Not implemented</h2> MLflow 3's logged models, traces, webhooks, prompts and presigned artifact URLs; those
 * paths answer ENDPOINT_NOT_FOUND.
 */
package io.runledger.api.mlflow;
