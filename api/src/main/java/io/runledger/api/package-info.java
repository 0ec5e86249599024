/**
 * The HTTP face of the platform and the features that live only here: tracking, reports and the MLflow-compatible
 * API (each its own sub-package, all internal). May depend on every other module; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule
package io.runledger.api;
