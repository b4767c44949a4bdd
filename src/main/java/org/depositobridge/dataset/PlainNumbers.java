package org.depositobridge.dataset;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes doubles as plain decimals ({@code 82528593.5}, not {@code 8.25285935E7}): dashboards and
 * spreadsheets read peso amounts, and scientific notation is a trap for both. The value is unchanged.
 */
final class PlainNumbers extends StdSerializer<Double> {

    static final SimpleModule MODULE = new SimpleModule("plain-numbers")
            .addSerializer(Double.class, new PlainNumbers())
            .addSerializer(double.class, new PlainNumbers());

    private PlainNumbers() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value.isNaN() || value.isInfinite()) {
            gen.writeNull();
        } else {
            // valueOf keeps Double.toString's digits (5000.0 stays 5000.0, a double for every reader)
            String plain = BigDecimal.valueOf(value).toPlainString();
            gen.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
    }
}
