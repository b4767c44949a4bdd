package org.depositobridge.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The columns of one CSV file: name (the JSON field name), kind and how to read it from a row. The kind decides
 * the formatting and whether the formula guard applies: only {@link Kind#TEXT} (data that came from outside the
 * bridge, such as names and codes) is guarded; numbers, dates and flags the bridge formats itself are not.
 *
 * @param <T> the row type
 */
public final class CsvTable<T> {

    /** How a column is written. */
    public enum Kind {
        /** untrusted text: quoted as needed and guarded against formula injection */
        TEXT,
        /** a date or timestamp the bridge formats itself in ISO-8601 (never guarded) */
        ISO_DATE,
        /** an integer count */
        INTEGER,
        /** an amount of money: decimal point, exactly two decimals */
        MONEY,
        /** true or false */
        BOOLEAN
    }

    /**
     * One column; one reader is set, the one of its kind ({@code boxed} for an INTEGER or MONEY that may be
     * absent, written as an empty cell).
     */
    public record Column<T>(String name, Kind kind, Function<T, String> text, ToLongFunction<T> integer,
            ToDoubleFunction<T> money, Predicate<T> flag, Function<T, ? extends Number> boxed) {
    }

    private final String name;
    private final List<Column<T>> columns;

    private CsvTable(String name, List<Column<T>> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    public static <T> Builder<T> named(String name) {
        return new Builder<>(name);
    }

    /** The dataset name (also the file name's prefix). */
    public String name() {
        return name;
    }

    public List<Column<T>> columns() {
        return columns;
    }

    /** The header row's names in order. */
    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    /** Builds a table column by column, in file order. */
    public static final class Builder<T> {
        private final String name;
        private final List<Column<T>> columns = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder<T> text(String column, Function<T, String> reader) {
            columns.add(new Column<>(column, Kind.TEXT, reader, null, null, null, null));
            return this;
        }

        public Builder<T> isoDate(String column, Function<T, String> reader) {
            columns.add(new Column<>(column, Kind.ISO_DATE, reader, null, null, null, null));
            return this;
        }

        public Builder<T> integer(String column, ToLongFunction<T> reader) {
            columns.add(new Column<>(column, Kind.INTEGER, null, reader, null, null, null));
            return this;
        }

        public Builder<T> money(String column, ToDoubleFunction<T> reader) {
            columns.add(new Column<>(column, Kind.MONEY, null, null, reader, null, null));
            return this;
        }

        /** An integer that may be absent (null: empty cell). */
        public Builder<T> optionalInteger(String column, Function<T, ? extends Number> reader) {
            columns.add(new Column<>(column, Kind.INTEGER, null, null, null, null, reader));
            return this;
        }

        /** An amount that may be absent (null: empty cell). */
        public Builder<T> optionalMoney(String column, Function<T, ? extends Number> reader) {
            columns.add(new Column<>(column, Kind.MONEY, null, null, null, null, reader));
            return this;
        }

        public Builder<T> flag(String column, Predicate<T> reader) {
            columns.add(new Column<>(column, Kind.BOOLEAN, null, null, null, reader, null));
            return this;
        }

        public CsvTable<T> build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("a CSV table needs at least one column");
            }
            return new CsvTable<>(name, columns);
        }
    }
}
