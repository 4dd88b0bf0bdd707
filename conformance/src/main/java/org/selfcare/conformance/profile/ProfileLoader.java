package org.selfcare.conformance.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.selfcare.conformance.profile.TargetProfile.Account;
import org.selfcare.conformance.profile.TargetProfile.Captcha;
import org.selfcare.conformance.profile.TargetProfile.Lockout;
import org.selfcare.conformance.profile.TargetProfile.Outcome;
import org.selfcare.conformance.profile.TargetProfile.SignIn;
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
            "accounts", "lockout", "captcha", "upload", "timeout", "http-port");

    private static final Map<String, String> SELFCARE_SIGN_IN = Map.of("page", "/signin", "action", "/signin",
            "username-field", "msisdn", "password-field", "password");

    /** Name of the Selfcare sign-in form's field for the verification code. */
    private static final String SELFCARE_CAPTCHA_FIELD = "captcha";

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

        return new TargetProfile(type, name, tls, signIn, protectedPath, accounts, lockout, captcha, upload,
                timeout, httpPort);
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
            rejectUnknown(entry, Set.of("username", "password", "password-file", "password-env"), prefix);
            String username = required(entry, "username", prefix);
            accounts.add(new Account(username, secret(entry, "password", prefix, folder)));
            index++;
        }
        return accounts;
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
