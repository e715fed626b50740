package dev.signingsuite.blobstore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Watches what the client really sends: each operation and the headers that went on the wire. */
final class RecordingInterceptor implements ExecutionInterceptor {

    record Sent(String operation, Map<String, List<String>> headers) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(new Sent(
                context.request().getClass().getSimpleName(),
                context.httpRequest().headers()));
    }

    List<String> operations() {
        return sent.stream().map(Sent::operation).toList();
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    void clear() {
        sent.clear();
    }
}
