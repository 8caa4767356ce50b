package com.example.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.ScmPush;
import io.scmpush.testkit.FakeHuaweiCloud;
import org.junit.jupiter.api.Test;

class JacksonBelowFloorTest {

    @Test
    void below_the_floor_build_fails_with_a_configuration_exception_naming_both_versions() {
        String pinned = System.getProperty("pinned.jackson");
        assertEquals(pinned, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ScmPush.builder().credentials(Credentials.of("AK", "SK")).build());

        assertEquals(ConfigurationCodes.DEPENDENCY_VERSION, e.code());
        assertTrue(e.getMessage().contains("found jackson-databind " + pinned), e.getMessage());
        assertTrue(e.getMessage().contains("needs Jackson " + System.getProperty("jackson.floor") + " or later"),
                e.getMessage());
        System.out.println("jackson-below-floor: " + e.getMessage());
    }

    @Test
    void the_fake_cloud_refuses_to_start_the_same_way() {
        ConfigurationException e = assertThrows(ConfigurationException.class, FakeHuaweiCloud::start);

        assertEquals(ConfigurationCodes.DEPENDENCY_VERSION, e.code());
    }
}
