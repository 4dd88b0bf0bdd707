package org.selfcare.operator.console;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.operator.DuplicateSubscriberException;
import org.selfcare.operator.InvalidProvisioningRequestException;
import org.selfcare.operator.ProvisionedSubscriber;
import org.selfcare.operator.ProvisioningRequest;
import org.selfcare.operator.SubscriberProvisioning;
import org.selfcare.operator.staff.StaffPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Provisioning for administrators: the same service as the command and the operator API, so the subscriber gets
 * the same SMS and must finish the same first sign-in.
 */
@Controller
class ProvisioningPageController {

    private final SubscriberProvisioning provisioning;

    private final StaffActions actions;

    ProvisioningPageController(SubscriberProvisioning provisioning, StaffActions actions) {
        this.provisioning = provisioning;
        this.actions = actions;
    }

    @GetMapping("/console/provisioning")
    String form(Model model) {
        model.addAttribute("form", new ProvisioningForm());
        return "console/provisioning";
    }

    @PostMapping("/console/provisioning")
    String provision(@ModelAttribute("form") ProvisioningForm form, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, Model model) {
        try {
            ProvisionedSubscriber created = provisioning.provision(form.request(), request.getRemoteAddr(),
                    "operator console by " + staff.username());
            actions.done(staff, request, created.id(), "provisioned subscriber " + created.msisdnE164());
            model.addAttribute("created", created);
            model.addAttribute("form", new ProvisioningForm());
        }
        catch (InvalidProvisioningRequestException ex) {
            model.addAttribute("problems", ex.problems());
        }
        catch (DuplicateSubscriberException ex) {
            model.addAttribute("duplicate", ex.msisdnE164());
        }
        return "console/provisioning";
    }

    /** The form's fields, bound by name. */
    static final class ProvisioningForm {

        private String msisdn = "";

        private String region = "GB";

        private String displayName = "";

        private String timeZone = "Europe/London";

        private String contactEmail = "";

        private String identityDocumentDigits = "";

        ProvisioningRequest request() {
            return new ProvisioningRequest(msisdn, region, displayName, timeZone, contactEmail, identityDocumentDigits);
        }

        public String getMsisdn() {
            return msisdn;
        }

        public void setMsisdn(String msisdn) {
            this.msisdn = msisdn;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public String getContactEmail() {
            return contactEmail;
        }

        public void setContactEmail(String contactEmail) {
            this.contactEmail = contactEmail;
        }

        public String getIdentityDocumentDigits() {
            return identityDocumentDigits;
        }

        public void setIdentityDocumentDigits(String identityDocumentDigits) {
            this.identityDocumentDigits = identityDocumentDigits;
        }
    }
}
