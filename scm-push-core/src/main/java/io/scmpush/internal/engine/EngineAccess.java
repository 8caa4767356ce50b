package io.scmpush.internal.engine;

import io.scmpush.ScmPush;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the engine behind an {@link ScmPush} from core's other packages: the published
 * {@link io.scmpush.spi.support.ClientContext} is made from it. {@code ScmPush} registers the accessor when
 * its class initialises; nothing here is API, and this package is not exported.
 */
public final class EngineAccess {
    private static volatile @Nullable Function<ScmPush, PushEngine> engines;

    private EngineAccess() {}

    /** Called once, by {@code ScmPush}'s static initialiser. */
    public static void register(Function<ScmPush, PushEngine> accessor) {
        engines = Objects.requireNonNull(accessor, "accessor");
    }

    /** The engine behind {@code scm}. */
    public static PushEngine engine(ScmPush scm) {
        Objects.requireNonNull(scm, "scm");
        Function<ScmPush, PushEngine> accessor = engines;
        if (accessor == null) { // an instance exists, so ScmPush is initialised: this cannot happen
            throw new IllegalStateException("ScmPush has not registered its engine accessor");
        }
        return accessor.apply(scm);
    }
}
