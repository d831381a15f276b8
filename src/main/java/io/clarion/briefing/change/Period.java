package io.clarion.briefing.change;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.LocalDate;

/**
 * One calendar period of the analysis grain, {@code [start, end)}.
 *
 * @param label how people name it: "May 2026", "week of 2026-05-04", "2026 Q2"
 */
public record Period(@JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate start,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate end, String label) {
}
