package io.clarion.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code --as-of}: "today" for relative dates, on the commands that answer questions. */
public class AsOfOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String date;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "\"today\" for relative dates such as last quarter "
            + "(default: clarion.reference-date, else the data set's latest date, else today)")
    void asOf(String value) {
        try {
            date = LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as-of wants a date such as 2024-12-31, not \"" + value + "\"");
        }
    }

    /** Sets the reference date of {@code warehouse}'s configuration when one was given. */
    void applyTo(WarehouseOptions warehouse) {
        if (date != null) warehouse.referenceDate = date;
    }
}
