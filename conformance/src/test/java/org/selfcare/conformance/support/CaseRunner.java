package org.selfcare.conformance.support;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.selfcare.conformance.inbox.KitInboxes;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.run.KitRunner;

/**
 * Runs one case against a target through the kit's own runner, as {@code x1470 run} would.
 */
public final class CaseRunner {

    private CaseRunner() {
    }

    public static CaseResult run(TestCase testCase, URI target, TargetProfile profile) {
        return new KitRunner(Clock.systemUTC()).run(target, profile, List.of(testCase)).results().get(0);
    }

    /**
     * Runs one case with inboxes the test started, so that the test could give their ports to its target.
     */
    public static CaseResult run(TestCase testCase, URI target, TargetProfile profile, KitInboxes inboxes) {
        return new KitRunner(Clock.systemUTC()).run(target, profile, List.of(testCase), inboxes).results().get(0);
    }
}
