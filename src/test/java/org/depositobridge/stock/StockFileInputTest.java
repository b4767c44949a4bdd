package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.simulator.Movement;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock files good and bad, dropped into a real inbox of a running bridge that calls the simulator over real HTTP:
 * each gets its outcome files, and the simulator holds exactly the movements the outcome files claim.
 */
class StockFileInputTest {

    @TempDir
    static Path temp;
    static StockBridge env;
    static DepositoSimulator sim;
    static RunningBridge bridge;
    static StockInbox inbox;

    @BeforeAll
    static void start() throws Exception {
        env = StockBridge.start(temp, 120, 5, 20, Map.of());
        sim = env.sim();
        bridge = env.bridge().awaitReady();
        inbox = env.inbox();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static String codigo(int id) {
        return sim.store().product(id).codigo();
    }

    /** A comma-separated file mixing codes and ids is applied line by line, its result written and the file moved. */
    @Test
    void should_apply_every_line_and_write_the_result_next_to_the_moved_original() throws Exception {
        int before = sim.store().movementCount();
        int stock1 = sim.store().stockOf(1);
        int stock2 = sim.store().stockOf(2);
        String csv = "codigo,producto_id,tipo_movimiento,cantidad,motivo,referencia,precio_unitario,usuario\n"
                + codigo(1) + ",,entrada,10,Compra,FAC-A-0001-00000001,125.50,ana\n"
                + ",2,entrada,4,,,,\n"
                + codigo(1) + ",,salida,-3,Venta,,,\n";
        inbox.drop("entrega-1.csv", csv);

        List<Map<String, String>> result = inbox.awaitResult("entrega-1.csv");

        assertThat(result).extracting(r -> r.get("status")).containsExactly("applied", "applied", "applied");
        assertThat(result).extracting(r -> r.get("line")).containsExactly("1", "2", "3");
        assertThat(result.get(0).get("stock_anterior")).isEqualTo(String.valueOf(stock1));
        assertThat(result.get(0).get("stock_nuevo")).isEqualTo(String.valueOf(stock1 + 10));
        assertThat(result.get(2).get("stock_nuevo")).isEqualTo(String.valueOf(stock1 + 7));
        assertThat(sim.store().stockOf(1)).isEqualTo(stock1 + 7);
        assertThat(sim.store().stockOf(2)).isEqualTo(stock2 + 4);
        assertThat(sim.store().movementCount()).isEqualTo(before + 3);
        Movement first = sim.store().movement(Integer.parseInt(result.get(0).get("movimiento_id")));
        assertThat(first.referencia()).isEqualTo("FAC-A-0001-00000001");
        assertThat(first.precioUnitarioCents()).isEqualTo(12550);
        assertThat(first.usuario()).isEqualTo("ana");
        assertThat(first.idempotencyKey()).isEqualTo(result.get(0).get("key")).startsWith("csv:");
        assertThat(inbox.processed("entrega-1.csv")).exists();
        assertThat(inbox.dir().resolve("entrega-1.csv")).doesNotExist();
        assertThat(inbox.rejected("entrega-1.csv.rejected.csv")).doesNotExist();
    }

    /** Semicolons are detected; quoted fields keep their commas, semicolons and line breaks. */
    @Test
    void should_detect_semicolons_and_keep_quoted_commas_and_line_breaks() throws Exception {
        String csv = "producto_id;tipo_movimiento;cantidad;motivo;referencia\r\n"
                + "3;entrada;2;\"Recuento, depósito; fila 2\nsegunda línea\";\"REF \"\"7\"\"\"\r\n"
                + "4;entrada;1;simple;\r\n";
        inbox.drop("recuento;punto y coma.csv", csv);

        List<Map<String, String>> result = inbox.awaitResult("recuento;punto y coma.csv");

        assertThat(result).extracting(r -> r.get("status")).containsExactly("applied", "applied");
        Movement m = sim.store().movement(Integer.parseInt(result.get(0).get("movimiento_id")));
        assertThat(m.motivo()).isEqualTo("Recuento, depósito; fila 2\nsegunda línea");
        assertThat(m.referencia()).isEqualTo("REF \"7\"");
        assertThat(result.get(1).get("line")).isEqualTo("2");
    }

    /** Non-numeric and zero quantities, an unknown code or id and a sale beyond the stock are rejected, the rest applied. */
    @Test
    void should_reject_bad_lines_into_a_rejected_file_and_apply_the_others() throws Exception {
        int before = sim.store().movementCount();
        int stock5 = sim.store().stockOf(5);
        String csv = "codigo,tipo_movimiento,cantidad,motivo\n"
                + codigo(5) + ",entrada,abc,texto\n"          // 1 not a number: never sent
                + codigo(5) + ",entrada,0,cero\n"             // 2 zero: the deposito answers 422
                + "NO-EXISTE-999,entrada,5,codigo\n"          // 3 unknown code: not in snapshot nor catalogue
                + codigo(5) + ",salida,-" + (stock5 + 1000) + ",venta enorme\n" // 4 stock would go negative: 400
                + codigo(5) + ",entrada,6,bien\n";            // 5 fine
        inbox.drop("mezcla.csv", csv);

        List<Map<String, String>> result = inbox.awaitResult("mezcla.csv");

        assertThat(result).extracting(r -> r.get("status"))
                .containsExactly("rejected", "rejected", "rejected", "rejected", "applied");
        assertThat(result.get(0).get("error")).contains("cantidad is not an integer: 'abc'");
        assertThat(result.get(1).get("error")).contains("422").contains("cantidad no puede ser 0");
        assertThat(result.get(2).get("error")).contains("producto_no_encontrado").contains("NO-EXISTE-999");
        assertThat(result.get(3).get("error")).contains("400 stock_insuficiente");
        assertThat(sim.store().movementCount()).isEqualTo(before + 1);
        assertThat(sim.store().stockOf(5)).isEqualTo(stock5 + 6);

        List<Map<String, String>> rejected = StockInbox.readCsv(inbox.rejected("mezcla.csv.rejected.csv"), ',');
        assertThat(rejected).hasSize(4);
        assertThat(rejected.get(0)).containsEntry("cantidad", "abc").containsEntry("motivo", "texto");
        assertThat(rejected.get(3).get("error")).contains("stock_insuficiente");
        assertThat(rejected.get(0).keySet()).containsExactly("codigo", "tipo_movimiento", "cantidad", "motivo", "error");
    }

    /** A rejected file, fixed, dropped again is a new file: its lines get new keys and are applied. */
    @Test
    void should_apply_a_fixed_rejected_file_dropped_again() throws Exception {
        inbox.drop("corregir.csv", "producto_id,tipo_movimiento,cantidad\n6,entrada,x\n999999,entrada,2\n");
        assertThat(inbox.awaitResult("corregir.csv")).extracting(r -> r.get("status"))
                .containsExactly("rejected", "rejected");
        assertThat(inbox.awaitResult("corregir.csv").get(1).get("error")).contains("404 producto_no_encontrado");
        String rejected = Files.readString(inbox.rejected("corregir.csv.rejected.csv"));
        int before = sim.store().movementCount();
        int stock6 = sim.store().stockOf(6);

        inbox.drop("corregir-v2.csv", rejected.replace("6,entrada,x", "6,entrada,3").replace("999999", "7"));

        assertThat(inbox.awaitResult("corregir-v2.csv")).extracting(r -> r.get("status"))
                .containsExactly("applied", "applied");
        assertThat(sim.store().movementCount()).isEqualTo(before + 2);
        assertThat(sim.store().stockOf(6)).isEqualTo(stock6 + 3);
    }

    /** A header without data lines is a complete file with nothing to do. */
    @Test
    void should_complete_a_header_only_file_with_an_empty_result() throws Exception {
        int before = sim.store().movementCount();
        inbox.drop("solo-encabezado.csv", "codigo,tipo_movimiento,cantidad\n");

        assertThat(inbox.awaitResult("solo-encabezado.csv")).isEmpty();
        assertThat(inbox.processed("solo-encabezado.csv")).exists();
        assertThat(sim.store().movementCount()).isEqualTo(before);
    }

    /** An empty file goes to rejected/ with a reason. */
    @Test
    void should_reject_an_empty_file_whole() throws Exception {
        inbox.drop("vacio.csv", "");
        assertThat(inbox.awaitError("vacio.csv")).contains("empty file");
        assertThat(inbox.rejected("vacio.csv")).exists();
        assertThat(inbox.dir().resolve("vacio.csv")).doesNotExist();
    }

    /** A header with unknown or missing columns rejects the whole file; nothing is applied. */
    @Test
    void should_reject_a_wrong_header_whole() throws Exception {
        int before = sim.store().movementCount();
        inbox.drop("encabezado-malo.csv", "code,type,qty\n" + codigo(1) + ",entrada,5\n");
        inbox.drop("sin-cantidad.csv", "codigo,tipo_movimiento\n" + codigo(1) + ",entrada\n");

        assertThat(inbox.awaitError("encabezado-malo.csv")).contains("wrong header").contains("unknown column(s) code|type|qty");
        assertThat(inbox.awaitError("sin-cantidad.csv")).contains("wrong header").contains("missing column(s) cantidad");
        assertThat(sim.store().movementCount()).isEqualTo(before);
    }

    /** A tab-separated file is a wrong header, and the reason says tabs are the problem. */
    @Test
    void should_reject_a_tab_separated_file_saying_so() throws Exception {
        int before = sim.store().movementCount();
        inbox.drop("tabs.csv", "codigo\ttipo_movimiento\tcantidad\n" + codigo(1) + "\tentrada\t5\n");

        assertThat(inbox.awaitError("tabs.csv")).contains("wrong header").contains("separated by tabs");
        assertThat(sim.store().movementCount()).isEqualTo(before);
    }

    /** Binary content and text that is not UTF-8 are refused whole with a clear reason. */
    @Test
    void should_reject_binary_and_non_utf8_files_whole() throws Exception {
        int before = sim.store().movementCount();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        inbox.drop("foto.csv", png);
        inbox.drop("latin1.csv", ("codigo,tipo_movimiento,cantidad,motivo\n" + codigo(1) + ",entrada,5,Recepción\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(inbox.awaitError("foto.csv")).contains("binary file");
        assertThat(inbox.awaitError("latin1.csv")).contains("not UTF-8 text");
        assertThat(sim.store().movementCount()).isEqualTo(before);
    }

    /** A file one byte over the 10 MiB limit is refused whole before it is read: none of its valid lines is applied. */
    @Test
    void should_reject_a_file_over_the_size_limit_whole() throws Exception {
        int before = sim.store().movementCount();
        long limit = 10L * 1024 * 1024;
        StringBuilder sb = new StringBuilder((int) limit + 64).append("producto_id,tipo_movimiento,cantidad\n");
        while (sb.length() < limit) {
            sb.append("8,entrada,1\n");
        }
        sb.setLength((int) limit + 1);
        sb.setCharAt(sb.length() - 1, '\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize((int) limit + 1);
        inbox.drop("grande.csv", bytes);

        assertThat(inbox.awaitError("grande.csv")).contains("file too large: 10485761 bytes").contains("10485760");
        assertThat(inbox.rejected("grande.csv")).hasSize(limit + 1);
        assertThat(sim.store().movementCount()).isEqualTo(before);
    }

    /** A symbolic link dropped into the inbox is refused, and the file it points to is neither read nor moved. */
    @Test
    void should_refuse_a_symbolic_link() throws Exception {
        int before = sim.store().movementCount();
        Path outside = Files.writeString(temp.resolve("fuera.csv"), "producto_id,tipo_movimiento,cantidad\n10,entrada,1\n");
        Files.createSymbolicLink(inbox.dir().resolve("enlace.csv"), outside);

        assertThat(inbox.awaitError("enlace.csv")).contains("not a regular file");
        assertThat(outside).exists();
        assertThat(sim.store().movementCount()).isEqualTo(before);
    }

    /** Spaces and accents in the name survive into processed/ and the result file's name. */
    @Test
    void should_keep_a_file_name_with_spaces_and_accents() throws Exception {
        String name = "Remito Lácteos Ñandú 2026-11.csv";
        inbox.drop(name, "producto_id,tipo_movimiento,cantidad\n9,entrada,2\n");

        assertThat(inbox.awaitResult(name)).extracting(r -> r.get("status")).containsExactly("applied");
        assertThat(inbox.processed(name)).exists();
    }
}
