package dev.signingsuite.events;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents type of each event record, {@code dev.signingsuite.<kebab-name>.v<schemaVersion>},
 * e.g. {@code dev.signingsuite.document-received.v1}. Readers pick the record to read by it.
 */
public final class EventTypes {

    /** Every type name starts with this. */
    public static final String PREFIX = "dev.signingsuite.";

    private static final Map<Class<?>, String> TYPES = new LinkedHashMap<>();
    private static final Map<String, Class<?>> CLASSES = new LinkedHashMap<>();

    static {
        register(DocumentSubmitted.class, DocumentSubmitted.SCHEMA_VERSION);
        register(DocumentReceived.class, DocumentReceived.SCHEMA_VERSION);
        register(HashComputed.class, HashComputed.SCHEMA_VERSION);
        register(SignatureRequested.class, SignatureRequested.SCHEMA_VERSION);
        register(SignatureReturned.class, SignatureReturned.SCHEMA_VERSION);
        register(SignatureAugmented.class, SignatureAugmented.SCHEMA_VERSION);
        register(ContainerAssembled.class, ContainerAssembled.SCHEMA_VERSION);
        register(DocumentFailed.class, DocumentFailed.SCHEMA_VERSION);
        register(StageOutcomeRecorded.class, StageOutcomeRecorded.SCHEMA_VERSION);
        register(SigningIntent.class, SigningIntent.SCHEMA_VERSION);
        register(IntakeRejected.class, IntakeRejected.SCHEMA_VERSION);
        register(BatchCompleted.class, BatchCompleted.SCHEMA_VERSION);
        register(BatchCancelled.class, BatchCancelled.SCHEMA_VERSION);
        register(LoginCallbackReceived.class, LoginCallbackReceived.SCHEMA_VERSION);
    }

    private EventTypes() {}

    /**
     * The CloudEvents type of an event record.
     *
     * @throws IllegalArgumentException if the class is not an event of this contract
     */
    public static String typeOf(Class<?> eventClass) {
        String type = TYPES.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException(
                    (eventClass == null ? "null" : eventClass.getName()) + " is not an event of the signing suite");
        }
        return type;
    }

    /** Whether {@code type} is one of the suite's event records. */
    public static boolean isEvent(Class<?> type) {
        return TYPES.containsKey(type);
    }

    /** The event record of a CloudEvents type, empty if the type is unknown. */
    public static Optional<Class<?>> classOf(String type) {
        return Optional.ofNullable(type).map(CLASSES::get);
    }

    /** The kebab-case name of an event record, e.g. {@code document-received}. */
    static String kebabName(Class<?> eventClass) {
        return eventClass
                .getSimpleName()
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }

    private static void register(Class<?> eventClass, int schemaVersion) {
        String type = PREFIX + kebabName(eventClass) + ".v" + schemaVersion;
        TYPES.put(eventClass, type);
        CLASSES.put(type, eventClass);
    }
}
