package io.scmpush.spi.support;

import io.scmpush.internal.provider.JacksonVersions;

/**
 * The Jackson check {@code ScmPush.builder().build()} makes, for code that uses scm-push's Jackson before any
 * {@code ScmPush} is built, such as the test kit's emulator: an application whose dependency management picks
 * an older or mismatched Jackson then learns it here, with the versions named, not from a
 * {@code NoClassDefFoundError} in the middle of a call.
 */
public final class SupportedJackson {
    private SupportedJackson() {}

    /**
     * Checks that jackson-databind, jackson-core and jackson-annotations are versions scm-push runs on (2.16 or
     * later, core and annotations not older than databind) and that Jackson starts. Cheap after the first
     * success; thread-safe.
     *
     * @throws io.scmpush.ConfigurationException {@code DEPENDENCY_VERSION} naming the versions found and the
     *     ones needed
     */
    public static void check() {
        JacksonVersions.check();
    }
}
