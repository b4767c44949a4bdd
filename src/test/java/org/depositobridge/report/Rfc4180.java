package org.depositobridge.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A strict RFC 4180 reader for tests, written apart from Jackson so a quoting bug in the writer cannot hide behind the
 * same library's parser: records end at a line break outside quotes (CRLF, or a bare LF/CR for the stock outcome
 * files), a quoted cell doubles its quotes, and a quote anywhere else, or text after a closing quote, is an error.
 */
public final class Rfc4180 {

    private Rfc4180() {
    }

    /** Every record of {@code text} as its cells, in order. */
    public static List<List<String>> parse(String text, char separator) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean quoted = false;
        boolean afterQuote = false;
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    afterQuote = true;
                } else {
                    cell.append(c);
                }
                i++;
            } else if (c == separator) {
                record.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                afterQuote = false;
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
            } else if (c == '"') {
                if (cell.length() > 0 || afterQuote) {
                    throw new IllegalArgumentException("stray quote at offset " + i);
                }
                quoted = true;
                i++;
            } else {
                if (afterQuote) {
                    throw new IllegalArgumentException("text after a closing quote at offset " + i);
                }
                cell.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted cell");
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

    /** A random string over an alphabet heavy in what breaks CSV: separators, quotes, CR, LF, TAB, formula starts. */
    public static String hostile(Random random, int maxLength) {
        String alphabet = "ab ,;\"'\r\n\t=+-@#ñÁ🍫.";
        int length = random.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(alphabet.length());
            char c = alphabet.charAt(pick);
            if (Character.isHighSurrogate(c)) {
                b.append(c).append(alphabet.charAt(pick + 1));
            } else if (!Character.isLowSurrogate(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
