/**
 * Kafka {@code Serializer} and {@code Deserializer} for the events, writing and reading CloudEvents
 * binary-mode headers. Needs {@code kafka-clients}, an optional dependency of this module.
 */
package dev.signingsuite.events.kafka;
