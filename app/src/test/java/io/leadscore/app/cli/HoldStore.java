package io.leadscore.app.cli;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another process holding an embedded H2 store open, as {@code serve} or a
 * running job would: says "held" on stdout once it holds the store, and lets
 * go when its stdin closes.
 */
final class HoldStore {
    private HoldStore() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
            System.out.print("held\n");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the test closes our stdin
            }
        }
    }
}
