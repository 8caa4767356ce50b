package io.scmpush.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the class path; this one puts our modules and their dependencies on a module path
 * and checks what {@code module-info} promises: the providers are found by ServiceLoader through
 * {@code provides}, and no {@code .internal} package is exported to everyone.
 */
class ModuleLayoutTest {
    /** The modules built on published API only: the three providers and the certificate manager's. */
    private static final List<String> PUBLISHED_ONLY = List.of("io.scmpush.waf", "io.scmpush.elb", "io.scmpush.cdn",
            "io.scmpush.scm");
    private static final Set<String> OUR_MODULES =
            Set.of("io.scmpush.core", "io.scmpush.waf", "io.scmpush.elb", "io.scmpush.cdn", "io.scmpush.testkit",
                    "io.scmpush.scm");

    @Test
    void the_providers_are_services_of_the_module_layer() throws Exception {
        ModuleLayer layer = layer();
        Class<?> spi = layer.findLoader("io.scmpush.core").loadClass("io.scmpush.spi.PushProvider");

        List<String> providers = ServiceLoader.load(layer, spi).stream()
                .map(p -> p.type().getName())
                .sorted()
                .toList();

        assertThat(providers).containsExactly("io.scmpush.cdn.internal.CdnProvider",
                "io.scmpush.elb.internal.ElbProvider", "io.scmpush.waf.internal.WafProvider");
    }

    @Test
    void internal_packages_are_exported_to_our_modules_only() {
        for (String name : OUR_MODULES) {
            ModuleDescriptor descriptor = layer().findModule(name).orElseThrow().getDescriptor();
            for (ModuleDescriptor.Exports export : descriptor.exports()) {
                if (export.source().contains(".internal")) {
                    assertThat(export.isQualified()).as(name + " exports " + export.source()).isTrue();
                    assertThat(OUR_MODULES).containsAll(export.targets());
                }
            }
        }
    }

    /**
     * The providers and the scm module are built on the published API (with the SPI and its support tier)
     * only: core exports no internal package to them, and none of their classes refers to one. The class
     * files are read, not the sources, so a fully qualified name or a constant inlined from an internal class
     * is caught too.
     */
    @Test
    void the_providers_and_the_scm_module_use_published_api_only() throws Exception {
        ModuleLayer layer = layer();
        ModuleDescriptor core = layer.findModule("io.scmpush.core").orElseThrow().getDescriptor();
        for (ModuleDescriptor.Exports export : core.exports()) {
            if (export.source().contains(".internal")) {
                assertThat(export.targets()).as("core exports " + export.source())
                        .doesNotContainAnyElementsOf(PUBLISHED_ONLY);
            }
        }
        for (String provider : PUBLISHED_ONLY) {
            assertThat(internalReferences(layer, provider)).as(provider + " refers to core's internals").isEmpty();
        }
    }

    /** The classes of {@code module} whose constant pool names a class of core's internal packages. */
    private static List<String> internalReferences(ModuleLayer layer, String module) throws IOException {
        byte[] internal = "io/scmpush/internal/".getBytes(StandardCharsets.US_ASCII);
        List<String> referring = new ArrayList<>();
        try (ModuleReader reader = layer.configuration().findModule(module).orElseThrow().reference().open()) {
            List<String> classes = reader.list().filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).as(module + "'s classes").isNotEmpty();
            for (String entry : classes) {
                try (InputStream in = reader.open(entry).orElseThrow()) {
                    if (indexOf(in.readAllBytes(), internal) >= 0) {
                        referring.add(entry);
                    }
                }
            }
        }
        return referring;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void the_scm_module_exports_its_api_and_core_exports_it_nothing_internal() {
        ModuleLayer layer = layer();
        ModuleDescriptor scm = layer.findModule("io.scmpush.scm").orElseThrow().getDescriptor();
        assertThat(scm.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.scmpush.scm");
        ModuleDescriptor core = layer.findModule("io.scmpush.core").orElseThrow().getDescriptor();
        assertThat(core.exports()).filteredOn(e -> e.source().contains(".internal"))
                .allSatisfy(e -> assertThat(e.targets()).doesNotContain("io.scmpush.scm"));
    }

    private static ModuleLayer layer() {
        // Our modules and what they need; test-only libraries on the class path are not modules we resolve.
        Path[] modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(ModuleLayoutTest::isLibraryEntry)
                .toArray(Path[]::new);
        ModuleFinder finder = ModuleFinder.of(modulePath);
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), OUR_MODULES);
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
    }

    private static boolean isLibraryEntry(Path entry) {
        String path = entry.toString().replace(File.separatorChar, '/');
        String name = entry.getFileName().toString();
        return path.matches(".*/scm-push-(core|waf|elb|cdn|testkit|scm)/target/classes")
                || name.matches("scm-push-(core|waf|elb|cdn|testkit|scm)-.*\\.jar")
                || name.startsWith("jackson-") || name.startsWith("bcp") || name.startsWith("bcutil")
                || name.startsWith("junit-jupiter-api") || name.startsWith("junit-platform-commons")
                || name.startsWith("opentest4j") || name.startsWith("apiguardian")
                || name.startsWith("jspecify");
    }
}
