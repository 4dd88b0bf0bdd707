package org.selfcare.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.NewSubscriber;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.platform.SecretFile;
import org.selfcare.platform.SelfcareProperties;
import org.selfcare.usage.CallRecordImporter;
import org.selfcare.usage.ImportOptions;
import org.selfcare.usage.ImportSummary;
import org.selfcare.usage.Tariff;
import org.selfcare.usage.cdr.CallLine;
import org.selfcare.usage.cdr.CdrReadOptions;
import org.selfcare.usage.cdr.CdrReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with the subscribers of the two real switch exports shipped with the portal, gives
 * them accounts and a payment history, and imports their call records through the real importer.
 *
 * <p>All demo subscribers share one password, generated at first start and kept in
 * {@code selfcare.data-dir}/demo-password.txt, and one service password for second authentication, kept in
 * demo-service-password.txt; both files are readable by the owner only, and nothing secret is in the repository.
 * These subscribers are active. Two more are provisioned for the first sign-in by {@link DemoFirstSignIn}.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

    static final String ASTERISK_FILE = "demo/asterisk-master.csv";

    static final String MOBILE_FILE = "demo/mobile-calls.csv";

    static final String PASSWORD_FILE = "demo-password.txt";

    static final String SERVICE_PASSWORD_FILE = "demo-service-password.txt";

    private static final Logger logger = LoggerFactory.getLogger(DemoData.class);

    private static final ZoneId PBX_ZONE = ZoneId.of("America/New_York");

    /**
     * The zone the PBX wrote its times in: every start time in its export equals the Unix time in the record's
     * uniqueid, so the switch clock ran on UTC although its users are in New York.
     */
    private static final ZoneId PBX_SWITCH_ZONE = ZoneOffset.UTC;

    private static final ZoneId MOBILE_ZONE = ZoneId.of("Europe/London");

    private static final String[] FIRST_NAMES = { "Robin", "Alex", "Sam", "Jordan", "Casey", "Morgan", "Taylor",
            "Jamie", "Avery", "Riley", "Quinn", "Drew" };

    private static final String[] LAST_NAMES = { "Hale", "Mercer", "Okafor", "Lindqvist", "Moreau", "Tanaka",
            "Castillo", "Novak", "Byrne", "Adeyemi", "Sato", "Kowalski" };

    private final SubscriberDirectory subscribers;

    private final Accounts accounts;

    private final CallRecordImporter importer;

    private final Tariff tariff;

    private final SelfcareProperties properties;

    private final Environment environment;

    private final DemoFirstSignIn firstSignIn;

    DemoData(SubscriberDirectory subscribers, Accounts accounts, CallRecordImporter importer, Tariff tariff,
            SelfcareProperties properties, Environment environment, DemoFirstSignIn firstSignIn) {
        this.environment = environment;
        this.firstSignIn = firstSignIn;
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.importer = importer;
        this.tariff = tariff;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Path passwordFile = properties.dataDir().resolve(PASSWORD_FILE).toAbsolutePath();
        if (subscribers.count() > 0) {
            logger.info("Demo data already present; sign in with a demo number and the password in {}", passwordFile);
            firstSignIn.ensureProvisioned();
            return;
        }
        String password = SecretFile.readOrCreatePassword(passwordFile);
        String servicePassword = SecretFile.readOrCreate(properties.dataDir().resolve(SERVICE_PASSWORD_FILE));

        List<Subscriber> pbx = provision(pbxNumbers(), "US", PBX_ZONE, password, servicePassword);
        List<Subscriber> mobile = provision(mobileNumbers(), "GB", MOBILE_ZONE, password, servicePassword);
        giveHistory(pbx, Instant.parse("2017-05-01T09:00:00Z"));
        giveHistory(mobile, Instant.parse("2010-08-15T09:00:00Z"));

        report(importFile(ASTERISK_FILE, PBX_SWITCH_ZONE, "US"));
        report(importFile(MOBILE_FILE, MOBILE_ZONE, "GB"));

        firstSignIn.ensureProvisioned();
        logger.info("Demo ready: {} subscribers. Sign in at https://localhost:{}/signin with, for example, {} or {}, "
                + "and the password in {}", pbx.size() + mobile.size(), environment.getProperty("local.server.port", "8443"),
                mobile.get(0).msisdn(), pbx.get(0).msisdnE164(), passwordFile);
    }

    /**
     * Returns the numbers to provision: both parties of every call in the PBX export, whose numbers are all
     * extensions of the PBX.
     */
    private Set<String> pbxNumbers() throws IOException {
        Set<String> numbers = new TreeSet<>();
        try (InputStream in = new ClassPathResource(ASTERISK_FILE).getInputStream();
                CdrReader reader = CdrReader.open(in, CdrReadOptions.detectLayout(PBX_SWITCH_ZONE))) {
            while (reader.hasNext()) {
                if (reader.next() instanceof CallLine call) {
                    numbers.add(call.callingNumber());
                    numbers.add(call.calledNumber());
                }
            }
        }
        return numbers;
    }

    /**
     * Returns the numbers of the mobile log's "user" column: the subscribers the log was recorded for. Their
     * correspondents stay outside the operator.
     */
    private Set<String> mobileNumbers() throws IOException {
        Set<String> numbers = new TreeSet<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = new InputStreamReader(new ClassPathResource(MOBILE_FILE).getInputStream(),
                StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord record : parser) {
                numbers.add(record.get("user"));
            }
        }
        return numbers;
    }

    private List<Subscriber> provision(Set<String> numbers, String region, ZoneId zone, String password,
            String servicePassword) {
        List<Subscriber> created = new ArrayList<>();
        int index = 0;
        for (String number : numbers) {
            String name = FIRST_NAMES[index % FIRST_NAMES.length] + " "
                    + LAST_NAMES[(index / FIRST_NAMES.length + index) % LAST_NAMES.length];
            Subscriber subscriber = subscribers.register(
                    new NewSubscriber(number, region, name, zone, password).withServicePassword(servicePassword));
            accounts.open(subscriber.id(), tariff.currency());
            created.add(subscriber);
            index++;
        }
        return created;
    }

    /**
     * Gives each subscriber a few top-ups before and during the period of their calls. The amounts come from a
     * generator seeded with the subscriber's number, so every demo database has the same history.
     */
    private void giveHistory(List<Subscriber> provisioned, Instant firstPayment) {
        for (Subscriber subscriber : provisioned) {
            Random random = new Random(subscriber.msisdnE164().hashCode());
            int payments = 3 + random.nextInt(6);
            Instant paidAt = firstPayment.plus(random.nextInt(72), ChronoUnit.HOURS);
            for (int i = 0; i < payments; i++) {
                long amount = (10 + random.nextInt(5) * 10) * 100L;
                PaymentChannel channel = PaymentChannel.values()[random.nextInt(PaymentChannel.values().length)];
                String reference = "DEMO-" + subscriber.msisdnE164().substring(1) + "-" + (i + 1);
                accounts.recordPayment(subscriber.id(), new Money(amount, tariff.currency()), channel, reference,
                        paidAt);
                paidAt = paidAt.plus(5 + random.nextInt(20), ChronoUnit.DAYS);
            }
        }
    }

    private ImportSummary importFile(String resource, ZoneId zone, String region) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return importer.importStream(in, resource, new ImportOptions(zone, region, null,
                    ImportOptions.DEFAULT_EARLIEST), (rejected) -> logger.debug("Demo import skipped line {}: {}",
                            rejected.lineNumber(), rejected.reason()));
        }
    }

    private static void report(ImportSummary summary) {
        logger.info("Demo import {}: read {}, imported {}, duplicates {}, rejected {}", summary.layout(),
                summary.read(), summary.imported(), summary.duplicates(), summary.rejected());
    }
}
