package io.scmpush.internal.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.Version;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import java.lang.module.ModuleDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Checks the Jackson found at run time before scm-push uses it, so that an application whose dependency
 * management picks an older or mismatched Jackson learns it from {@code ScmPush.builder().build()} with
 * the versions named, not from a {@code NoClassDefFoundError} in the middle of a push. Only Jackson's
 * version classes are touched here: they exist in every Jackson 2 release.
 */
public final class JacksonVersions {
    /**
     * The oldest jackson-databind and jackson-core scm-push runs on: 2.16 brought the
     * {@code JsonRecyclerPools} that the providers' parsers share (jackson-core 2.15 and older fail on
     * the first HTTP answer). CI runs the whole test suite on it.
     */
    public static final String FLOOR = "2.16.0";

    private static final int FLOOR_MAJOR = 2;
    private static final int FLOOR_MINOR = 16;
    private static final String ALIGN = "import com.fasterxml.jackson:jackson-bom in your dependencyManagement "
            + "so that jackson-databind, jackson-core and jackson-annotations share one version";

    /** Set once a check passed: the versions cannot change within a class loader. */
    private static volatile boolean checked;

    private JacksonVersions() {}

    /**
     * Checks the versions, then makes the shared JSON mapper once, so that any other mismatch surfaces
     * here as well.
     *
     * @throws ConfigurationException {@code DEPENDENCY_VERSION} naming the versions found and the one needed
     */
    public static void check() {
        if (checked) {
            return;
        }
        Version databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
        Version core = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
        String annotations = annotationsVersion();
        String problem = problem(databind.toString(), core.toString(), annotations);
        if (problem != null) {
            throw new ConfigurationException(ConfigurationCodes.DEPENDENCY_VERSION, problem);
        }
        try {
            Class.forName(Json.class.getName(), true, JacksonVersions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(ConfigurationCodes.DEPENDENCY_VERSION, "scm-push cannot start Jackson ("
                    + found(databind.toString(), core.toString(), annotations) + "): " + e + "; " + ALIGN, e);
        }
        checked = true;
    }

    /**
     * What is wrong with these versions, or {@code null}: databind and core at least {@link #FLOOR}, and
     * core and annotations at least databind's minor version, which databind needs (databind 2.21 with
     * annotations 2.20 fails in the first {@code ObjectMapper}). An unknown annotations version is let
     * through; making the mapper would still catch a mismatch.
     */
    static @Nullable String problem(String databind, String core, @Nullable String annotations) {
        String found = found(databind, core, annotations);
        if (olderThan(databind, FLOOR_MAJOR, FLOOR_MINOR) || olderThan(core, FLOOR_MAJOR, FLOOR_MINOR)) {
            return "scm-push needs Jackson " + FLOOR + " or later; found " + found
                    + ". Upgrade Jackson: " + ALIGN + " (" + FLOOR + " or later)";
        }
        int[] needed = majorMinor(databind);
        String behind = olderThan(core, needed[0], needed[1]) ? "jackson-core " + core
                : annotations != null && olderThan(annotations, needed[0], needed[1])
                        ? "jackson-annotations " + annotations : null;
        if (behind != null) {
            return "Jackson's parts do not match: " + behind + " is older than jackson-databind " + databind
                    + " needs (" + needed[0] + "." + needed[1] + " or later); found " + found + ". " + ALIGN;
        }
        return null;
    }

    private static String found(String databind, String core, @Nullable String annotations) {
        return "jackson-databind " + databind + ", jackson-core " + core + ", jackson-annotations "
                + (annotations != null ? annotations : "of unknown version");
    }

    /** jackson-annotations has no version class: its module descriptor or its jar's manifest says it. */
    private static @Nullable String annotationsVersion() {
        ModuleDescriptor descriptor = JsonProperty.class.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        Package annotationPackage = JsonProperty.class.getPackage();
        return annotationPackage != null ? annotationPackage.getImplementationVersion() : null;
    }

    private static boolean olderThan(String version, int major, int minor) {
        int[] found = majorMinor(version);
        return found[0] < major || found[0] == major && found[1] < minor;
    }

    /** "2.21.8", "2.20", "2.17.0-rc1" as {major, minor}; what cannot be read counts as 0. */
    private static int[] majorMinor(String version) {
        String[] parts = version.split("[.-]", 3);
        return new int[] {number(parts, 0), number(parts, 1)};
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
