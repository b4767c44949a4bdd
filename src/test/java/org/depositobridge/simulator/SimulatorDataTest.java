package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated minimarket: deterministic from the seed, realistic, and consistent with its invariants. */
class SimulatorDataTest {

    static final Instant END = Instant.parse("2026-05-01T03:00:00Z");
    static DepositoSimulator sim;

    @BeforeAll
    static void start() {
        sim = DepositoSimulator.start(options(11L));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static SimulatorOptions options(long seed) {
        return SimulatorOptions.defaults().withProducts(1000).withDays(60).withMovementsPerDay(400).withSeed(seed)
                .withHistoryEnd(END);
    }

    /** The same seed gives byte-identical answers; another seed gives other data. */
    @Test
    void should_generate_the_same_data_from_the_same_seed() throws Exception {
        try (DepositoSimulator twin = DepositoSimulator.start(options(11L));
                DepositoSimulator other = DepositoSimulator.start(options(12L))) {
            SimClient a = new SimClient(sim);
            SimClient b = new SimClient(twin);
            SimClient c = new SimClient(other);
            for (String path : new String[] {"/productos?limit=1000&activos_solo=false",
                    "/stock/movements?page=3&size=1000", "/stock/movements?producto_id=17&size=1000",
                    "/stock/critical"}) {
                assertThat(b.get(path).body()).as(path).isEqualTo(a.get(path).body());
            }
            assertThat(c.get("/productos?limit=1000").body()).isNotEqualTo(a.get("/productos?limit=1000").body());
        }
    }

    /** Exactly days x movements-per-day movements, ids 1..n with timestamps never going back, all within history. */
    @Test
    void should_order_movements_by_id_and_time() {
        int n = sim.store().movementCount();
        assertThat(n).isEqualTo(60 * 400);
        long last = Long.MIN_VALUE;
        long start = END.toEpochMilli() - 60 * DataGenerator.DAY;
        for (int id = 1; id <= n; id++) {
            Movement m = sim.store().movement(id);
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.timestampMillis()).isGreaterThanOrEqualTo(last).isGreaterThanOrEqualTo(start)
                    .isLessThan(END.toEpochMilli());
            last = m.timestampMillis();
        }
    }

    /** Each product's movements chain (anterior = previous posterior), never go below zero, and end at stock_actual. */
    @Test
    void should_keep_every_product_history_consistent() {
        for (int id = 1; id <= sim.store().productCount(); id++) {
            List<Movement> ms = sim.store().movementsOf(id);
            Integer expected = null;
            for (Movement m : ms) {
                assertThat(m.cantidad()).isNotZero();
                assertThat(m.stockPosterior()).isEqualTo(m.stockAnterior() + m.cantidad()).isNotNegative();
                if (m.tipo() == MovementType.ENTRADA) {
                    assertThat(m.cantidad()).isPositive();
                }
                if (m.tipo() == MovementType.SALIDA) {
                    assertThat(m.cantidad()).isNegative();
                }
                if (expected != null) {
                    assertThat(m.stockAnterior()).isEqualTo(expected);
                }
                expected = m.stockPosterior();
            }
            if (expected != null) {
                assertThat(sim.store().stockOf(id)).as("product %d", id).isEqualTo(expected);
                assertThat(sim.store().updatedAtOf(id)).isEqualTo(ms.get(ms.size() - 1).timestampMillis());
            }
        }
    }

    /** Mostly sales, deliveries with invoice references, rare adjustments, Saturday busier than Monday. */
    @Test
    void should_look_like_a_minimarket() {
        int n = sim.store().movementCount();
        int[] byType = new int[4];
        int[] byDay = new int[7];
        for (int id = 1; id <= n; id++) {
            Movement m = sim.store().movement(id);
            byType[m.tipo().ordinal()]++;
            byDay[JsonOut.local(Instant.ofEpochMilli(m.timestampMillis())).getDayOfWeek().getValue() - 1]++;
            if (m.tipo() == MovementType.ENTRADA) {
                assertThat(m.referencia()).matches("FAC-A-\\d{4}-\\d{8}");
                assertThat(m.precioUnitarioCents()).isPositive();
            }
            int hour = JsonOut.local(Instant.ofEpochMilli(m.timestampMillis())).getHour();
            assertThat(hour).isBetween(8, 21);
        }
        assertThat(byType[MovementType.SALIDA.ordinal()]).isGreaterThan(n * 7 / 10);
        assertThat(byType[MovementType.ENTRADA.ordinal()]).isPositive();
        assertThat(byType[MovementType.AJUSTE.ordinal()]).isPositive().isLessThan(n / 50);
        assertThat(byDay[DayOfWeek.SATURDAY.getValue() - 1]).isGreaterThan(byDay[DayOfWeek.MONDAY.getValue() - 1]);
    }

    /** Names carry accents and the characters that break naive exports; CUITs look like 30-XXXXXXXX-X. */
    @Test
    void should_carry_realistic_and_awkward_product_data() {
        Set<String> categories = new HashSet<>();
        boolean accents = false;
        boolean formulaPrefix = false;
        boolean quoteOrComma = false;
        boolean lineBreak = false;
        Set<String> codigos = new HashSet<>();
        for (int id = 1; id <= sim.store().productCount(); id++) {
            Product p = sim.store().product(id);
            categories.add(p.categoria());
            accents |= p.nombre().matches(".*[áéíóúñÁÉÍÓÚÑ].*");
            formulaPrefix |= "=+-@".indexOf(p.nombre().charAt(0)) >= 0;
            quoteOrComma |= p.nombre().contains("\"") || p.nombre().contains(",");
            lineBreak |= p.nombre().contains("\n");
            assertThat(p.nombre().length()).isLessThanOrEqualTo(200);
            assertThat(codigos.add(p.codigo())).isTrue();
            if (p.proveedorCuit() != null) {
                assertThat(p.proveedorCuit()).matches("30-\\d{8}-\\d");
            }
            if (p.stockMaximo() != null) {
                assertThat(p.stockMaximo()).isGreaterThanOrEqualTo(p.stockMinimo());
            }
            assertThat(p.precioCompraCents()).isPositive();
        }
        assertThat(categories).contains("Almacén", "Bebidas", "Lácteos", "Limpieza", "Perfumería", "Congelados",
                "Panadería", "Fiambrería");
        assertThat(accents).isTrue();
        assertThat(formulaPrefix).isTrue();
        assertThat(quoteOrComma).isTrue();
        assertThat(lineBreak).isTrue();
    }

    /** CUIT check digits follow the AFIP algorithm. */
    @Test
    void should_compute_valid_cuit_check_digits() {
        assertThat(Minimarket.cuit(20, 12345678)).isEqualTo("20-12345678-6");
        assertThat(Minimarket.cuit(30, 50001091)).isEqualTo("30-50001091-2");
    }

    /** Awkward names survive the JSON round trip exactly (quotes, CR/LF escaped). */
    @Test
    void should_escape_awkward_names_in_json() throws Exception {
        SimClient c = new SimClient(sim);
        for (int id = 1; id <= sim.store().productCount(); id++) {
            Product p = sim.store().product(id);
            if (p.nombre().contains("\n") || p.nombre().contains("\"")) {
                JsonNode n = c.getJson("/productos/" + id);
                assertThat(n.get("nombre").asText()).isEqualTo(p.nombre());
                return;
            }
        }
        throw new AssertionError("no awkward name generated");
    }
}
