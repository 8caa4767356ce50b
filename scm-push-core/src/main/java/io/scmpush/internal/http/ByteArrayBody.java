package io.scmpush.internal.http;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body handed to the JDK client as it is. {@code BodyPublishers.ofByteArray} copies the array into
 * fresh buffers on every send (the caller might change it later); the transport's body is encoded once per
 * request and never changed, so each subscription (each attempt) gets a buffer over the same array.
 */
final class ByteArrayBody implements HttpRequest.BodyPublisher {
    private final byte[] bytes;

    ByteArrayBody(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private final AtomicBoolean done = new AtomicBoolean();

            @Override
            public void request(long n) {
                if (!done.compareAndSet(false, true)) {
                    return; // delivered, failed or cancelled: nothing more to say
                }
                if (n <= 0) {
                    subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                    return;
                }
                subscriber.onNext(ByteBuffer.wrap(bytes));
                subscriber.onComplete();
            }

            @Override
            public void cancel() {
                done.set(true);
            }
        });
    }
}
