package io.scmpush.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into one array of at most {@code max} bytes. A body that declares more, or sends
 * more, is not read further: the subscription is cancelled (the JDK then closes the connection) and the
 * body fails with {@link TooLarge}. {@link #abort()} stops a body that arrives too slowly.
 *
 * <p>Memory: the array is sized from {@code Content-Length} when there is one, else it grows by doubling,
 * so at most {@code max} bytes plus, while growing, the previous array.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private static final int FIRST_CHUNK = 8 * 1024;

    private final int max;
    private final int status;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer;
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
            buffer = new byte[0];
            result.completeExceptionally(new TooLarge(max, status, declaredLength));
        } else {
            buffer = new byte[declaredLength >= 0 ? (int) declaredLength : Math.min(FIRST_CHUNK, max)];
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
                fail(new TooLarge(max, status, -1));
                return;
            }
            if (n > buffer.length - size) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max((long) buffer.length * 2, size + n)));
            }
            item.get(buffer, size, n);
            size += n;
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        buffer = new byte[0];
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
        // The buffer is the reading thread's alone: it is dropped with this subscriber, not here.
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
