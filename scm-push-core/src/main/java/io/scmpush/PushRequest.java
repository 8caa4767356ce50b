package io.scmpush;

import java.util.concurrent.CompletableFuture;

/**
 * One certificate and where to push it. Immutable: every method returns a new request, so a request
 * can be kept and executed again.
 */
public final class PushRequest {
    // TODO(engine): implemented by the push engine
    private PushRequest() {}

    /** This request with one more target. */
    public PushRequest to(PushTarget target) {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /** Default {@link DuplicatePolicy#FAIL}. */
    public PushRequest onDuplicate(DuplicatePolicy policy) {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /** Reads the inventories and evaluates the rules; writes nothing and records nothing. */
    public PushPlan plan() {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /**
     * Reads the inventories, evaluates the rules, then writes every allowed target in parallel.
     * Rule violations and remote failures are outcomes, not exceptions.
     *
     * @throws IllegalStateException when the request has no target
     */
    public PushResult execute() {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    /** {@link #execute()} without blocking the caller. */
    public CompletableFuture<PushResult> executeAsync() {
        throw new UnsupportedOperationException("TODO(engine)");
    }
}
