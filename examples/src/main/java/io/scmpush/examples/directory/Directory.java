package io.scmpush.examples.directory;

import io.scmpush.Binding;
import io.scmpush.PushTarget;
import java.nio.file.Path;

/** Targets of the directory plugin, the way {@code Waf}, {@code Elb} and {@code Cdn} make theirs. */
public final class Directory {
    /** The service id the provider registers. */
    public static final String SERVICE = "directory";
    /** Option: the directory to write into. */
    public static final String PATH = "path";
    /** Binding kind: a symbolic link {@code <link>.pem} (and {@code <link>.key}) to a certificate's files. */
    public static final String LINK = "link";

    private Directory() {}

    /** Write the certificate as {@code <name>.crt} and {@code <name>.key} into {@code directory}. */
    public static PushTarget at(Path directory) {
        return PushTarget.of(SERVICE).withOption(PATH, directory.toString());
    }

    /**
     * The plugin's binding: the symbolic links {@code current.pem} and {@code current.key} in
     * {@code directory}, which a web server reads, pointed at the pushed certificate's files. Its resource is
     * the link's path, the way ELB's is a listener id.
     */
    public static Binding current(Path directory) {
        return new Binding(SERVICE, null, LINK, directory.resolve("current.pem").toAbsolutePath().toString());
    }
}
