package io.scmpush.examples.directory;

import io.scmpush.PushTarget;
import java.nio.file.Path;

/** Targets of the directory plugin, the way {@code Waf}, {@code Elb} and {@code Cdn} make theirs. */
public final class Directory {
    /** The service id the provider registers. */
    public static final String SERVICE = "directory";
    /** Option: the directory to write into. */
    public static final String PATH = "path";

    private Directory() {}

    /** Write the certificate as {@code <name>.crt} and {@code <name>.key} into {@code directory}. */
    public static PushTarget at(Path directory) {
        return PushTarget.of(SERVICE).withOption(PATH, directory.toString());
    }
}
