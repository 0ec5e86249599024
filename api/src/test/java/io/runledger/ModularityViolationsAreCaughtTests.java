package io.runledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

import io.runledger.archfixture.FixtureApplication;

/**
 * Proves the architecture checks bite: a deliberately broken fixture (a lower module using an upper one, and reaching
 * into its internal package) must fail the same verification the real modules pass.
 */
class ModularityViolationsAreCaughtTests {

	@Test
	void a_dependency_against_the_allowed_direction_and_a_reach_into_internals_fail_verification() {
		var modules = ApplicationModules.of(FixtureApplication.class, location -> true);

		assertThatThrownBy(modules::verify).isInstanceOf(Violations.class)
			.hasMessageContaining("lower")
			.hasMessageContaining("upper")
			.hasMessageContaining("Secret");
	}

	@Test
	void the_archunit_rule_against_depending_on_api_catches_an_offender() {
		var classes = new ClassFileImporter().importPackages("io.runledger.archfixture");

		assertThatThrownBy(() -> ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.runledger.archfixture.lower..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.runledger.archfixture.upper..")
			.check(classes)).isInstanceOf(AssertionError.class).hasMessageContaining("Lower");
	}
}
