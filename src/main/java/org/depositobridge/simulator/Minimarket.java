package org.depositobridge.simulator;

import java.util.List;

/**
 * The vocabulary of an Argentine minimarket: categories with their usual products, pack sizes and price
 * ranges, and the providers that deliver them. Pure data; {@link DataGenerator} draws from it with a seed.
 */
final class Minimarket {

    private Minimarket() {
    }

    /** A provider as products carry it (there is no provider table in the deposito). */
    record Provider(String nombre, String cuit, List<String> brands) {
    }

    /** A category with its code prefix, item names, sizes and price range (pesos). */
    record Category(String nombre, String prefix, double share, List<String> items, List<String> sizes,
            int minPrice, int maxPrice, List<Integer> providers) {
    }

    static final List<Provider> PROVIDERS = List.of(
            provider("Coca-Cola FEMSA de Buenos Aires S.A.", 52_147_963, "Coca-Cola", "Sprite", "Fanta", "Cepita"),
            provider("Cervecería y Maltería Quilmes S.A.I.C.A. y G.", 50_066_587, "Quilmes", "Brahma", "Stella Artois"),
            provider("Mastellone Hnos. S.A. (La Serenísima)", 50_219_904, "La Serenísima", "Ilolay"),
            provider("Arcor S.A.I.C.", 50_279_317, "Arcor", "Bagley", "La Campagnola"),
            provider("Molinos Río de la Plata S.A.", 50_089_213, "Matarazzo", "Lucchetti", "Gallo", "Cocinero"),
            provider("Ledesma S.A.A.I.", 50_067_230, "Ledesma"),
            provider("Unilever de Argentina S.A.", 50_109_269, "Ala", "Skip", "Dove", "Rexona", "Cif"),
            provider("SanCor Coop. Unidas Ltda.", 50_115_456, "SanCor"),
            provider("Danone Argentina S.A.", 50_234_675, "Ser", "Villavicencio", "Actimel"),
            provider("Procter & Gamble Argentina S.R.L.", 64_361_745, "Ariel", "Pantene", "Magistral", "Pampers"),
            provider("Paladini S.A.", 50_401_832, "Paladini"),
            provider("McCain Argentina S.A.", 70_712_883, "McCain"),
            provider("Bimbo de Argentina S.A.", 61_986_347, "Bimbo", "Fargo"),
            provider("Establecimiento Las Marías S.A.C.I.F.A.", 50_363_488, "Taragüí", "Unión"),
            provider("Grupo Peñaflor S.A.", 50_059_211, "Trapiche", "Santa Ana"),
            provider("Distribuidora \"El Norteño\" S.R.L.", 71_456_902, "El Norteño"));

    static final List<Category> CATEGORIES = List.of(
            new Category("Almacén", "ALM", 0.26,
                    List.of("Yerba mate", "Arroz largo fino", "Fideos tirabuzón", "Aceite de girasol", "Azúcar",
                            "Harina 0000", "Polenta instantánea", "Galletitas de agua", "Mermelada de durazno",
                            "Dulce de leche", "Café molido", "Té en saquitos", "Sal fina", "Lentejas", "Atún al natural",
                            "Puré de tomate", "Alfajor de maicena", "Garbanzos"),
                    List.of("500 g", "1 kg", "250 g", "x 25 u", "900 ml", "1,5 L", "340 g"), 350, 6500,
                    List.of(3, 4, 5, 13, 15)),
            new Category("Bebidas", "BEB", 0.18,
                    List.of("Gaseosa cola", "Agua mineral sin gas", "Cerveza rubia", "Vino tinto Malbec", "Jugo en polvo",
                            "Soda en sifón", "Fernet", "Agua saborizada pomelo", "Tónica", "Cerveza negra"),
                    List.of("2,25 L", "1,5 L", "500 ml", "473 ml lata", "750 ml", "1 L", "x 6 u"), 400, 9800,
                    List.of(0, 1, 14, 15)),
            new Category("Lácteos", "LAC", 0.14,
                    List.of("Leche entera", "Leche descremada", "Yogur bebible frutilla", "Queso cremoso", "Manteca",
                            "Crema de leche", "Queso rallado", "Postre de vainilla", "Ricota", "Leche chocolatada"),
                    List.of("1 L", "200 g", "500 g", "x kg", "1 kg", "150 g", "360 ml"), 600, 7800,
                    List.of(2, 7, 8)),
            new Category("Limpieza", "LIM", 0.10,
                    List.of("Lavandina", "Detergente limón", "Jabón en polvo", "Suavizante", "Limpiador de pisos",
                            "Esponja multiuso", "Bolsas de residuo", "Desengrasante"),
                    List.of("1 L", "750 ml", "3 kg", "x 10 u", "2 L", "500 ml"), 450, 8900,
                    List.of(6, 9, 15)),
            new Category("Perfumería", "PER", 0.09,
                    List.of("Shampoo", "Acondicionador", "Jabón de tocador", "Desodorante", "Pasta dental",
                            "Papel higiénico", "Pañales", "Algodón"),
                    List.of("400 ml", "90 g", "150 ml", "x 4 rollos", "x 30 u", "200 g"), 500, 14500,
                    List.of(6, 9)),
            new Category("Congelados", "CON", 0.07,
                    List.of("Hamburguesas de carne", "Medallones de pollo", "Papas fritas congeladas", "Helado dulce de leche",
                            "Empanadas de carne", "Pizza muzzarella", "Vegetales congelados"),
                    List.of("x 4 u", "1 kg", "720 g", "1 kg pote", "x 12 u", "500 g"), 1200, 12500,
                    List.of(11, 4)),
            new Category("Panadería", "PAN", 0.09,
                    List.of("Pan francés", "Medialunas de manteca", "Pan lactal", "Facturas surtidas", "Bizcochitos de grasa",
                            "Tostadas de arroz", "Pan de molde integral"),
                    List.of("x kg", "x 6 u", "x docena", "550 g", "200 g"), 300, 5200,
                    List.of(12, 3)),
            new Category("Fiambrería", "FIA", 0.07,
                    List.of("Jamón cocido", "Salame milán", "Mortadela", "Queso de máquina", "Bondiola", "Salchichas"),
                    List.of("x 100 g", "x kg", "x 6 u", "200 g"), 700, 11800,
                    List.of(10, 2)));

    /** Names real inventories carry that break naive CSV and spreadsheet exports (formula prefixes, quotes, line breaks). */
    static final List<String> AWKWARD_NAMES = List.of(
            "Alfajor \"Jorgito\" triple",
            "Galletitas surtidas, pack x 3",
            "Queso cremoso\r\nhorma chica",
            "Pan dulce\nc/ frutas",
            "=Promo 2x1 gaseosa",
            "+Energía bebida isotónica",
            "-20% Detergente limón",
            "@casa Esponja multiuso",
            "Vino \"Reserva\", Malbec 750 ml",
            "=SUM(A1:A9) yerba");

    static final List<String> SALE_USERS = List.of("caja01", "caja02", "caja03", "autoservicio");
    static final List<String> RECEIVING_USERS = List.of("recepcion", "encargado");
    static final List<String> ADJUST_REASONS = List.of(
            "Ajuste por conteo de inventario", "Rotura en góndola", "Producto vencido", "Diferencia de inventario");
    static final String SALE_REASON = "Venta mostrador";
    static final String DELIVERY_REASON = "Compra a proveedor";
    static final String AGENT = "agente_deposito";

    private static Provider provider(String nombre, int body, String... brands) {
        return new Provider(nombre, cuit(30, body), List.of(brands));
    }

    /** A CUIT with its real check digit (weights 5,4,3,2,7,6,5,4,3,2; mod 11). */
    static String cuit(int prefix, int body) {
        String digits = String.format("%02d%08d", prefix, body);
        int[] w = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (digits.charAt(i) - '0') * w[i];
        }
        int check = 11 - sum % 11;
        check = check == 11 ? 0 : check == 10 ? 9 : check;
        return digits.substring(0, 2) + "-" + digits.substring(2) + "-" + check;
    }
}
