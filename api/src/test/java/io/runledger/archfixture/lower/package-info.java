@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.runledger.archfixture.lower;
