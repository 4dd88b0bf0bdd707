package org.selfcare.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Starts the portal's Spring application in this JVM and imports one file with
 * {@code CallRecordImporter.importFile}, the method behind {@code import-cdr}.
 *
 * <p>It exists because {@code import-cdr} of the portal under test does not start: its application context
 * without a web server fails on {@code SecurityConfiguration}, which needs {@code HttpSecurity}. So this class
 * starts the context with its web server, on a free port of 127.0.0.1, and calls the importer bean directly.
 * It must run from the portal's jar with Spring Boot's {@code PropertiesLauncher} and this module's classes on
 * {@code loader.path}, so it reaches the portal's classes by name rather than compiling against them.
 *
 * <p>Usage: {@code ImportInProcess FILE ZONE REGION}, with the database chosen by {@code SPRING_DATASOURCE_*}
 * variables or by {@code selfcare.data-dir}.
 */
public final class ImportInProcess {

    private ImportInProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ZoneId zone = ZoneId.of(args[1]);
        String region = args[2];

        Class<?> application = Class.forName("org.selfcare.SelfcareApplication");
        Class<?> springApplication = Class.forName("org.springframework.boot.SpringApplication");
        Method run = springApplication.getMethod("run", Class.class, String[].class);
        String[] properties = { "--server.address=127.0.0.1", "--server.port=0", "--selfcare.http-port=0",
            "--selfcare.operator.port=0" };
        AutoCloseable context = (AutoCloseable) run.invoke(null, application, properties);
        try {
            Class<?> importerType = Class.forName("org.selfcare.usage.CallRecordImporter");
            Object importer = context.getClass().getMethod("getBean", Class.class).invoke(context, importerType);

            Class<?> optionsType = Class.forName("org.selfcare.usage.ImportOptions");
            Constructor<?> optionsConstructor = optionsType.getDeclaredConstructor(ZoneId.class, String.class,
                    Class.forName("org.selfcare.usage.cdr.CdrLayout"), Instant.class);
            // Same values as import-cdr's defaults: layout detected from the file, calls before 2000 rejected.
            Object options = optionsConstructor.newInstance(zone, region, null, Instant.parse("2000-01-01T00:00:00Z"));

            AtomicLong rejected = new AtomicLong();
            Consumer<Object> onRejected = (line) -> {
                if (rejected.incrementAndGet() <= 10) {
                    System.err.println(file + ": rejected: " + line);
                }
            };
            Method importFile = importerType.getMethod("importFile", Path.class, optionsType, Consumer.class);
            Object summary = importFile.invoke(importer, file, options, onRejected);
            System.out.println(file + ": " + summary);
        }
        finally {
            context.close();
        }
    }
}
