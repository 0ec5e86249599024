package io.runledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module structure is enforced, not just drawn: each Maven module is one top-level package and one Spring
 * Modulith module; dependencies point one way (api → all; billing → metering → tenancy; auth, storage → tenancy);
 * nobody reaches into another module's internals; nothing depends on api.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(RunledgerApplication.class);

	@Test
	void modules_have_no_cycles_allowed_dependencies_only_and_no_reach_into_internals() {
		MODULES.verify();
	}

	@Test
	void the_platform_consists_of_exactly_the_six_modules_of_the_product_design() {
		Set<String> names = MODULES.stream().map(ApplicationModule::getIdentifier)
			.map(Object::toString)
			.collect(Collectors.toSet());

		assertThat(names).containsExactlyInAnyOrder("api", "tenancy", "metering", "billing", "auth", "storage");
	}

	@Test
	void nothing_outside_api_depends_on_api() {
		var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.runledger");

		noClasses().that()
			.resideOutsideOfPackage("io.runledger.api..")
			.and()
			.doNotHaveFullyQualifiedName(RunledgerApplication.class.getName())
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.runledger.api..")
			.check(classes);
	}

	@Test
	void the_lower_modules_do_not_use_the_web_layer() {
		var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.runledger.tenancy", "io.runledger.metering", "io.runledger.billing");

		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
			.allowEmptyShould(true)
			.check(classes);
	}
}
