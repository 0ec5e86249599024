package io.runledger.archfixture;

/** Root of a deliberately broken module layout used only to prove the architecture checks catch violations. */
@org.springframework.modulith.Modulithic
public class FixtureApplication {
}
