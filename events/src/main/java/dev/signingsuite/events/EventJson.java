package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of the events, used by every writer and reader so the wire format cannot
 * drift: unknown properties ignored, unknown enum values read as their default, instants as
 * ISO-8601 strings, nulls omitted, byte arrays as base64.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // keep payload content out of exception messages
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(16)
                            .maxRawContentLength(0)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // record component order on the wire, as documented, instead of Jackson 3's alphabetical
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private EventJson() {}

    /** The configured mapper, for frameworks that take one (message converters). It is immutable. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes an event as UTF-8 JSON.
     *
     * @throws EventFormatException if it cannot be written
     */
    public static byte[] write(Object event) {
        if (event == null) {
            throw new EventFormatException("Cannot write null as an event", null);
        }
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JacksonException e) {
            throw new EventFormatException("Cannot write " + event.getClass().getSimpleName() + ": " + problem(e), e);
        }
    }

    /**
     * Reads an event of the given type from UTF-8 JSON.
     *
     * @throws EventFormatException naming the type and the problem if the JSON is malformed or
     *     violates the record's invariants
     */
    public static <T> T read(byte[] json, Class<T> type) {
        Checks.notNull(type, "type");
        if (json == null || json.length == 0) {
            throw new EventFormatException("Cannot read " + type.getSimpleName() + ": empty payload", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new EventFormatException("Cannot read " + type.getSimpleName() + ": " + problem(e), e);
        }
    }

    private static String problem(JacksonException e) {
        // an invariant violated in a compact constructor: its message names the field
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        String path = e.getPathReference();
        return path == null || path.isEmpty() ? message : message + " (at " + path + ")";
    }
}
