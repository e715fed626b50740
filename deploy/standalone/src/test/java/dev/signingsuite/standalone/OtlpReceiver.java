package dev.signingsuite.standalone;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP trace receiver (the collector's {@code /v1/traces}, protobuf) on loopback:
 * what the suite's services export, decoded with the OTLP protocol's own classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One exported span; ids in lower-case hex, parent empty for a root span. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {

        boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in =
                        "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                                ? new GZIPInputStream(exchange.getRequestBody())
                                : exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (!"POST".equals(exchange.getRequestMethod()) || !"application/x-protobuf".equals(contentType)) {
                    receiver.problems.add(exchange.getRequestMethod() + " " + contentType);
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                receiver.receive(ExportTraceServiceRequest.parseFrom(body));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
        return receiver;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Requests that were not OTLP/HTTP protobuf trace exports. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(attribute -> attribute.getKey().equals("service.name"))
                    .map(KeyValue::getValue)
                    .map(value -> value.getStringValue())
                    .findFirst()
                    .orElse("unknown");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList()
                        .forEach(span -> spans.add(new ReceivedSpan(
                                service,
                                hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()),
                                hex.formatHex(span.getParentSpanId().toByteArray()),
                                span.getName(),
                                span.getKind().name())));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
