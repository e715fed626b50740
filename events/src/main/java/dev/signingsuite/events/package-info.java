/**
 * The event contract of the signing suite: the records every stage writes to and reads from Kafka,
 * the topic registry, the CloudEvents header names and the one JSON serde.
 *
 * <p>Records validate their invariants in compact constructors, so an event that exists is a valid
 * event. Readers are tolerant: unknown properties are ignored and an unknown {@link
 * dev.signingsuite.events.FailureReason} reads as {@code UNKNOWN}, because within a major topic
 * version writers may add optional fields and new codes.
 */
package dev.signingsuite.events;
