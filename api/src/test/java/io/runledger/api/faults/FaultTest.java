package io.runledger.api.faults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import io.runledger.api.IntegrationTest;

/**
 * A test of the fault suite: the whole application against the private PostgreSQL, Redis and S3Proxy that
 * {@code infra/local/fault-test.sh} starts (their ports reach the application through the same
 * {@code RUNLEDGER_*_PORT} variables as everywhere), which the test stops and restarts. Classes are named
 * {@code *Faults} so the ordinary surefire run never picks them up; outside the script they fail at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PrivateServices.class)
@IntegrationTest
public @interface FaultTest {
}
