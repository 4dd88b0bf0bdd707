package org.selfcare;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void featurePackagesOnlyUseEachOthersPublicApi() {
        // The sandbox module's stand-ins share the org.selfcare root but are a library of their own, not a feature
        // package of the portal.
        ApplicationModules.of(SelfcareApplication.class, JavaClass.Predicates.resideInAPackage("org.selfcare.sandbox.."))
                .verify();
    }
}
