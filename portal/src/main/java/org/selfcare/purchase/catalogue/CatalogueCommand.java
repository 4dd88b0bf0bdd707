package org.selfcare.purchase.catalogue;

import java.io.PrintWriter;
import java.util.Currency;
import java.util.concurrent.Callable;

import org.selfcare.account.Amount;
import org.selfcare.account.Money;
import org.selfcare.usage.TariffProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.stereotype.Component;

/**
 * {@code catalogue}: lists the catalogue, adds items, changes them and sets their stock. Prices are typed as
 * decimals in the deployment's currency ({@code selfcare.tariff.currency}).
 */
@Component
@Command(name = "catalogue", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists and changes the catalogue of recharge cards, SIM cards and devices.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:a field is invalid or the item does not exist", "2:invalid or missing options" })
public class CatalogueCommand implements Callable<Integer> {

    static final int REFUSED = 1;

    @Spec
    CommandSpec spec;

    private final Catalogue catalogue;

    private final Currency currency;

    CatalogueCommand(Catalogue catalogue, TariffProperties tariff) {
        this.catalogue = catalogue;
        this.currency = Currency.getInstance(tariff.currency());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "list", description = "Lists every item with its price, stock and whether it is offered.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-20s %-13s %10s %10s %8s %-8s %s%n", "ID", "KIND", "PRICE", "FACE", "STOCK", "ACTIVE", "NAME");
        for (CatalogueItem item : catalogue.all()) {
            out.printf("%-20s %-13s %10s %10s %8d %-8s %s%n", item.id(), item.kind(), decimal(item.price()),
                    item.faceValue() == null ? "-" : decimal(item.faceValue()), item.stock(),
                    item.active() ? "yes" : "no", item.name());
        }
        out.flush();
        return 0;
    }

    @Command(name = "add", description = "Adds an item.")
    int add(@Option(names = "--id", required = true, paramLabel = "ID",
                    description = "1 to 40 lower-case letters, digits or hyphens, such as recharge-10") String id,
            @Option(names = "--kind", required = true, paramLabel = "KIND",
                    description = "RECHARGE_CARD, SIM_CARD or DEVICE") ItemKind kind,
            @Option(names = "--name", required = true, paramLabel = "NAME") String name,
            @Option(names = "--description", defaultValue = "", paramLabel = "TEXT") String description,
            @Option(names = "--price", required = true, paramLabel = "AMOUNT",
                    description = "price of one unit, such as 10.00") String price,
            @Option(names = "--face-value", paramLabel = "AMOUNT",
                    description = "credit a recharge card adds to the balance, such as 10.00") String faceValue,
            @Option(names = "--stock", defaultValue = "0", paramLabel = "N") int stock,
            @Option(names = "--inactive", description = "add it without offering it yet") boolean inactive) {
        return refusalsPrinted(() -> {
            catalogue.add(new CatalogueItem(id, kind, name, description, money(price),
                    faceValue == null ? null : money(faceValue), stock, !inactive));
            spec.commandLine().getOut().printf("Added %s.%n", id);
        });
    }

    @Command(name = "update", description = "Changes an item's name, description, prices or whether it is offered. "
            + "Orders placed before keep their prices.")
    int update(@Option(names = "--id", required = true, paramLabel = "ID") String id,
            @Option(names = "--name", paramLabel = "NAME") String name,
            @Option(names = "--description", paramLabel = "TEXT") String description,
            @Option(names = "--price", paramLabel = "AMOUNT") String price,
            @Option(names = "--face-value", paramLabel = "AMOUNT") String faceValue,
            @Option(names = "--active", paramLabel = "true|false", arity = "1") Boolean active) {
        return refusalsPrinted(() -> {
            CatalogueItem item = catalogue.find(id)
                    .orElseThrow(() -> new CatalogueException("There is no item " + id + " in the catalogue."));
            catalogue.update(new CatalogueItem(id, item.kind(), name == null ? item.name() : name,
                    description == null ? item.description() : description,
                    price == null ? item.price() : money(price),
                    faceValue == null ? item.faceValue() : money(faceValue), item.stock(),
                    active == null ? item.active() : active));
            spec.commandLine().getOut().printf("Updated %s.%n", id);
        });
    }

    @Command(name = "stock", description = "Sets an item's stock, or with a sign (+5, -2) moves it.")
    int stock(@Parameters(index = "0", paramLabel = "ID") String id,
            @Parameters(index = "1", paramLabel = "N|+N|-N") String amount) {
        return refusalsPrinted(() -> {
            boolean relative = amount.startsWith("+") || amount.startsWith("-");
            long value;
            try {
                value = Long.parseLong(amount);
            }
            catch (NumberFormatException ex) {
                throw new CatalogueException("The stock must be a whole number such as 20, +5 or -2.");
            }
            int now = catalogue.setStock(id, value, relative);
            spec.commandLine().getOut().printf("Stock of %s is now %d.%n", id, now);
        });
    }

    private int refusalsPrinted(Runnable change) {
        try {
            change.run();
            return 0;
        }
        catch (CatalogueException ex) {
            spec.commandLine().getErr().println(ex.getMessage());
            return REFUSED;
        }
        finally {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }

    /**
     * Reads a decimal such as 10.00 into minor units of the deployment's currency, refusing more digits than the
     * currency has.
     */
    private Money money(String decimal) {
        try {
            return Amount.parse(decimal, currency);
        }
        catch (IllegalArgumentException ex) {
            throw new CatalogueException(ex.getMessage());
        }
    }

    private static String decimal(Money money) {
        return Amount.of(money).decimal();
    }
}
