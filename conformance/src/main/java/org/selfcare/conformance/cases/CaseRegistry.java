package org.selfcare.conformance.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.TestCase;

/**
 * Every case the kit knows, in catalogue order: the implemented ones and a placeholder for each of the others.
 */
public final class CaseRegistry {

    /** The reason of every case this version cannot exercise, so a merge of reports can tell them apart. */
    public static final String NOT_IMPLEMENTED_REASON = "not implemented in this version";

    private final Map<String, TestCase> cases = new LinkedHashMap<>();

    public CaseRegistry(List<TestCase> implemented) {
        Map<String, TestCase> byId = new LinkedHashMap<>();
        for (TestCase testCase : implemented) {
            byId.put(testCase.id(), testCase);
        }
        for (CaseDescription description : CaseCatalog.all()) {
            cases.put(description.id(), byId.getOrDefault(description.id(), new NotImplementedCase(description)));
        }
    }

    /**
     * Returns the registry with every case this version implements.
     */
    public static CaseRegistry standard() {
        return new CaseRegistry(ImplementedCases.all());
    }

    public List<TestCase> all() {
        return List.copyOf(cases.values());
    }

    public boolean isImplemented(String id) {
        return !(cases.get(id) instanceof NotImplementedCase);
    }

    /**
     * Returns the cases whose ids match any of the patterns, such as {@code T-5-*} or {@code T-1-7}.
     *
     * @throws IllegalArgumentException when a pattern matches no case
     */
    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.trim().toUpperCase().split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[0-9]+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    public List<TestCase> select(List<String> patterns) {
        if (patterns.isEmpty()) {
            return all();
        }
        List<TestCase> selected = new ArrayList<>();
        for (String pattern : patterns) {
            Pattern regex = toRegex(pattern);
            List<TestCase> matches = cases.values().stream().filter((testCase) -> regex.matcher(testCase.id()).matches())
                    .toList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("--cases " + pattern + " matches no case; cases are T-1-1 to T-5-6, "
                        + "and * stands for a number, as in T-5-*");
            }
            matches.stream().filter((testCase) -> !selected.contains(testCase)).forEach(selected::add);
        }
        return selected;
    }
}
