package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A PAdES seal that a PDF reader shows: a text box on a page. It is part of the prepared revision
 * (its appearance is inside the signed byte ranges), so hash-service fixes it, from the signer's
 * configuration, before any signer is known, and every later step draws it again identically.
 *
 * @param text the lines shown, e.g. the organisation and the signing date
 * @param page the page it is drawn on, from 1
 * @param x distance from the page's left edge, in PDF points (1/72 inch)
 * @param y distance from the page's top edge, in PDF points
 * @param width the box's width, in PDF points
 * @param height the box's height, in PDF points
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VisibleSeal(String text, int page, float x, float y, float width, float height) {

    public VisibleSeal {
        Checks.notBlank(text, "text");
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, not " + page);
        }
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("x and y must not be negative");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive");
        }
    }
}
