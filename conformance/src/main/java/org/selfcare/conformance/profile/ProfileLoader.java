package org.selfcare.conformance.profile;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.selfcare.conformance.profile.TargetProfile.Account;
import org.selfcare.conformance.profile.TargetProfile.Captcha;
import org.selfcare.conformance.profile.TargetProfile.Database;
import org.selfcare.conformance.profile.TargetProfile.Integrity;
import org.selfcare.conformance.profile.TargetProfile.Lockout;
import org.selfcare.conformance.profile.TargetProfile.Mail;
import org.selfcare.conformance.profile.TargetProfile.Monitoring;
import org.selfcare.conformance.profile.TargetProfile.Outcome;
import org.selfcare.conformance.profile.TargetProfile.Payment;
import org.selfcare.conformance.profile.TargetProfile.Provisioning;
import org.selfcare.conformance.profile.TargetProfile.Purchase;
import org.selfcare.conformance.profile.TargetProfile.SignIn;
import org.selfcare.conformance.profile.TargetProfile.Sms;
import org.selfcare.conformance.profile.TargetProfile.Subscription;
import org.selfcare.conformance.profile.TargetProfile.Tls;
import org.selfcare.conformance.profile.TargetProfile.Upload;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a target profile from YAML, fills the defaults of its type and checks every value, so that a mistake
 * is reported before the run starts, with the setting's name and what to write instead.
 */
public final class ProfileLoader {

    private static final Set<String> TOP_LEVEL = Set.of("type", "name", "tls", "sign-in", "protected-path",
            "accounts", "lockout", "captcha", "upload", "timeout", "http-port", "sms", "mail", "provisioning", "database", "integrity",
            "purchase", "payment", "subscription", "monitoring");

    private static final Map<String, String> SELFCARE_SIGN_IN = Map.of("page", "/signin", "action", "/signin",
            "username-field", "msisdn", "password-field", "password");

    /** The sealed table T-2-4 changes by default: Selfcare's call records. */
    static final String DEFAULT_TABLE = "call_record";

    /** For Selfcare's sealed tables: the column the kit changes. */
    private static final Map<String, String> SELFCARE_SEALED_COLUMNS = Map.of("call_record", "charge_minor",
            "payment", "amount_minor");

    /** For Selfcare's sealed tables: the API path that lists a subscriber's rows with their ids. */
    private static final Map<String, String> SELFCARE_LIST_PATHS = new java.util.TreeMap<>(Map.of("call_record",
            "/api/v1/calls", "payment", "/api/v1/payments"));

    /** Name of the Selfcare sign-in form's field for the verification code. */
    private static final String SELFCARE_CAPTCHA_FIELD = "captcha";

    private static final Set<String> ACCOUNT_ROLES = Set.of(TargetProfile.STEP_UP_LOCKOUT_ROLE);

    /** Selfcare's catalogue item ids. */
    private static final String ITEM_ID = "[a-z0-9-]{1,40}";

    /** Shorter secrets could be guessed, and the sandbox's HMAC and bearer checks would mean little. */
    private static final int MIN_PAYMENT_SECRET_LENGTH = 16;

    /** SMPP 3.4 allows a system_id of at most 15 characters and a password of at most 8. */
    private static final int MAX_SYSTEM_ID_LENGTH = 15;

    private static final int MAX_SMPP_PASSWORD_LENGTH = 8;

    /** A one-time code of six digits, standing alone. */
    static final String DEFAULT_CODE_PATTERN = "(?<![0-9])([0-9]{6})(?![0-9])";

    /**
     * The first word after "password" that has at least 8 characters with a letter and a digit, so that text
     * such as "Your password for Selfcare is ..." reads the password and not "for". A full stop or comma at
     * the word's end is read as punctuation, not as part of the password.
     */
    static final String DEFAULT_INITIAL_PASSWORD_PATTERN =
            "(?i)password\\b.*?(?<=[\\s:])((?=\\S*[0-9])(?=\\S*[a-z])\\S{8,}?)[.,]?(?=\\s|$)";

    /**
     * The first word after "service password" that has at least 6 characters with a digit, such as the 8 digits
     * Selfcare sends at provisioning. A full stop or comma at the word's end is read as punctuation.
     */
    static final String DEFAULT_SERVICE_PASSWORD_PATTERN =
            "(?i)service password\\b.*?(?<=[\\s:])((?=\\S*[0-9])\\S{6,}?)[.,]?(?=\\s|$)";

    /** Fresh subscribers T-4-3 subscribes to one service: more than Selfcare's default minimum of 10. */
    static final int DEFAULT_SERVICE_VOLUME_SUBSCRIBERS = 12;

    /** Upper bound of monitoring.service-volume-subscribers, because each one is a subscriber the run leaves. */
    private static final int MAX_SERVICE_VOLUME_SUBSCRIBERS = 50;

    private final Function<String, String> environment;

    public ProfileLoader() {
        this(System::getenv);
    }

    ProfileLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Reads and checks the profile in {@code file}. Relative paths inside it are relative to its folder.
     *
     * @throws InvalidProfileException when the file cannot be read or a setting is missing or invalid
     */
    public TargetProfile load(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (NoSuchFileException ex) {
            throw new InvalidProfileException("profile " + file + " does not exist");
        }
        catch (IOException ex) {
            throw new InvalidProfileException("cannot read profile " + file + ": " + ex.getMessage());
        }
        catch (JacksonException ex) {
            throw new InvalidProfileException("profile " + file + " is not valid YAML: " + firstLine(ex.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidProfileException("profile " + file + " must be a YAML mapping with at least 'type'");
        }
        Path folder = file.toAbsolutePath().getParent();
        return read(root, folder);
    }

    private TargetProfile read(JsonNode root, Path folder) {
        rejectUnknown(root, TOP_LEVEL, "");
        ProfileType type = ProfileType.fromLabel(required(root, "type", ""));
        String name = optional(root, "name").orElse(type.label() + " target");

        JsonNode tlsNode = object(root, "tls");
        rejectUnknown(tlsNode, Set.of("insecure", "ca-file"), "tls.");
        Tls tls = new Tls(bool(tlsNode, "insecure", false, "tls."),
                optional(tlsNode, "ca-file").map(folder::resolve));

        SignIn signIn = signIn(object(root, "sign-in"), type);
        String protectedPath = optional(root, "protected-path")
                .orElseGet(() -> (type == ProfileType.SELFCARE) ? "/api/v1/me" : null);
        if (protectedPath == null) {
            throw new InvalidProfileException("protected-path is missing: name a page that needs a session, "
                    + "such as /account, so the kit can tell whether it is signed in");
        }
        requirePath(protectedPath, "protected-path");

        List<Account> accounts = accounts(root.get("accounts"), folder);

        JsonNode lockoutNode = object(root, "lockout");
        rejectUnknown(lockoutNode, Set.of("max-failures", "minimum-duration", "wait-for-unlock"), "lockout.");
        int maxFailures = integer(lockoutNode, "max-failures", 3, "lockout.");
        if (maxFailures < 1 || maxFailures > 100) {
            throw new InvalidProfileException("lockout.max-failures must be between 1 and 100, not " + maxFailures);
        }
        Lockout lockout = new Lockout(maxFailures,
                duration(lockoutNode, "minimum-duration", Duration.ofMinutes(5), "lockout."),
                bool(lockoutNode, "wait-for-unlock", false, "lockout."));

        Optional<Captcha> captcha = Optional.ofNullable(root.get("captcha")).map((node) -> captcha(node, type, folder));
        Optional<Upload> upload = Optional.ofNullable(root.get("upload")).map(this::upload);
        Duration timeout = duration(root, "timeout", Duration.ofSeconds(15), "");
        int httpPort = integer(root, "http-port", 80, "");
        if (httpPort < 1 || httpPort > 65535) {
            throw new InvalidProfileException("http-port must be a TCP port between 1 and 65535, not " + httpPort);
        }

        Optional<Sms> sms = Optional.ofNullable(root.get("sms")).map((node) -> sms(node, folder));
        Optional<Mail> mail = Optional.ofNullable(root.get("mail")).map(this::mail);
        Optional<Provisioning> provisioning = Optional.ofNullable(root.get("provisioning"))
                .map((node) -> provisioning(node, folder));

        Optional<Database> database = Optional.ofNullable(root.get("database"))
                .map((node) -> database(node, folder));
        JsonNode integrityNode = object(root, "integrity");
        rejectUnknown(integrityNode, Set.of("browser-check-done"), "integrity.");
        Integrity integrity = new Integrity(bool(integrityNode, "browser-check-done", false, "integrity."));

        Optional<Purchase> purchase = Optional.ofNullable(root.get("purchase")).map(this::purchase);
        Optional<Payment> payment = Optional.ofNullable(root.get("payment")).map((node) -> payment(node, folder));
        Optional<Subscription> subscription = Optional.ofNullable(root.get("subscription")).map(this::subscription);
        Monitoring monitoring = monitoring(object(root, "monitoring"));

        return new TargetProfile(type, name, tls, signIn, protectedPath, accounts, lockout, captcha, upload,
                timeout, httpPort, sms, mail, provisioning, database, integrity, purchase, payment, subscription,
                monitoring);
    }

    private Subscription subscription(JsonNode node) {
        rejectUnknown(node, Set.of("service"), "subscription.");
        Optional<String> service = optional(node, "service");
        if (service.isPresent() && !service.get().matches(ITEM_ID)) {
            throw new InvalidProfileException("subscription.service must be a service code of 1 to 40 lower-case "
                    + "letters, digits and hyphens, such as news-daily, not '" + service.get() + "'");
        }
        return new Subscription(service);
    }

    private Monitoring monitoring(JsonNode node) {
        rejectUnknown(node, Set.of("wait", "service-volume-subscribers"), "monitoring.");
        Duration wait = duration(node, "wait", Duration.ofSeconds(20), "monitoring.");
        int subscribers = integer(node, "service-volume-subscribers", DEFAULT_SERVICE_VOLUME_SUBSCRIBERS,
                "monitoring.");
        if (subscribers < 2 || subscribers > MAX_SERVICE_VOLUME_SUBSCRIBERS) {
            throw new InvalidProfileException("monitoring.service-volume-subscribers must be between 2 and "
                    + MAX_SERVICE_VOLUME_SUBSCRIBERS + ", not " + subscribers);
        }
        return new Monitoring(wait, subscribers);
    }

    private Purchase purchase(JsonNode node) {
        rejectUnknown(node, Set.of("item"), "purchase.");
        String item = required(node, "item", "purchase.");
        if (!item.matches(ITEM_ID)) {
            throw new InvalidProfileException("purchase.item must be a catalogue item id of 1 to 40 lower-case "
                    + "letters, digits and hyphens, such as recharge-5, not '" + item + "'");
        }
        return new Purchase(item);
    }

    private Payment payment(JsonNode node, Path folder) {
        rejectUnknown(node, Set.of("port", "secret-key", "secret-key-file", "secret-key-env", "webhook-secret",
                "webhook-secret-file", "webhook-secret-env", "webhook-url", "keystore", "keystore-password",
                "keystore-password-file", "keystore-password-env"), "payment.");
        int port = port(node, "payment.");
        String secretKey = secret(node, "secret-key", "payment.", folder);
        String webhookSecret = secret(node, "webhook-secret", "payment.", folder);
        if (secretKey.length() < MIN_PAYMENT_SECRET_LENGTH || webhookSecret.length() < MIN_PAYMENT_SECRET_LENGTH) {
            throw new InvalidProfileException("payment.secret-key and payment.webhook-secret must each have at "
                    + "least " + MIN_PAYMENT_SECRET_LENGTH + " characters");
        }
        Optional<URI> webhookUrl = optional(node, "webhook-url")
                .map((text) -> absoluteUrl(text, "payment.webhook-url"));
        Optional<Path> keystore = optional(node, "keystore").map(folder::resolve);
        if (keystore.isPresent() && !Files.isReadable(keystore.get())) {
            throw new InvalidProfileException("payment.keystore: cannot read " + keystore.get());
        }
        String keystorePassword = keystore.isPresent() ? secret(node, "keystore-password", "payment.", folder) : "";
        return new Payment(port, secretKey, webhookSecret, webhookUrl, keystore, keystorePassword);
    }

    private Database database(JsonNode node, Path folder) {
        rejectUnknown(node, Set.of("url", "user", "password", "password-file", "password-env", "table", "column",
                "list-path"), "database.");
        String url = required(node, "url", "database.");
        if (!url.startsWith("jdbc:")) {
            throw new InvalidProfileException("database.url must be a JDBC URL such as "
                    + "jdbc:postgresql://127.0.0.1:5432/selfcare, not '" + url + "'");
        }
        String user = required(node, "user", "database.");
        String password = secret(node, "password", "database.", folder);

        String table = optional(node, "table").orElse(DEFAULT_TABLE);
        String column = optional(node, "column").orElse(SELFCARE_SEALED_COLUMNS.get(table));
        String listPath = optional(node, "list-path").orElse(SELFCARE_LIST_PATHS.get(table));
        requireIdentifier(table, "database.table");
        if (column == null || listPath == null) {
            throw new InvalidProfileException("database.column and database.list-path are required for table "
                    + table + "; the kit knows them only for " + String.join(" and ", SELFCARE_LIST_PATHS.keySet()));
        }
        requireIdentifier(column, "database.column");
        requirePath(listPath, "database.list-path");
        return new Database(url, user, password, table, column, listPath);
    }

    /**
     * Checks a table or column name, which the kit writes into SQL: letters, digits and underscores, with an
     * optional schema before a dot.
     */
    private static void requireIdentifier(String name, String setting) {
        if (!name.matches("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidProfileException(setting + " must be a table or column name of letters, digits and "
                    + "underscores, such as call_record, not '" + name + "'");
        }
    }

    private SignIn signIn(JsonNode node, ProfileType type) {
        rejectUnknown(node, Set.of("page", "action", "username-field", "password-field", "success", "failure",
                "unknown-username"), "sign-in.");
        boolean selfcare = type == ProfileType.SELFCARE;
        String page = optional(node, "page").orElse(selfcare ? SELFCARE_SIGN_IN.get("page") : null);
        String action = optional(node, "action").orElse(selfcare ? SELFCARE_SIGN_IN.get("action") : page);
        String username = optional(node, "username-field").orElse(selfcare ? "msisdn" : null);
        String password = optional(node, "password-field").orElse(selfcare ? "password" : null);
        if (page == null) {
            throw new InvalidProfileException("sign-in.page is missing: give the path of the sign-in page, such as /login");
        }
        if (username == null || password == null) {
            throw new InvalidProfileException("sign-in.username-field and sign-in.password-field are required for "
                    + "a form-login profile: give the name attributes of the form's inputs");
        }
        requirePath(page, "sign-in.page");
        requirePath(action, "sign-in.action");

        Outcome success = outcome(node.get("success"), "sign-in.success.");
        Outcome failure = outcome(node.get("failure"), "sign-in.failure.");
        if (selfcare && node.get("success") == null) {
            success = new Outcome(Optional.empty(), Optional.empty(), Optional.of("failed"), Optional.empty());
        }
        if (selfcare && node.get("failure") == null) {
            failure = new Outcome(Optional.empty(), Optional.of("failed"), Optional.empty(), Optional.empty());
        }
        if (isEmpty(success) || isEmpty(failure)) {
            throw new InvalidProfileException("sign-in.success and sign-in.failure each need at least one of status, "
                    + "redirect-contains, redirect-not-contains or body-contains");
        }
        return new SignIn(page, action, username, password, success, failure, optional(node, "unknown-username"));
    }

    private Outcome outcome(JsonNode node, String prefix) {
        if (node == null) {
            return new Outcome(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        rejectUnknown(node, Set.of("status", "redirect-contains", "redirect-not-contains", "body-contains"), prefix);
        Optional<Integer> status = node.has("status")
                ? Optional.of(integer(node, "status", 0, prefix)) : Optional.empty();
        return new Outcome(status, optional(node, "redirect-contains"), optional(node, "redirect-not-contains"),
                optional(node, "body-contains"));
    }

    private static boolean isEmpty(Outcome outcome) {
        return outcome.status().isEmpty() && outcome.redirectContains().isEmpty()
                && outcome.redirectNotContains().isEmpty() && outcome.bodyContains().isEmpty();
    }

    private List<Account> accounts(JsonNode node, Path folder) {
        List<Account> accounts = new ArrayList<>();
        if (node == null) {
            return accounts;
        }
        if (!node.isArray()) {
            throw new InvalidProfileException("accounts must be a list of entries with username and password");
        }
        int index = 0;
        for (JsonNode entry : node) {
            String prefix = "accounts[" + index + "].";
            rejectUnknown(entry, Set.of("username", "password", "password-file", "password-env", "role"), prefix);
            String username = required(entry, "username", prefix);
            Optional<String> role = optional(entry, "role");
            if (role.isPresent()) {
                checkRole(role.get(), index, accounts, prefix);
            }
            accounts.add(new Account(username, secret(entry, "password", prefix, folder), role));
            index++;
        }
        return accounts;
    }

    /**
     * Checks an account's role. The account T-2-3 locks must not be one that other cases need: T-5-1, T-5-3 and
     * T-5-6 sign in with accounts[0], and T-5-2 locks accounts[1].
     */
    private static void checkRole(String role, int index, List<Account> earlier, String prefix) {
        if (!ACCOUNT_ROLES.contains(role)) {
            throw new InvalidProfileException(prefix + "role must be one of " + String.join(", ", ACCOUNT_ROLES)
                    + ", not '" + role + "'");
        }
        if (index < 2) {
            throw new InvalidProfileException(prefix + "role: " + role + " marks an account T-2-3 locks, but other "
                    + "cases sign in with accounts[0] and T-5-2 locks accounts[1]; add it as a third account or later");
        }
        if (earlier.stream().anyMatch((account) -> account.role().filter(role::equals).isPresent())) {
            throw new InvalidProfileException(prefix + "role: " + role + " is already given to another account; "
                    + "give it to one account only");
        }
    }

    private Sms sms(JsonNode node, Path folder) {
        rejectUnknown(node, Set.of("port", "system-id", "password", "password-file", "password-env", "wait",
                "code-pattern", "initial-password-pattern", "service-password-pattern"), "sms.");
        int port = port(node, "sms.");
        String systemId = optional(node, "system-id").orElse("selfcare");
        if (systemId.length() > MAX_SYSTEM_ID_LENGTH) {
            throw new InvalidProfileException("sms.system-id must have at most " + MAX_SYSTEM_ID_LENGTH
                    + " characters, as SMPP 3.4 allows, not " + systemId.length());
        }
        String password = secret(node, "password", "sms.", folder);
        if (password.length() > MAX_SMPP_PASSWORD_LENGTH) {
            throw new InvalidProfileException("sms.password must have at most " + MAX_SMPP_PASSWORD_LENGTH
                    + " characters, as SMPP 3.4 allows, not " + password.length());
        }
        Duration wait = duration(node, "wait", Duration.ofSeconds(30), "sms.");
        Pattern code = pattern(node, "code-pattern", DEFAULT_CODE_PATTERN);
        Pattern initialPassword = pattern(node, "initial-password-pattern", DEFAULT_INITIAL_PASSWORD_PATTERN);
        Pattern servicePassword = pattern(node, "service-password-pattern", DEFAULT_SERVICE_PASSWORD_PATTERN);
        return new Sms(port, systemId, password, wait, code, initialPassword, servicePassword);
    }

    private Mail mail(JsonNode node) {
        rejectUnknown(node, Set.of("port"), "mail.");
        return new Mail(port(node, "mail."));
    }

    private Provisioning provisioning(JsonNode node, Path folder) {
        rejectUnknown(node, Set.of("url", "token", "token-file", "token-env", "region", "first-number",
                "last-number", "time-zone", "contact-email"), "provisioning.");
        URI url = absoluteUrl(required(node, "url", "provisioning."), "provisioning.url");
        String token = secret(node, "token", "provisioning.", folder);

        String region = required(node, "region", "provisioning.");
        if (!region.matches("[A-Z]{2}")) {
            throw new InvalidProfileException("provisioning.region must be a two-letter region code such as GB, not '"
                    + region + "'");
        }

        String first = required(node, "first-number", "provisioning.");
        String last = required(node, "last-number", "provisioning.");
        String firstDigits = first.replaceAll("[^0-9]", "");
        String lastDigits = last.replaceAll("[^0-9]", "");
        if (firstDigits.isEmpty() || firstDigits.length() != lastDigits.length() || firstDigits.length() > 15) {
            throw new InvalidProfileException("provisioning.first-number and provisioning.last-number must be phone "
                    + "numbers with the same number of digits (at most 15), such as \"07700 900500\" and "
                    + "\"07700 900999\"");
        }
        if (firstDigits.compareTo(lastDigits) > 0) {
            throw new InvalidProfileException("provisioning.first-number must not be greater than "
                    + "provisioning.last-number");
        }

        String timeZone = optional(node, "time-zone").orElse("UTC");
        try {
            ZoneId.of(timeZone);
        }
        catch (DateTimeException ex) {
            throw new InvalidProfileException("provisioning.time-zone must be a time zone id such as Europe/London, "
                    + "not '" + timeZone + "'");
        }

        String contactEmail = optional(node, "contact-email").orElse("x1470-first-sign-in@example.org");
        if (!contactEmail.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidProfileException("provisioning.contact-email must be an e-mail address, not '"
                    + contactEmail + "'");
        }
        return new Provisioning(url, token, region, first, last, timeZone, contactEmail);
    }

    private Captcha captcha(JsonNode node, ProfileType type, Path folder) {
        rejectUnknown(node, Set.of("field", "test-key", "test-key-file", "test-key-env"), "captcha.");
        String field = (type == ProfileType.SELFCARE)
                ? optional(node, "field").orElse(SELFCARE_CAPTCHA_FIELD) : required(node, "field", "captcha.");
        return new Captcha(field, secret(node, "test-key", "captcha.", folder));
    }

    private Upload upload(JsonNode node) {
        rejectUnknown(node, Set.of("page", "action", "field"), "upload.");
        String page = required(node, "page", "upload.");
        requirePath(page, "upload.page");
        return new Upload(page, optional(node, "action").orElse(page), required(node, "field", "upload."));
    }

    /**
     * Reads a secret given inline as {@code NAME}, from a file as {@code NAME-file} or from an environment
     * variable as {@code NAME-env}; exactly one of them.
     */
    private String secret(JsonNode node, String name, String prefix, Path folder) {
        Optional<String> inline = optional(node, name);
        Optional<String> file = optional(node, name + "-file");
        Optional<String> variable = optional(node, name + "-env");
        long given = inline.stream().count() + file.stream().count() + variable.stream().count();
        if (given != 1) {
            throw new InvalidProfileException(prefix + name + ": give exactly one of " + name + ", " + name
                    + "-file or " + name + "-env");
        }
        if (file.isPresent()) {
            Path path = folder.resolve(file.get());
            try {
                return Files.readString(path, StandardCharsets.UTF_8).strip();
            }
            catch (IOException ex) {
                throw new InvalidProfileException(prefix + name + "-file: cannot read " + path);
            }
        }
        if (variable.isPresent()) {
            String value = environment.apply(variable.get());
            if (value == null || value.isEmpty()) {
                throw new InvalidProfileException(prefix + name + "-env: environment variable " + variable.get()
                        + " is not set");
            }
            return value;
        }
        return inline.get();
    }

    private static JsonNode object(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return new YAMLMapper().createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidProfileException(name + " must be a mapping of settings");
        }
        return node;
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String prefix) {
        if (!node.isObject()) {
            throw new InvalidProfileException(prefix.isEmpty() ? "the profile must be a mapping"
                    : prefix.substring(0, prefix.length() - 1) + " must be a mapping of settings");
        }
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidProfileException("unknown setting " + prefix + name + "; known settings here: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String required(JsonNode node, String name, String prefix) {
        return optional(node, name).orElseThrow(() -> new InvalidProfileException(prefix + name + " is missing"));
    }

    private static Optional<String> optional(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new InvalidProfileException(name + " must be a single value, not a list or mapping");
        }
        String text = value.asString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private static boolean bool(JsonNode node, String name, boolean fallback, String prefix) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidProfileException(prefix + name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static int integer(JsonNode node, String name, int fallback, String prefix) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidProfileException(prefix + name + " must be a whole number");
        }
        return value.intValue();
    }

    private static Duration duration(JsonNode node, String name, Duration fallback, String prefix) {
        Optional<String> text = optional(node, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(text.get());
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidProfileException(prefix + name + " must be positive");
            }
            return duration;
        }
        catch (DateTimeParseException ex) {
            throw new InvalidProfileException(prefix + name + " must be an ISO 8601 duration such as PT5M, not '"
                    + text.get() + "'");
        }
    }

    private static int port(JsonNode node, String prefix) {
        int port = integer(node, "port", 0, prefix);
        if (port < 0 || port > 65535) {
            throw new InvalidProfileException(prefix + "port must be a TCP port between 1 and 65535, or 0 for a free "
                    + "one, not " + port);
        }
        return port;
    }

    private static Pattern pattern(JsonNode node, String name, String fallback) {
        String text = optional(node, name).orElse(fallback);
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        }
        catch (PatternSyntaxException ex) {
            throw new InvalidProfileException("sms." + name + " is not a valid regular expression: "
                    + firstLine(ex.getMessage()));
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw new InvalidProfileException("sms." + name + " needs a group in parentheses around the text to "
                    + "read, such as " + fallback);
        }
        return pattern;
    }

    private static URI absoluteUrl(String text, String name) {
        try {
            URI uri = new URI(text);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidProfileException(name + " must be an http or https URL such as "
                        + "https://127.0.0.1:9443, not '" + text + "'");
            }
            return uri;
        }
        catch (URISyntaxException ex) {
            throw new InvalidProfileException(name + " is not a valid URL: '" + text + "'");
        }
    }

    private static void requirePath(String path, String name) {
        if (!path.startsWith("/")) {
            throw new InvalidProfileException(name + " must be a path on the target starting with '/', not '" + path
                    + "'");
        }
    }

    private static String firstLine(String message) {
        return (message == null) ? "" : message.lines().findFirst().orElse("");
    }
}
