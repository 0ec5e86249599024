package io.runledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one deployable: every module of the platform runs in this process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RunledgerApplication {

	public static void main(String[] args) {
		SpringApplication.run(RunledgerApplication.class, args);
	}
}
