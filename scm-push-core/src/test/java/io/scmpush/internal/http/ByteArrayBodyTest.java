package io.scmpush.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ByteArrayBodyTest {
    private static final byte[] BODY = "{\"name\":\"c\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void its_length_is_the_arrays_and_each_subscription_gets_the_whole_body_once_then_completes() {
        ByteArrayBody body = new ByteArrayBody(BODY);

        assertThat(body.contentLength()).isEqualTo(BODY.length);
        for (int attempt = 0; attempt < 2; attempt++) { // a retry subscribes again
            Recorder recorder = new Recorder();
            body.subscribe(recorder);
            recorder.subscription.request(1);
            recorder.subscription.request(5);

            assertThat(recorder.events).containsExactly("next " + new String(BODY, StandardCharsets.UTF_8), "complete");
        }
    }

    @Test
    void a_cancelled_subscription_delivers_nothing() {
        Recorder recorder = new Recorder();
        new ByteArrayBody(BODY).subscribe(recorder);

        recorder.subscription.cancel();
        recorder.subscription.request(1);

        assertThat(recorder.events).isEmpty();
    }

    @Test
    void a_demand_that_is_not_positive_is_an_error_as_reactive_streams_require() {
        Recorder recorder = new Recorder();
        new ByteArrayBody(BODY).subscribe(recorder);

        recorder.subscription.request(0);
        recorder.subscription.request(1);

        assertThat(recorder.events).containsExactly("error IllegalArgumentException");
    }

    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<String> events = new ArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            events.add("next " + new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void onError(Throwable throwable) {
            events.add("error " + throwable.getClass().getSimpleName());
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }
    }
}
