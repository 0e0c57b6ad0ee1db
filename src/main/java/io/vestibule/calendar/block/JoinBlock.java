package io.vestibule.calendar.block;

/** A rendered join block: sanitised HTML for the event's body, and the same in plain text. */
public record JoinBlock(String html, String text) {
}
