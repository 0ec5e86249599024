package io.runledger.api.http;

import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Person;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI documents: the native API at {@code /v3/api-docs} (the front end's client is generated from it, and
 * {@code web-frontend/openapi/runledger.json} is its reviewed copy) and the MLflow-compatible API at
 * {@code /v3/api-docs/mlflow}. What springdoc cannot see from the handler signatures is added here, once for every
 * operation: the resolved caller is not a parameter, every error is problem+json, file bodies are octet streams.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String NATIVE_PREFIX = "/api/v1/";

	static final String MLFLOW_GROUP = "mlflow";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	static final String OCTET_STREAM = org.springframework.http.MediaType.APPLICATION_OCTET_STREAM_VALUE;

	static {
		// Resolved by CallerArgumentResolver from the credential, never sent by a client.
		SpringDocUtils.getConfig()
			.addRequestWrapperToIgnore(CallerIdentity.class, Person.class)
			// Free-form JSON (config, metadata) is any JSON value, not Jackson's node class; a currency is its code.
			.replaceWithSchema(JsonNode.class, new Schema<>().description("any JSON value"))
			.replaceWithClass(Currency.class, String.class);
	}

	/** The documented error answers: status → (component name, when it applies). */
	private static final Map<Integer, String> ERRORS = errors();

	private static Map<Integer, String> errors() {
		var errors = new LinkedHashMap<Integer, String>();
		errors.put(400, "the request names a problem: a bad parameter, body, cursor or limit (detail says which)");
		errors.put(401, "no credential, an unknown, expired or revoked one, or more than one");
		errors.put(403, "the caller's role does not allow this");
		errors.put(404, "no such resource in the caller's organisation (another organisation's ids answer the same)");
		errors.put(409, "the change conflicts with the current state");
		errors.put(422, "an Idempotency-Key was reused with another request");
		errors.put(429, "a rate limit or a budget's hard cap (Retry-After says when to retry)");
		return errors;
	}

	@Bean
	OpenAPI runledgerOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Runledger API")
				.version("v1")
				.description("Native API of Runledger. Errors are RFC 9457 problem+json; lists use cursor "
						+ "pagination (limit, cursor → nextCursor). Send exactly one credential per request. "
						+ "The MLflow-compatible API is documented separately at /v3/api-docs/mlflow."))
			// A fixed, relative server: the document must not change with the port the app listens on.
			.servers(List.of(new Server().url("/")))
			.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("rl_…"))
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
					.description("Any username, the API key as password (what MLflow clients send)")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

	/** Readable operation ids, unique because handler names are unique within a controller: runsCreate, ... */
	@Bean
	OperationCustomizer runledgerOperationIds() {
		return (operation, handler) -> {
			operation.setOperationId(operationId(handler));
			if (operation.getRequestBody() == null && handler.hasMethodAnnotation(PutMapping.class)
					&& takes(handler, HttpServletRequest.class)) {
				// A PUT that reads the request itself takes the file's bytes.
				operation.requestBody(new io.swagger.v3.oas.models.parameters.RequestBody().required(true)
					.content(binary()));
			}
			if (handler.hasMethodAnnotation(Creates.class)) {
				documentCreate(operation);
			}
			if (returnsRawBytes(handler)) {
				operation.setResponses(new ApiResponses().addApiResponse("200",
						new ApiResponse().description("the file's bytes").content(binary())));
			}
			return operation;
		};
	}

	/** A create answers 201 (springdoc reads 200 from a ResponseEntity) and takes an Idempotency-Key. */
	private static void documentCreate(Operation operation) {
		var responses = operation.getResponses();
		if (responses != null && responses.containsKey("200") && !responses.containsKey("201")) {
			var ok = responses.remove("200");
			responses.addApiResponse("201", ok.description("Created"));
		}
		operation.addParametersItem(new Parameter().in("header")
			.name(IdempotencyFilter.HEADER)
			.required(false)
			.description("Makes a retry safe: the same key with the same request answers the first result "
					+ "(Idempotent-Replayed: true); the same key with another request is 422. Kept 24 hours.")
			.schema(new StringSchema().minLength(1).maxLength(255)));
	}

	/** Problem responses on every native operation, and only native routes in the default document. */
	@Bean
	OpenApiCustomizer runledgerProblemResponses() {
		return openApi -> {
			var paths = new Paths();
			new TreeMap<>(openApi.getPaths() == null ? Map.<String, PathItem>of() : openApi.getPaths())
				.forEach((path, item) -> {
					if (path.startsWith(NATIVE_PREFIX)) {
						item.readOperationsMap()
							.forEach((method, operation) -> addErrors(path, method, operation, "Problem", PROBLEM_JSON));
						paths.addPathItem(path, item);
					}
				});
			openApi.setPaths(paths);
			if (openApi.getTags() != null) {
				// springdoc collects tags in no fixed order; the committed copy must not churn.
				openApi.getTags().sort(java.util.Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName));
			}
			addErrorComponents(openApi, "Problem", problemSchema(), PROBLEM_JSON);
		};
	}

	/**
	 * The MLflow-compatible routes, in their own document. Their handlers read MLflow's JSON themselves (the contract
	 * is MLflow's, see /work/shared/reference/mlflow-rest-api.md), so the operations are listed from the handler
	 * mappings with generic JSON bodies and MLflow's error format.
	 */
	@Bean
	GroupedOpenApi mlflowOpenApi(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
		return GroupedOpenApi.builder()
			.group(MLFLOW_GROUP)
			.displayName("MLflow-compatible API")
			.pathsToMatch("/api/2.0/**")
			.addOpenApiCustomizer(openApi -> {
				openApi.info(new Info().title("Runledger MLflow-compatible API")
					.version("2.0")
					.description("MLflow's REST API over Runledger's tracking engine, for MLflow clients "
							+ "(MLFLOW_TRACKING_URI). Bodies and answers are MLflow's; errors are MLflow's "
							+ "{error_code, message}. The same routes also answer under /ajax-api/2.0/."));
				openApi.setPaths(mlflowPaths(mappings.getObject()));
				addErrorComponents(openApi, "MlflowError", mlflowErrorSchema(), JSON);
			})
			.build();
	}

	private static Paths mlflowPaths(RequestMappingHandlerMapping mappings) {
		var byPath = new TreeMap<String, PathItem>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().endsWith(".mlflow")
					|| info.getMethodsCondition().getMethods().isEmpty() || info.getPathPatternsCondition() == null) {
				return; // not MLflow, or the catch-all that answers ENDPOINT_NOT_FOUND
			}
			for (var pattern : info.getPathPatternsCondition().getPatternValues()) {
				if (!pattern.startsWith("/api/2.0/")) {
					continue;
				}
				var path = pattern.replace("{*", "{");
				for (var method : info.getMethodsCondition().getMethods()) {
					var operation = mlflowOperation(path, method, handler);
					byPath.computeIfAbsent(path, p -> new PathItem()).operation(PathItem.HttpMethod.valueOf(method.name()),
							operation);
				}
			}
		});
		var ids = new java.util.HashMap<String, Integer>();
		var paths = new Paths();
		byPath.forEach((path, item) -> {
			item.readOperations().forEach(operation -> {
				int seen = ids.merge(operation.getOperationId(), 1, Integer::sum);
				if (seen > 1) {
					operation.setOperationId(operation.getOperationId() + seen);
				}
			});
			paths.addPathItem(path, item);
		});
		return paths;
	}

	private static Operation mlflowOperation(String path, RequestMethod method, HandlerMethod handler) {
		var operation = new Operation().operationId("mlflow" + capitalized(handler.getMethod().getName()))
			.addTagsItem("MLflow " + handler.getBeanType().getSimpleName().replace("Mlflow", "").replace("Controller", ""));
		for (var segment : path.split("/")) {
			if (segment.startsWith("{")) {
				operation.addParametersItem(new Parameter().in("path").required(true)
					.name(segment.substring(1, segment.length() - 1)).schema(new StringSchema()));
			}
		}
		boolean takesRawBody = method == RequestMethod.PUT && takes(handler, HttpServletRequest.class);
		if (takesRawBody) {
			operation.requestBody(new io.swagger.v3.oas.models.parameters.RequestBody().required(true).content(binary()));
		}
		else if (method == RequestMethod.POST) {
			operation.requestBody(new io.swagger.v3.oas.models.parameters.RequestBody()
				.content(new Content().addMediaType(JSON, new MediaType().schema(new ObjectSchema()))));
		}
		operation.responses(new ApiResponses().addApiResponse("200", returnsRawBytes(handler)
				? new ApiResponse().description("the file's bytes").content(binary())
				: new ApiResponse().description("MLflow's answer")
					.content(new Content().addMediaType(JSON, new MediaType().schema(new ObjectSchema())))));
		addErrors(path, PathItem.HttpMethod.valueOf(method.name()), operation, "MlflowError", JSON);
		return operation;
	}

	/** The error answers an operation can give; 404 only where a path names something, 409/422 only on writes. */
	private static void addErrors(String path, PathItem.HttpMethod method, Operation operation, String schema,
			String mediaType) {
		boolean anonymous = path.startsWith(ShareLinkAccess.PREFIX) || path.endsWith("/stripe/webhook");
		boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
		var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		ERRORS.keySet().forEach(status -> {
			boolean applies = switch (status) {
				case 401, 403 -> !anonymous;
				case 404 -> path.contains("{") || !mediaType.equals(PROBLEM_JSON);
				case 409 -> write;
				case 422 -> operation.getParameters() != null && operation.getParameters()
					.stream()
					.anyMatch(parameter -> IdempotencyFilter.HEADER.equals(parameter.getName()));
				default -> true;
			};
			if (applies) {
				responses.addApiResponse(Integer.toString(status),
						new ApiResponse().$ref("#/components/responses/" + schema + status));
			}
		});
		// springdoc documents the success answer of every handler; keep it, but never as */*.
		responses.forEach((status, response) -> {
			if (response.getContent() != null && response.getContent().containsKey("*/*")) {
				response.getContent().put(JSON, response.getContent().remove("*/*"));
			}
		});
		operation.setResponses(responses);
	}

	private static void addErrorComponents(OpenAPI openApi, String name, Schema<?> schema, String mediaType) {
		var components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
		components.addSchemas(name, schema);
		ERRORS.forEach((status, description) -> components.addResponses(name + status,
				new ApiResponse().description(description)
					.content(new Content().addMediaType(mediaType,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + name))))));
		openApi.setComponents(components);
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details; detail names the problem")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema())
			.additionalProperties(true)
			.required(List.of("type", "title", "status", "detail"));
	}

	private static Schema<?> mlflowErrorSchema() {
		return new ObjectSchema().description("MLflow's error format")
			.addProperty("error_code", new StringSchema().example("RESOURCE_DOES_NOT_EXIST"))
			.addProperty("message", new StringSchema())
			.required(List.of("error_code", "message"));
	}

	static Content binary() {
		return new Content().addMediaType(OCTET_STREAM, new MediaType().schema(new BinarySchema()));
	}

	/** Handlers that stream a file write it to the response themselves and return nothing. */
	private static boolean returnsRawBytes(HandlerMethod handler) {
		return handler.getMethod().getReturnType() == void.class && takes(handler, HttpServletResponse.class);
	}

	private static boolean takes(HandlerMethod handler, Class<?> type) {
		for (var parameter : handler.getMethodParameters()) {
			if (parameter.getParameterType() == type && !parameter.hasParameterAnnotation(RequestBody.class)) {
				return true;
			}
		}
		return false;
	}

	static String operationId(HandlerMethod handler) {
		var feature = handler.getBeanType().getSimpleName().replace("Controller", "");
		return Character.toLowerCase(feature.charAt(0)) + feature.substring(1) + capitalized(handler.getMethod().getName());
	}

	private static String capitalized(String name) {
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}
}
