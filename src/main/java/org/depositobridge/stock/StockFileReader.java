package org.depositobridge.stock;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a stock file with Jackson CSV: UTF-8 (a BOM is skipped), a header row, ',' or ';' between fields (whichever
 * the header uses), RFC 4180 quoting (a quoted field may hold separators and line breaks).
 *
 * <p>What makes the whole file unusable is a {@link StockFileException}: not UTF-8 text, NUL bytes, no header, a
 * header without the required columns or with unknown ones (a tab-separated file reads as one unknown column),
 * broken quoting. What is wrong with one row only (a quantity that is not an integer, a missing product, a different
 * number of fields) is that line's {@link StockLine#problem()}, and the other lines go ahead.
 */
public final class StockFileReader {

    /** Prefix of every key, so the deposito's operators can tell where a movement came from. */
    static final String KEY_PREFIX = "csv:";
    static final String CODIGO = "codigo";
    static final String PRODUCTO_ID = "producto_id";
    static final String TIPO = "tipo_movimiento";
    static final String CANTIDAD = "cantidad";
    static final String MOTIVO = "motivo";
    static final String REFERENCIA = "referencia";
    static final String PRECIO = "precio_unitario";
    static final String USUARIO = "usuario";
    /** The column a rejected file adds; ignored when a fixed rejected file is dropped again. */
    static final String ERROR = "error";
    static final List<String> COLUMNS = List.of(CODIGO, PRODUCTO_ID, TIPO, CANTIDAD, MOTIVO, REFERENCIA, PRECIO, USUARIO);
    private static final Set<String> KNOWN = Set.of(CODIGO, PRODUCTO_ID, TIPO, CANTIDAD, MOTIVO, REFERENCIA, PRECIO,
            USUARIO, ERROR);

    private final CsvMapper csv = new CsvMapper();
    private final int maxLines;

    /** @param maxLines most data lines accepted; more makes the whole file an error (bounds the memory one file takes) */
    public StockFileReader(int maxLines) {
        this.maxLines = maxLines;
    }

    public StockFile read(byte[] bytes) throws StockFileException {
        String sha = sha256(bytes);
        String text = decode(bytes);
        if (text.isBlank()) {
            throw new StockFileException("empty file: a header row is required ("
                    + String.join(",", COLUMNS) + ")");
        }
        char sep = separator(text);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(sep).withQuoteChar('"');
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = csv.readerFor(String[].class).with(schema)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(text)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
                if (rows.size() > maxLines + 1) {
                    throw new StockFileException("too many lines: more than " + maxLines
                            + " data lines (stock-updates.max-lines); split the file");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StockFileException("malformed CSV: " + firstLine(e.getMessage()));
        }
        if (rows.isEmpty()) {
            throw new StockFileException("empty file: a header row is required");
        }
        List<String> header = Arrays.stream(rows.get(0)).map(String::trim).toList();
        Map<String, Integer> index = headerIndex(header);
        List<StockLine> lines = new ArrayList<>(rows.size() - 1);
        for (int i = 1; i < rows.size(); i++) {
            lines.add(line(i, sha, List.of(rows.get(i)), header.size(), index));
        }
        return new StockFile(sha, sep, header, List.copyOf(lines));
    }

    private static String decode(byte[] bytes) throws StockFileException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new StockFileException("binary file: NUL byte at offset " + i + " (expected UTF-8 CSV text)");
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String s = utf8.decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new StockFileException("not UTF-8 text: invalid byte sequence (save the file as UTF-8)");
        }
    }

    /** ',' or ';', whichever occurs more often in the header row outside quotes; ',' when neither occurs. */
    static char separator(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (commas + semicolons > 0) {
                    break;
                }
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static Map<String, Integer> headerIndex(List<String> header) throws StockFileException {
        Map<String, Integer> index = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                unknown.add(header.get(i));
            } else if (index.putIfAbsent(name, i) != null) {
                throw new StockFileException("wrong header: column " + name + " appears twice");
            }
        }
        String expected = " (expected a header row with " + CODIGO + " or " + PRODUCTO_ID + ", " + TIPO + ", "
                + CANTIDAD + " and optionally " + MOTIVO + ", " + REFERENCIA + ", " + PRECIO + ", " + USUARIO
                + ", separated by ',' or ';')";
        if (!unknown.isEmpty()) {
            String shown = String.join("|", unknown);
            String hint = shown.indexOf('\t') >= 0 ? "; the header is separated by tabs, use ',' or ';'" : "";
            throw new StockFileException("wrong header: unknown column(s) " + abbreviate(shown, 200) + hint + expected);
        }
        List<String> missing = new ArrayList<>();
        if (!index.containsKey(CODIGO) && !index.containsKey(PRODUCTO_ID)) {
            missing.add(CODIGO + " or " + PRODUCTO_ID);
        }
        for (String required : List.of(TIPO, CANTIDAD)) {
            if (!index.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new StockFileException("wrong header: missing column(s) " + String.join(", ", missing) + expected);
        }
        return index;
    }

    private static StockLine line(int number, String sha, List<String> values, int width, Map<String, Integer> index) {
        if (values.size() != width) {
            return problem(number, sha, values, "expected " + width + " fields, found " + values.size());
        }
        String idText = field(values, index, PRODUCTO_ID);
        String codigo = field(values, index, CODIGO);
        Long productoId = null;
        if (idText != null) {
            productoId = integer(idText);
            if (productoId == null || productoId <= 0 || productoId > Integer.MAX_VALUE) {
                return problem(number, sha, values, "producto_id is not a positive integer: '" + idText + "'");
            }
        } else if (codigo == null) {
            return problem(number, sha, values, "codigo or producto_id is required");
        }
        String tipo = field(values, index, TIPO);
        if (tipo == null) {
            return problem(number, sha, values, "tipo_movimiento is required");
        }
        String cantidadText = field(values, index, CANTIDAD);
        if (cantidadText == null) {
            return problem(number, sha, values, "cantidad is required");
        }
        Long cantidad = integer(cantidadText);
        if (cantidad == null || cantidad < Integer.MIN_VALUE || cantidad > Integer.MAX_VALUE) {
            return problem(number, sha, values, "cantidad is not an integer: '" + abbreviate(cantidadText, 40) + "'");
        }
        BigDecimal precio = null;
        String precioText = field(values, index, PRECIO);
        if (precioText != null) {
            try {
                // a decimal comma is what a spreadsheet in es-AR writes
                precio = new BigDecimal(precioText.replace(',', '.'));
            } catch (NumberFormatException e) {
                return problem(number, sha, values, "precio_unitario is not a number: '" + abbreviate(precioText, 40) + "'");
            }
        }
        return new StockLine(number, sha, values, productoId, productoId == null ? codigo : null,
                tipo.toLowerCase(Locale.ROOT), cantidad, field(values, index, MOTIVO), field(values, index, REFERENCIA),
                precio, field(values, index, USUARIO), null);
    }

    private static StockLine problem(int number, String sha, List<String> values, String why) {
        return new StockLine(number, sha, values, null, null, null, null, null, null, null, null, why);
    }

    private static String field(List<String> values, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null) {
            return null;
        }
        String v = values.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    private static Long integer(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
