package dev.signingsuite.standalone.dlq;

/**
 * One record of a topic, written {@code TOPIC:PARTITION:OFFSET}. Topic names hold dots but never
 * colons, so the last two colons split it.
 */
public record RecordRef(String topic, int partition, long offset) {

    public static RecordRef parse(String text) {
        int second = text.lastIndexOf(':');
        int first = second > 0 ? text.lastIndexOf(':', second - 1) : -1;
        if (first <= 0) {
            throw new IllegalArgumentException("expected TOPIC:PARTITION:OFFSET, not " + text);
        }
        try {
            return new RecordRef(
                    text.substring(0, first),
                    Integer.parseInt(text.substring(first + 1, second)),
                    Long.parseLong(text.substring(second + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected TOPIC:PARTITION:OFFSET with numbers, not " + text, e);
        }
    }

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }
}
