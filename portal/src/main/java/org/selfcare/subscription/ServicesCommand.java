package org.selfcare.subscription;

import java.io.PrintWriter;
import java.util.Currency;
import java.util.concurrent.Callable;

import org.selfcare.account.Amount;
import org.selfcare.account.Money;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.usage.TariffProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.stereotype.Component;

/**
 * {@code services}: lists the catalogue of value-added services, adds services and changes them. Fees are typed as
 * decimals in the deployment's currency ({@code selfcare.tariff.currency}).
 */
@Component
@Command(name = "services", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists and changes the catalogue of value-added services.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:a field is invalid, or the service exists (add) or does not (update)",
                "2:invalid or missing options" })
public class ServicesCommand implements Callable<Integer> {

    static final int REJECTED = 1;

    @Spec
    CommandSpec spec;

    private final ServiceCatalogue catalogue;

    private final Currency currency;

    ServicesCommand(ServiceCatalogue catalogue, TariffProperties tariff) {
        this.catalogue = catalogue;
        this.currency = Currency.getInstance(tariff.currency());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "list", description = "Lists every service with its fee, period, rules and whether it is offered.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-20s %10s %-6s %-10s %-18s %-6s %s%n", "CODE", "FEE", "PERIOD", "AUTO-RENEW", "CANCELLATION",
                "ACTIVE", "NAME");
        for (ValueAddedService service : catalogue.all()) {
            out.printf("%-20s %10s %-6s %-10s %-18s %-6s %s%n", service.code(), Amount.of(service.fee()).decimal(),
                    service.period(), service.autoRenew() ? "yes" : "no", service.cancellation(),
                    service.active() ? "yes" : "no", service.name());
        }
        out.flush();
        return 0;
    }

    @Command(name = "add", description = "Adds a service.")
    int add(@Option(names = "--code", required = true, paramLabel = "CODE",
                    description = "1 to 40 lower-case letters, digits or hyphens, such as news-daily") String code,
            @Option(names = "--name", required = true, paramLabel = "NAME",
                    description = "the name subscribers see, 1 to 100 characters") String name,
            @Option(names = "--content", required = true, paramLabel = "TEXT",
                    description = "what the service delivers, in one sentence of at most 300 characters")
                    String content,
            @Option(names = "--fee", required = true, paramLabel = "AMOUNT",
                    description = "fee per period, such as 2.00") String fee,
            @Option(names = "--period", required = true, paramLabel = "PERIOD",
                    description = "DAY, WEEK or MONTH") BillingPeriod period,
            @Option(names = "--no-auto-renew", description = "end the subscription after one period")
                    boolean noAutoRenew,
            @Option(names = "--cancellation", defaultValue = "END_OF_PERIOD", paramLabel = "RULE",
                    description = "END_OF_PERIOD (default) or IMMEDIATE_PRO_RATA") Cancellation cancellation,
            @Option(names = "--inactive", description = "add it without offering it yet") boolean inactive) {
        return rejectionsPrinted(() -> {
            if (catalogue.find(code).isPresent()) {
                throw new IllegalArgumentException("A service with the code " + code + " exists already; use update.");
            }
            catalogue.save(new ValueAddedService(code, name, content, money(fee), period, !noAutoRenew, cancellation,
                    !inactive));
            spec.commandLine().getOut().printf("Added %s.%n", code);
        });
    }

    @Command(name = "update", description = "Changes a service. A new fee applies from the next period of existing "
            + "subscriptions; an inactive service takes no new subscriptions and renews none.")
    int update(@Option(names = "--code", required = true, paramLabel = "CODE") String code,
            @Option(names = "--name", paramLabel = "NAME") String name,
            @Option(names = "--content", paramLabel = "TEXT") String content,
            @Option(names = "--fee", paramLabel = "AMOUNT") String fee,
            @Option(names = "--period", paramLabel = "PERIOD", description = "DAY, WEEK or MONTH; applies to new "
                    + "subscriptions") BillingPeriod period,
            @Option(names = "--auto-renew", paramLabel = "true|false", arity = "1") Boolean autoRenew,
            @Option(names = "--cancellation", paramLabel = "RULE") Cancellation cancellation,
            @Option(names = "--active", paramLabel = "true|false", arity = "1") Boolean active) {
        return rejectionsPrinted(() -> {
            ValueAddedService service = catalogue.find(code)
                    .orElseThrow(() -> new IllegalArgumentException("There is no service " + code + "."));
            catalogue.save(new ValueAddedService(code, name == null ? service.name() : name,
                    content == null ? service.content() : content, fee == null ? service.fee() : money(fee),
                    period == null ? service.period() : period, autoRenew == null ? service.autoRenew() : autoRenew,
                    cancellation == null ? service.cancellation() : cancellation,
                    active == null ? service.active() : active));
            spec.commandLine().getOut().printf("Updated %s.%n", code);
        });
    }

    private int rejectionsPrinted(Runnable change) {
        try {
            change.run();
            return 0;
        }
        catch (IllegalArgumentException ex) {
            spec.commandLine().getErr().println(ex.getMessage());
            return REJECTED;
        }
        finally {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }

    private Money money(String decimal) {
        return Money.parse(decimal, currency);
    }
}
