package io.runledger.api.mlflow;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param artifactLocations besides {@code mlflow-artifacts:} (served by our proxy), the artifact locations an
 *        experiment may name: URI prefixes such as {@code s3://team-bucket/mlflow/} of stores the operator serves to
 *        clients by other means. Empty by default: a hosted service serves only what it stores itself.
 */
@ConfigurationProperties("runledger.mlflow")
record MlflowProperties(List<String> artifactLocations) {

	MlflowProperties {
		artifactLocations = artifactLocations == null ? List.of() : List.copyOf(artifactLocations);
	}
}
