package io.scmpush.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into one array of at most {@code max} bytes. A body that declares more, or sends
 * more, is not read further: the subscription is cancelled (the JDK then closes the connection) and the
 * body fails with {@link TooLarge}. {@link #abort()} stops a body that arrives too slowly.
 *
 * <p>Memory: the buffers the JDK hands over are kept as they are (it does not reuse them; its own
 * {@code ofByteArray} keeps them too) and copied once, at the end, into an array of the body's size: at most
 * {@code max} bytes twice, and no array sized ahead of a body without {@code Content-Length}.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final int status;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    /** What arrived so far; the reading thread's alone. */
    private final List<ByteBuffer> received = new ArrayList<>();
    private int size;
    private volatile Flow.@org.jspecify.annotations.Nullable Subscription subscription;

    /**
     * @param declaredLength the {@code Content-Length}, or -1 when none was sent
     * @param status the response's status, for the error a too-large body fails with
     */
    BoundedBody(long declaredLength, int max, int status) {
        this.max = max;
        this.status = status;
        if (declaredLength > max) {
            result.completeExceptionally(new TooLarge(max, status, declaredLength));
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (result.isDone()) {
            s.cancel(); // refused by its declared length: not a byte is read
            return;
        }
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return; // aborted or too large: whatever still arrives is dropped
        }
        for (ByteBuffer item : items) {
            if (result.isDone()) {
                return;
            }
            int n = item.remaining();
            if (n > max - size) {
                received.clear();
                fail(new TooLarge(max, status, -1));
                return;
            }
            if (n > 0) {
                received.add(item);
                size += n;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        byte[] body = new byte[size];
        int at = 0;
        for (ByteBuffer item : received) {
            int n = item.remaining();
            item.get(body, at, n);
            at += n;
        }
        received.clear();
        result.complete(body);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Stops reading (the time for the exchange is up): the body fails with {@code why}. */
    void abort(IOException why) {
        fail(why);
    }

    private void fail(IOException why) {
        // What was received is the reading thread's alone: it is dropped with this subscriber, not here.
        if (result.completeExceptionally(why)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** The body is longer than the cap. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        TooLarge(int max, int status, long declared) {
            super("the answer is longer than " + max + " bytes"
                    + (declared > 0 ? " (it declares " + declared + ")" : "") + "; it was not read further");
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
